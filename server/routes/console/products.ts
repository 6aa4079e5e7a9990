/**
 * `/console/api/products` (owner): adding, editing and archiving products — title, price, image,
 * fast-delivery eligibility — through `app.products`, the admin API's rules, audited. An
 * archived product leaves promises and checkout; orders keep it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateProductBody, Product, SkuParams, UpdateProductBody } from '../../../contract/admin.js';
import { sessionOf } from '../../console/guard.js';
import { BODY_ERRORS, errorResponses, productOut } from '../shared.js';

const tags = ['console'];

const consoleProducts: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.consoleGuard.session);
  app.addHook('onRequest', app.consoleGuard.owner);

  app.post('/products', {
    schema: {
      tags,
      hide: true,
      summary: 'Add a product',
      body: CreateProductBody,
      response: { 201: Product, ...errorResponses(400, 401, 403, 409, 422, ...BODY_ERRORS) },
    },
    handler: async (request, reply) => {
      const session = sessionOf(request);
      const product = await app.products.create(session.merchant, request.body);
      await app.console.audit(session.user, 'product.added', product.sku, { title: product.title, price: product.priceMinor });
      return reply.code(201).send(productOut(product));
    },
  });

  app.patch('/products/:sku', {
    schema: {
      tags,
      hide: true,
      summary: 'Change a product',
      params: SkuParams,
      body: UpdateProductBody,
      response: { 200: Product, ...errorResponses(400, 401, 403, 404, 422, ...BODY_ERRORS) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      const product = await app.products.update(session.merchant, request.params.sku, request.body);
      const body = request.body;
      const only = Object.keys(body).length === 1 && body.archived !== undefined;
      const action = only ? (body.archived ? 'product.archived' : 'product.restored') : 'product.changed';
      await app.console.audit(session.user, action, product.sku, body as Record<string, unknown>);
      return productOut(product);
    },
  });
};

export default consoleProducts;
