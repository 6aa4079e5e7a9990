/** `/v1/admin/merchant`: the calling merchant's settings (name, allowed origins, fee policy). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MerchantSettings, UpdateMerchantSettingsBody } from '../../../contract/admin.js';
import { notFound } from '../../errors.js';
import { merchantOf } from '../../plugins/auth.js';
import { updateMerchant } from '../../repositories/merchants.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses, merchantOut } from '../shared.js';

const tags = ['admin: merchant'];
const security = [{ secretKey: [] }];

const merchant: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate.secret);

  app.get('/merchant', {
    schema: { tags, security, summary: 'Merchant settings', response: { 200: MerchantSettings, ...errorResponses(...COMMON_ERRORS) } },
    handler: async (request) => merchantOut(merchantOf(request)),
  });

  app.patch('/merchant', {
    schema: {
      tags,
      security,
      summary: 'Change merchant settings',
      body: UpdateMerchantSettingsBody,
      response: { 200: MerchantSettings, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS) },
    },
    handler: async (request) => {
      const m = merchantOf(request);
      const b = request.body;
      const updated = await app.changes.commit(app.db, { merchantId: m.id, kind: 'merchant' }, async (tx) => {
        const r = await updateMerchant(tx, m.id, {
          ...(b.name !== undefined ? { name: b.name } : {}),
          ...(b.allowedOrigins !== undefined ? { allowedOrigins: [...new Set(b.allowedOrigins)] } : {}),
          ...(b.feePolicy !== undefined ? { feePolicy: b.feePolicy } : {}),
        });
        if (!r) throw notFound(`No merchant ${m.id}`);
        return r;
      });
      return merchantOut(updated);
    },
  });
};

export default merchant;
