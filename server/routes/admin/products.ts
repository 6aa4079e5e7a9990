/** `/v1/admin/products`: the merchant's catalogue. Prices are integer minor units. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateProductBody, DeletedBody, ListQuery, Product, ProductList, SkuParams, UpdateProductBody } from '../../../contract/admin.js';
import { conflict, notFound, unprocessable } from '../../errors.js';
import { merchantOf } from '../../plugins/auth.js';
import { deleteProduct, getProduct, insertProduct, listProducts, updateProduct } from '../../repositories/products.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses, nextCursor, productOut } from '../shared.js';

const tags = ['admin: products'];
const security = [{ secretKey: [] }];

function checkCurrency(merchantCurrency: string, currency: string): void {
  if (currency !== merchantCurrency) {
    throw unprocessable(`Prices must be in the merchant's currency ${merchantCurrency}, not ${currency}`);
  }
}

const products: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate.secret);

  app.get('/products', {
    schema: {
      tags,
      security,
      summary: 'List products',
      querystring: ListQuery,
      response: { 200: ProductList, ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request) => {
      const m = merchantOf(request);
      const items = await listProducts(app.db, m.id, request.query.limit, request.query.after);
      return { items: items.map(productOut), nextCursor: nextCursor(items, request.query.limit, (p) => p.sku) };
    },
  });

  app.post('/products', {
    schema: {
      tags,
      security,
      summary: 'Create a product',
      body: CreateProductBody,
      response: { 201: Product, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 409, 422) },
    },
    handler: async (request, reply) => {
      const m = merchantOf(request);
      const b = request.body;
      checkCurrency(m.currency, b.price.currency);
      const created = await app.changes.commit(app.db, { merchantId: m.id, kind: 'products', ids: [b.sku] }, async (tx) => {
        const p = await insertProduct(tx, m.id, b.sku, {
          title: b.title,
          priceMinor: b.price.amount,
          currency: b.price.currency,
          imageUrl: b.imageUrl,
          fastDeliveryEligible: b.fastDeliveryEligible,
        });
        if (!p) throw conflict(`A product with SKU ${b.sku} already exists`);
        return p;
      });
      return reply.code(201).send(productOut(created));
    },
  });

  app.get('/products/:sku', {
    schema: {
      tags,
      security,
      summary: 'Get a product',
      params: SkuParams,
      response: { 200: Product, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => {
      const p = await getProduct(app.db, merchantOf(request).id, request.params.sku);
      if (!p) throw notFound(`No product with SKU ${request.params.sku}`);
      return productOut(p);
    },
  });

  app.patch('/products/:sku', {
    schema: {
      tags,
      security,
      summary: 'Change a product',
      params: SkuParams,
      body: UpdateProductBody,
      response: { 200: Product, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 404, 422) },
    },
    handler: async (request) => {
      const m = merchantOf(request);
      const { sku } = request.params;
      const b = request.body;
      if (b.price) checkCurrency(m.currency, b.price.currency);
      const updated = await app.changes.commit(app.db, { merchantId: m.id, kind: 'products', ids: [sku] }, async (tx) => {
        const p = await updateProduct(tx, m.id, sku, {
          ...(b.title !== undefined ? { title: b.title } : {}),
          ...(b.price ? { priceMinor: b.price.amount, currency: b.price.currency } : {}),
          ...(b.imageUrl !== undefined ? { imageUrl: b.imageUrl } : {}),
          ...(b.fastDeliveryEligible !== undefined ? { fastDeliveryEligible: b.fastDeliveryEligible } : {}),
        });
        if (!p) throw notFound(`No product with SKU ${sku}`);
        return p;
      });
      return productOut(updated);
    },
  });

  app.delete('/products/:sku', {
    schema: {
      tags,
      security,
      summary: 'Delete a product and its stock rows',
      params: SkuParams,
      response: { 200: DeletedBody, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => {
      const m = merchantOf(request);
      const { sku } = request.params;
      // The product's stock rows go with it (ON DELETE CASCADE): tell the stock caches too.
      const changes = [
        { merchantId: m.id, kind: 'products' as const, ids: [sku] },
        { merchantId: m.id, kind: 'stock' as const, ids: [sku] },
      ];
      await app.changes.commit(app.db, changes, async (tx) => {
        if (!(await deleteProduct(tx, m.id, sku))) throw notFound(`No product with SKU ${sku}`);
      });
      return { deleted: true as const };
    },
  });
};

export default products;
