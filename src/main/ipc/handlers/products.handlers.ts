import type { productsContract } from '../../../shared/ipc/products.contract';
import { AppError } from '../../../shared/ipc/result';
import { writeAudit } from '../../db/repositories/audit.repo';
import {
  getProductById,
  getProductBySku,
  insertProduct,
  listProducts,
  updateProduct,
} from '../../db/repositories/products.repo';
import { runImportJob } from '../../imports/service';
import { withTx, type HandlersFor } from '../handler';

export const productsHandlers = {
  'products:list': (input, { db }) => listProducts(db, input),
  'products:get': ({ sku }, { db }) => {
    const p = getProductBySku(db, sku);
    if (!p) throw new AppError('NOT_FOUND', `product ${sku} not found`);
    return p;
  },
  'products:create': withTx((input, { db, user }) => {
    if (getProductBySku(db, input.sku)) {
      throw new AppError('CONFLICT', `sku: product ${input.sku} already exists`);
    }
    const id = insertProduct(db, input);
    writeAudit(db, {
      actor: user.username,
      action: 'product.create',
      entity: 'product',
      entityId: id,
      after: input,
    });
    return getProductById(db, id)!;
  }),
  'products:update': withTx((input, { db, user }) => {
    const before = getProductById(db, input.id);
    if (!before) throw new AppError('NOT_FOUND', `product #${input.id} not found`);
    const other = getProductBySku(db, input.sku);
    if (other && other.id !== input.id) {
      throw new AppError('CONFLICT', `sku: product ${input.sku} already exists`);
    }
    updateProduct(db, input.id, input);
    const after = getProductById(db, input.id)!;
    writeAudit(db, {
      actor: user.username,
      action: 'product.update',
      entity: 'product',
      entityId: input.id,
      before,
      after,
    });
    return after;
  }),
  'products:import': (input, ctx) =>
    runImportJob(ctx, { kind: 'products', input, actor: ctx.user.username }),
} satisfies HandlersFor<typeof productsContract>;
