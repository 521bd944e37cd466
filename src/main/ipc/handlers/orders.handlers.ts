import type { ordersContract } from '../../../shared/ipc/orders.contract';
import { AppError } from '../../../shared/ipc/result';
import { createOrder, getOrderDetail, listOrders } from '../../db/repositories/orders.repo';
import { createReturn, listReturns } from '../../db/repositories/returns.repo';
import { listVolumes } from '../../services/volumes';
import { runImportJob } from '../../imports/service';
import { withTx, type HandlersFor } from '../handler';

export const ordersHandlers = {
  'orders:list': (input, { db }) => listOrders(db, input),
  'orders:get': ({ orderNo }, { db }) => {
    const o = getOrderDetail(db, orderNo);
    if (!o) throw new AppError('NOT_FOUND', `order ${orderNo} not found`);
    return o;
  },
  'orders:create': withTx((input, { db, user }) => createOrder(db, input, user.username)),
  'orders:import': (input, ctx) =>
    runImportJob(ctx, { kind: 'orders', input, actor: ctx.user.username }),
  'returns:create': withTx((input, { db, user }) => createReturn(db, input, user.username)),
  'returns:list': (input, { db }) => listReturns(db, input),
  'returns:import': (input, ctx) =>
    runImportJob(ctx, { kind: 'returns', input, actor: ctx.user.username }),
  'volumes:list': (input, { db }) => listVolumes(db, input),
} satisfies HandlersFor<typeof ordersContract>;
