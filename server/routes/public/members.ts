/**
 * Member sign-in: ask for a one-time code by email, trade it for a member token (two hours, or 30
 * days when the shopper stays signed in on the device), and sign that token out.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MemberToken, RequestMemberCodeBody, VerifyMemberCodeBody } from '../../../contract/public.js';
import { merchantOf } from '../../auth/plugin.js';
import { HEADERS } from '../../../contract/http.js';
import { ApiError } from '../../errors.js';
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
        "Send the token back in the `nearbuy-member-token` header: promises and checkouts then price members' free fast delivery. " +
        'It lasts two hours, or 30 days with `remember: true` (the shopper chose to stay signed in on their device), ' +
        'until signed out (`DELETE /v1/members/sessions/current`) or the membership ends.',
      body: VerifyMemberCodeBody,
      response: { 200: MemberToken, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS) },
    },
    handler: async (request) => {
      const merchant = merchantOf(request);
      const { email, code, remember } = request.body;
      const { token, expiresAt } = await app.members.verifyCode(merchant.id, email, code, remember);
      return { token, email, expiresAt: new Date(expiresAt).toISOString() };
    },
  });

  app.delete('/members/sessions/current', {
    onRequest: app.authenticate.publishable,
    schema: {
      tags,
      security,
      summary: 'Sign a member token out',
      description:
        'Revokes the session of the `nearbuy-member-token` header at once, in every server process: promises and checkouts ' +
        'with it are refused from then on. Answers the same for a token already signed out or expired.',
      response: { 200: z.object({ signedOut: z.literal(true) }), ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request) => {
      const merchant = merchantOf(request);
      const token = request.headers[HEADERS.memberToken];
      if (typeof token !== 'string' || token === '') {
        throw new ApiError('unauthorized', `Send the member token to sign out in the ${HEADERS.memberToken} header`);
      }
      if (!(await app.members.signOut(merchant.id, token))) {
        throw new ApiError('unauthorized', "That member token is not one of this shop's; nothing was signed out");
      }
      return { signedOut: true as const };
    },
  });
};

export default members;
