/** `/v1/admin/merchant`: the calling merchant's settings (name, allowed origins, fee policy). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MerchantSettings, UpdateMerchantSettingsBody } from '../../../contract/admin.js';
import { merchantOf } from '../../auth/plugin.js';
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
    handler: async (request) => merchantOut(await app.merchantSettings.update(merchantOf(request), request.body)),
  });
};

export default merchant;
