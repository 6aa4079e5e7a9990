/** Member sign-in: ask for a one-time code by email, then trade it for a short-lived member token. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MemberToken, RequestMemberCodeBody, VerifyMemberCodeBody } from '../../../contract/public.js';
import { merchantOf } from '../../auth/plugin.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses } from '../shared.js';

const tags = ['public: members'];
const security = [{ publishableKey: [] }];

const members: FastifyPluginAsyncZod = async (app) => {
  app.post('/members/codes', {
    onRequest: app.authenticate.publishable,
    schema: {
      tags,
      security,
      summary: 'Send a sign-in code to a member',
      description: 'Always answers 202, member or not, so the answer does not tell who is a member. Codes expire in 10 minutes.',
      body: RequestMemberCodeBody,
      response: { 202: z.object({ sent: z.literal(true) }), ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS) },
    },
    handler: async (request, reply) => {
      const merchant = merchantOf(request);
      await app.members.requestCode(merchant.id, merchant.name, request.body.email);
      return reply.code(202).send({ sent: true });
    },
  });

  app.post('/members/sessions', {
    onRequest: app.authenticate.publishable,
    schema: {
      tags,
      security,
      summary: 'Trade a sign-in code for a member token',
      description:
        "Send the token back in the `nearbuy-member-token` header: promises and checkouts then price members' free fast delivery.",
      body: VerifyMemberCodeBody,
      response: { 200: MemberToken, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS) },
    },
    handler: async (request) => {
      const merchant = merchantOf(request);
      const { token, expiresAt } = await app.members.verifyCode(merchant.id, request.body.email, request.body.code);
      return { token, expiresAt: new Date(expiresAt).toISOString() };
    },
  });
};

export default members;
