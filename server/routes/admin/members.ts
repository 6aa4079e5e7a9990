/** `/v1/admin/members`: the shoppers who get the merchant's member benefits. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MemberEmailParams, MemberList } from '../../../contract/admin.js';
import { notFound } from '../../errors.js';
import { merchantOf } from '../../auth/plugin.js';
import { COMMON_ERRORS, errorResponses } from '../shared.js';

const tags = ['admin: members'];
const security = [{ secretKey: [] }];

const adminMembers: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate.secret);

  app.get('/members', {
    schema: {
      tags,
      security,
      summary: 'Members (free fast delivery on eligible items)',
      response: { 200: MemberList, ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request) => ({
      items: (await app.members.listMembers(merchantOf(request).id)).map((m) => ({ email: m.email, createdAt: m.createdAt.toISOString() })),
    }),
  });

  app.put('/members/:email', {
    schema: {
      tags,
      security,
      summary: 'Make an email a member',
      params: MemberEmailParams,
      response: { 200: z.object({ email: z.string(), added: z.boolean() }), ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request) => ({
      email: request.params.email,
      added: await app.members.addMember(merchantOf(request).id, request.params.email),
    }),
  });

  app.delete('/members/:email/sessions', {
    schema: {
      tags,
      security,
      summary: 'Sign a member out on every device (their membership stays)',
      params: MemberEmailParams,
      response: { 200: z.object({ email: z.string(), signedOut: z.number().int() }), ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request) => ({
      email: request.params.email,
      signedOut: await app.members.signOutEverywhere(merchantOf(request).id, request.params.email),
    }),
  });

  app.delete('/members/:email', {
    schema: {
      tags,
      security,
      summary: 'End a membership (and sign the member out everywhere)',
      params: MemberEmailParams,
      response: { 200: z.object({ email: z.string(), removed: z.literal(true) }), ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => {
      if (!(await app.members.removeMember(merchantOf(request).id, request.params.email)))
        throw notFound(`${request.params.email} is not a member`);
      return { email: request.params.email, removed: true as const };
    },
  });
};

export default adminMembers;
