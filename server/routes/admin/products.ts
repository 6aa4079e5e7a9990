/** `/v1/admin/products`: the merchant's catalogue. Prices are integer minor units. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateProductBody, DeletedBody, ListQuery, Product, ProductList, SkuParams, UpdateProductBody } from '../../../contract/admin.js';
import { merchantOf } from '../../auth/plugin.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses, nextCursor, productOut } from '../shared.js';

const tags = ['admin: products'];
const security = [{ secretKey: [] }];

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
      const items = await app.products.list(merchantOf(request), request.query.limit, request.query.after);
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
    handler: async (request, reply) => reply.code(201).send(productOut(await app.products.create(merchantOf(request), request.body))),
  });

  app.get('/products/:sku', {
    schema: {
      tags,
      security,
      summary: 'Get a product',
      params: SkuParams,
      response: { 200: Product, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => productOut(await app.products.get(merchantOf(request), request.params.sku)),
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
    handler: async (request) => productOut(await app.products.update(merchantOf(request), request.params.sku, request.body)),
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
      await app.products.delete(merchantOf(request), request.params.sku);
      return { deleted: true as const };
    },
  });
};

export default products;
