/** `/console/api/keys`: the publishable key, allowed origins, the embed snippet's parts, rolling the secret key. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ConsoleKeys, RolledSecretKey, SetOriginsBody } from '../../../contract/console.js';
import type { Merchant } from '../../merchants/merchant.js';
import { sessionOf } from '../../console/guard.js';
import { BODY_ERRORS, errorResponses } from '../shared.js';

const tags = ['console'];

const consoleKeys: FastifyPluginAsyncZod<{ publicUrl?: string | undefined }> = async (app, opts) => {
  app.addHook('onRequest', app.consoleGuard.session);
  app.addHook('onRequest', app.consoleGuard.owner);

  const keysOf = async (merchant: Merchant, base: string): Promise<ConsoleKeys> => {
    const [first] = await app.products.list(merchant, 1);
    return {
      publishableKey: merchant.publishableKey,
      allowedOrigins: merchant.allowedOrigins,
      widgetUrl: `${base}/widget/nearbuy.js`,
      apiBase: base,
      sampleSku: first?.sku ?? 'YOUR-SKU',
    };
  };
  const baseOf = (protocol: string, host: string) => (opts.publicUrl ?? `${protocol}://${host}`).replace(/\/+$/, '');

  app.get('/keys', {
    schema: {
      tags,
      hide: true,
      summary: 'Keys, allowed origins and what the embed snippet needs',
      response: { 200: ConsoleKeys, ...errorResponses(401, 403) },
    },
    handler: async (request) => keysOf(sessionOf(request).merchant, baseOf(request.protocol, request.host)),
  });

  app.post('/keys/secret', {
    schema: {
      tags,
      hide: true,
      summary: 'Roll the secret key: the new one is shown once, the old one stops working now',
      response: { 200: RolledSecretKey, ...errorResponses(401, 403) },
    },
    handler: async (request, reply) => {
      const session = sessionOf(request);
      const secretKey = await app.merchantSettings.rollSecretKey(session.merchant);
      await app.console.audit(session.user, 'secret_key.rolled', session.merchant.id);
      reply.header('cache-control', 'no-store');
      return { secretKey };
    },
  });

  app.put('/keys/origins', {
    schema: {
      tags,
      hide: true,
      summary: 'The storefront origins allowed to use the publishable key',
      body: SetOriginsBody,
      response: { 200: ConsoleKeys, ...errorResponses(400, 401, 403, ...BODY_ERRORS) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      await app.merchantSettings.update(session.merchant, { allowedOrigins: request.body.allowedOrigins });
      await app.console.audit(session.user, 'origins.changed', session.merchant.id, { allowedOrigins: request.body.allowedOrigins });
      const merchant = app.merchants.get(session.merchant.id) ?? session.merchant;
      return keysOf(merchant, baseOf(request.protocol, request.host));
    },
  });
};

export default consoleKeys;
