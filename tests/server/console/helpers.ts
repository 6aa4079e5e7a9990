/** Console test helpers: signing up and in through the real routes, and calling with the session. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import type { DevMailer } from '../../../server/mail/mailer.js';
import { buildTestApp, call, type TestApp } from '../helper.js';
import { openShop, type Shop } from '../fixtures.js';

export const API = '/console/api';
/** What the console page sends before a session exists. */
export const PAGE = { 'x-nearbuy-console': '1' };

export interface Signed {
  email: string;
  cookie: string;
  csrf: string;
  merchantId: string;
  userId: string;
}

export const uniqueEmail = (who = 'owner') => `${who}-${randomBytes(4).toString('hex')}@shop.example`;
/** A fresh client address per call, so the per-address limits never meet across tests. */
export const freshIp = () => `10.9.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

export const lastCode = (app: FastifyInstance, email: string) => (app.mailer as DevMailer).lastCodeFor(email);

/** The session cookie (`name=value`) a response set. */
export function cookieOf(headers: Record<string, unknown>): string {
  const set = headers['set-cookie'];
  const line = Array.isArray(set) ? String(set[0]) : String(set);
  return line.split(';')[0]!;
}

export async function verify(app: FastifyInstance, email: string, code: string, ip = freshIp()) {
  return call(app, { method: 'POST', url: `${API}/sign-in/verify`, headers: PAGE, payload: { email, code }, remoteAddress: ip });
}

/** Signs a new merchant up and in; returns the owner's session. */
export async function signUp(app: FastifyInstance, email = uniqueEmail(), merchantName = 'Corner Shop'): Promise<Signed> {
  const res = await call(app, {
    method: 'POST',
    url: `${API}/sign-up`,
    headers: PAGE,
    remoteAddress: freshIp(),
    payload: { name: 'Ada Owner', email, merchantName, allowedOrigins: ['https://corner.example'] },
  });
  expect(res.status).toBe(202);
  return signInWithCode(app, email);
}

/** An owner for an existing merchant (as the demo's is made), signed in. */
export async function ownerOf(app: FastifyInstance, merchantId: string, name = 'Olive'): Promise<Signed> {
  const email = uniqueEmail();
  await app.console.ensureOwner(merchantId, email, name);
  return signIn(app, email);
}

/** A clerk the owner invites, limited to `nodeIds`, signed in. */
export async function clerkOf(app: FastifyInstance, owner: Signed, nodeIds: string[]): Promise<Signed> {
  const email = uniqueEmail('clerk');
  const res = await as(app, owner, { method: 'POST', url: `${API}/staff`, payload: { email, name: 'Cleo', nodeIds } });
  expect(res.status).toBe(201);
  return signIn(app, email);
}

/** Asks for a code and gives it back. */
export async function signIn(app: FastifyInstance, email: string): Promise<Signed> {
  const res = await call(app, { method: 'POST', url: `${API}/sign-in/code`, headers: PAGE, payload: { email }, remoteAddress: freshIp() });
  expect(res.status).toBe(202);
  return signInWithCode(app, email);
}

async function signInWithCode(app: FastifyInstance, email: string): Promise<Signed> {
  const code = lastCode(app, email);
  expect(code).toMatch(/^\d{6}$/);
  const res = await verify(app, email, code!);
  expect(res.status).toBe(200);
  return { email, cookie: cookieOf(res.headers), csrf: res.body.csrfToken, merchantId: res.body.merchant.id, userId: res.body.user.id };
}

/** A call with the session's cookie and (for changes) its CSRF token. */
export function as(app: FastifyInstance, s: Signed, opts: InjectOptions) {
  const method = (opts.method ?? 'GET').toUpperCase();
  const csrf = method === 'GET' ? {} : { 'x-csrf-token': s.csrf };
  return call(app, { ...opts, headers: { cookie: s.cookie, ...csrf, ...(opts.headers ?? {}) } });
}

export interface OwnedShop {
  t: TestApp;
  shop: Shop;
  /** The shop's owner, signed in to the console. */
  owner: Signed;
}

/**
 * The set-up most console tests share: before the file's tests, a test app with a fresh shop
 * (`openShop`) and its owner signed in, handed to `ready`; after them, the app closed. Hooks the
 * file adds run after this one, with the shop in place.
 */
export function useOwnedShop(ready: (owned: OwnedShop) => void): void {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await buildTestApp();
    const shop = await openShop(t.app);
    ready({ t, shop, owner: await ownerOf(t.app, shop.id) });
  });
  afterAll(async () => {
    await t?.close();
  });
}
