import type { ordersContract } from '../../../shared/ipc/orders.contract';
import { AppError } from '../../../shared/ipc/result';
import { createOrder, getOrderDetail, listOrders } from '../../db/repositories/orders.repo';
import { createReturn, listReturns } from '../../db/repositories/returns.repo';
import { importOrders } from '../../services/orders-import';
import { importReturns } from '../../services/returns-import';
import { listVolumes } from '../../services/volumes';
import { withTx, type HandlersFor } from '../handler';

export const ordersHandlers = {
  'orders:list': (input, { db }) => listOrders(db, input),
  'orders:get': ({ orderNo }, { db }) => {
    const o = getOrderDetail(db, orderNo);
    if (!o) throw new AppError('NOT_FOUND', `order ${orderNo} not found`);
    return o;
  },
  'orders:create': withTx((input, { db, user }) => createOrder(db, input, user.username)),
  'orders:import': (input, { db, user, onProgress }) =>
    importOrders(db, input, { actor: user.username, onProgress }),
  'returns:create': withTx((input, { db, user }) => createReturn(db, input, user.username)),
  'returns:list': (input, { db }) => listReturns(db, input),
  'returns:import': (input, { db, user, onProgress }) =>
    importReturns(db, input, { actor: user.username, onProgress }),
  'volumes:list': (input, { db }) => listVolumes(db, input),
} satisfies HandlersFor<typeof ordersContract>;
