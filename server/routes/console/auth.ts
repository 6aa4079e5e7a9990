/** `/console/api/…`: sign-up, sign-in by emailed code, the session, sign-out. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CodeSent, ConsoleSessionInfo, RequestCodeBody, SignUpBody, VerifyCodeBody } from '../../../contract/console.js';
import type { ConsoleSession } from '../../console/console.service.js';
import { sessionOf } from '../../console/guard.js';
import { BODY_ERRORS, errorResponses } from '../shared.js';

const tags = ['console'];
const SENT = 'If that address can use the console, a code is on its way. It expires in 10 minutes.';

export function sessionInfo(s: ConsoleSession): ConsoleSessionInfo {
  return {
    user: { ...s.user, createdAt: s.user.createdAt.toISOString() },
    merchant: { id: s.merchant.id, name: s.merchant.name, currency: s.merchant.currency },
    csrfToken: s.csrfToken,
    expiresAt: s.expiresAt.toISOString(),
  };
}

const consoleAuth: FastifyPluginAsyncZod = async (app) => {
  const anonymous = { onRequest: app.consoleGuard.anonymous };

  app.post('/sign-up', {
    ...anonymous,
    schema: {
      tags,
      hide: true,
      summary: 'Sign up: a code goes to the email; the merchant is created when the code is given back',
      body: SignUpBody,
      response: { 202: CodeSent, ...errorResponses(400, 403, 429, ...BODY_ERRORS) },
    },
    handler: async (request, reply) => {
      const { email, ...form } = request.body;
      await app.console.signUp(
        email,
        { name: form.name, merchantName: form.merchantName, allowedOrigins: form.allowedOrigins, currency: form.currency },
        request.ip,
      );
      return reply.code(202).send({ message: SENT });
    },
  });

  app.post('/sign-in/code', {
    ...anonymous,
    schema: {
      tags,
      hide: true,
      summary: 'Email a one-time sign-in code',
      body: RequestCodeBody,
      response: { 202: CodeSent, ...errorResponses(400, 403, 429, ...BODY_ERRORS) },
    },
    handler: async (request, reply) => {
      await app.console.requestCode(request.body.email, request.ip);
      return reply.code(202).send({ message: SENT });
    },
  });

  app.post('/sign-in/verify', {
    ...anonymous,
    schema: {
      tags,
      hide: true,
      summary: 'Give back the code: starts a session (cookie)',
      body: VerifyCodeBody,
      response: { 200: ConsoleSessionInfo, ...errorResponses(400, 401, 403, 429, ...BODY_ERRORS) },
    },
    handler: async (request, reply) => {
      const { token, session } = await app.console.verifyCode(request.body.email, request.body.code, request.ip);
      app.consoleGuard.setCookie(request, reply, token);
      return sessionInfo(session);
    },
  });

  app.get('/session', {
    onRequest: app.consoleGuard.session,
    schema: {
      tags,
      hide: true,
      summary: 'Who is signed in, and the CSRF token for changes',
      response: { 200: ConsoleSessionInfo, ...errorResponses(401, 403) },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return sessionInfo(sessionOf(request));
    },
  });

  app.post('/sign-out', {
    onRequest: app.consoleGuard.session,
    schema: {
      tags,
      hide: true,
      summary: 'End this session, or every session of this person (`everywhere`)',
      querystring: z.object({ everywhere: z.enum(['true', 'false']).optional() }).strict(),
      response: { 200: z.object({ signedOut: z.number().int() }), ...errorResponses(400, 401, 403) },
    },
    handler: async (request, reply) => {
      const session = sessionOf(request);
      let signedOut = 1;
      if (request.query.everywhere === 'true') signedOut = await app.console.signOutEverywhere(session);
      else await app.console.signOut(session);
      app.consoleGuard.clearCookie(request, reply);
      return { signedOut };
    },
  });
};

export default consoleAuth;
