/** `/console/api/staff`, `/audit`: people, the places they may see, and who changed what. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditList, ConsolePerson, InviteStaffBody, PeopleList, PersonParams, StaffPlacesBody } from '../../../contract/console.js';
import type { ConsoleUser } from '../../console/console.service.js';
import { sessionOf } from '../../console/guard.js';
import { ApiError } from '../../errors.js';
import type { Merchant } from '../../merchants/merchant.js';
import { BODY_ERRORS, errorResponses } from '../shared.js';

const tags = ['console'];
const personOut = (u: ConsoleUser) => ({ ...u, createdAt: u.createdAt.toISOString() });

const consoleStaff: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.consoleGuard.session);
  const owner = { preHandler: app.consoleGuard.owner };

  const checkPlaces = async (merchant: Merchant, nodeIds: string[]) => {
    const known = new Set((await app.nodes.list(merchant, 10_000)).map((n) => n.id));
    const unknown = nodeIds.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new ApiError('invalid_request', `No place ${unknown[0]} in this store`, { unknown });
  };

  app.get('/staff', {
    ...owner,
    schema: { tags, hide: true, summary: 'The owner and staff', response: { 200: PeopleList, ...errorResponses(401, 403) } },
    handler: async (request) => ({ items: (await app.console.people(sessionOf(request).merchant.id)).map(personOut) }),
  });

  app.post('/staff', {
    ...owner,
    schema: {
      tags,
      hide: true,
      summary: 'Invite a staff member by email, limited to places (every place when none are given)',
      body: InviteStaffBody,
      response: { 201: ConsolePerson, ...errorResponses(400, 401, 403, 409, ...BODY_ERRORS) },
    },
    handler: async (request, reply) => {
      const session = sessionOf(request);
      await checkPlaces(session.merchant, request.body.nodeIds);
      const user = await app.console.invite(session.user, request.body);
      return reply.code(201).send(personOut(user));
    },
  });

  app.put('/staff/:id/places', {
    ...owner,
    schema: {
      tags,
      hide: true,
      summary: 'Change the places a staff member sees',
      params: PersonParams,
      body: StaffPlacesBody,
      response: { 200: ConsolePerson, ...errorResponses(400, 401, 403, 404, ...BODY_ERRORS) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      await checkPlaces(session.merchant, request.body.nodeIds);
      return personOut(await app.console.setStaffPlaces(session.user, request.params.id, request.body.nodeIds));
    },
  });

  app.delete('/staff/:id', {
    ...owner,
    schema: {
      tags,
      hide: true,
      summary: 'Remove a staff member (their sessions end at once)',
      params: PersonParams,
      response: { 200: z.object({ removed: z.literal(true) }), ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      await app.console.removeStaff(sessionOf(request).user, request.params.id);
      return { removed: true as const };
    },
  });

  app.get('/audit', {
    ...owner,
    schema: { tags, hide: true, summary: 'Who changed what, newest first', response: { 200: AuditList, ...errorResponses(401, 403) } },
    handler: async (request) => ({
      items: (await app.console.auditLog(sessionOf(request).merchant.id)).map((e) => ({
        at: e.at.toISOString(),
        userEmail: e.userEmail,
        action: e.action,
        subject: e.subject,
        details: e.details,
      })),
    }),
  });
};

export default consoleStaff;
