/**
 * Who is using the console, and whether a change really comes from the console's own page
 * (`app.consoleGuard`). docs/ARCHITECTURE.md, "The console".
 *
 * - The session is an http-only, SameSite=Strict cookie scoped to `/console`, Secure unless the
 *   page is plain http on this machine (a developer's localhost).
 * - Every state-changing call is refused when the browser says it comes from another site
 *   (`Origin` not this host, or `Sec-Fetch-Site` cross-site), and must carry a header no
 *   cross-site form can send: the session's CSRF token once signed in (`x-csrf-token`), or
 *   `x-nearbuy-console` before (sign-up, sign-in). The console API answers no CORS preflight,
 *   so no other origin can add either header.
 */
import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_HEADER, CSRF_HEADER, SESSION_COOKIE } from '../../contract/console.js';
import { ApiError } from '../errors.js';
import { SESSION_TTL_MS, type ConsoleSession } from './console.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession: ConsoleSession | null;
  }
  interface FastifyInstance {
    consoleGuard: {
      /** onRequest: a live session (401 otherwise) and, for changes, its CSRF token. */
      session: (request: FastifyRequest) => Promise<void>;
      /** onRequest after `session`: the merchant's owner only. */
      owner: (request: FastifyRequest) => Promise<void>;
      /** onRequest for sign-up and sign-in: same-site, with the console's header. */
      anonymous: (request: FastifyRequest) => Promise<void>;
      setCookie: (request: FastifyRequest, reply: FastifyReply, token: string) => void;
      clearCookie: (request: FastifyRequest, reply: FastifyReply) => void;
    };
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The value of one cookie in a `Cookie` header; undefined when absent. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isLocalPlainHttp(request: FastifyRequest): boolean {
  return request.protocol === 'http' && /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(request.host);
}

/** The session of a request behind `consoleGuard.session`. */
export function sessionOf(request: FastifyRequest): ConsoleSession {
  if (!request.consoleSession) throw new ApiError('unauthorized', 'Sign in to the console first');
  return request.consoleSession;
}

export default fp(
  async function consoleGuardPlugin(app) {
    app.decorateRequest('consoleSession', null);

    const sameSite = (request: FastifyRequest) => {
      if (SAFE.has(request.method)) return;
      const site = request.headers['sec-fetch-site'];
      if (site === 'cross-site' || site === 'same-site')
        throw new ApiError('forbidden', 'Console changes must come from the console page itself');
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== `${request.protocol}://${request.host}`) {
        throw new ApiError('forbidden', `Console changes must come from the console page itself, not from ${origin.slice(0, 200)}`);
      }
    };

    const cookie = (request: FastifyRequest, value: string, maxAge: number) => {
      const secure = isLocalPlainHttp(request) ? '' : '; Secure';
      return `${SESSION_COOKIE}=${value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
    };

    app.decorate('consoleGuard', {
      async session(request: FastifyRequest) {
        sameSite(request);
        const token = readCookie(request.headers.cookie, SESSION_COOKIE);
        const session = token ? await app.console.session(token) : null;
        if (!session) throw new ApiError('unauthorized', 'Your console session has ended or was never started; sign in again');
        if (!SAFE.has(request.method)) {
          const given = request.headers[CSRF_HEADER];
          if (typeof given !== 'string' || !sameText(given, session.csrfToken)) {
            throw new ApiError('forbidden', `Send the session's CSRF token in the ${CSRF_HEADER} header (reload the console page)`);
          }
        }
        request.consoleSession = session;
      },
      async owner(request: FastifyRequest) {
        if (sessionOf(request).user.role !== 'owner') throw new ApiError('forbidden', "Only the store's owner can do this");
      },
      async anonymous(request: FastifyRequest) {
        sameSite(request);
        if (!SAFE.has(request.method) && request.headers[CONSOLE_HEADER] === undefined) {
          throw new ApiError('forbidden', `Console sign-in calls come from the console page (it sends ${CONSOLE_HEADER})`);
        }
      },
      setCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
        reply.header('set-cookie', cookie(request, token, Math.floor(SESSION_TTL_MS / 1000)));
      },
      clearCookie(request: FastifyRequest, reply: FastifyReply) {
        reply.header('set-cookie', cookie(request, '', 0));
      },
    });
  },
  { name: 'console-guard', dependencies: ['console'] },
);
