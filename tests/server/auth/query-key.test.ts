/**
 * The publishable key as the `key` query parameter (server/auth/plugin.ts): it makes the widget's
 * promise request a CORS simple request (no Authorization header, so no preflight), with every
 * check the header gets, and never for a secret key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PromiseResponse } from '../../../contract/public.js';
import { DEMO_PUBLISHABLE_KEY } from '../../../server/seed/demo.js';
import { bearer, buildTestApp, call, errorOf, type TestApp } from '../helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const QUERY = 'sku=TEE-BLK-M&postal_code=85226';
const promise = (query: string, headers: Record<string, string> = {}) =>
  call(t.app, { method: 'GET', url: `/v1/promise?${query}`, headers });

describe('GET /v1/promise?key=pk_…', () => {
  it('answers an allowed origin with no Authorization header, with CORS headers', async () => {
    const res = await promise(`${QUERY}&key=${DEMO_PUBLISHABLE_KEY}`, { origin: 'http://localhost:3000' });
    expect(res.status).toBe(200);
    expect(PromiseResponse.safeParse(res.body).success).toBe(true);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it('refuses an origin the merchant did not allow', async () => {
    const res = await promise(`${QUERY}&key=${DEMO_PUBLISHABLE_KEY}`, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('origin_not_allowed');
  });

  it.each([
    ['an unknown key', 'pk_unknownkey123456789', 401, 'unauthorized'],
    ['a key of the wrong shape', 'pk_!!', 401, 'unauthorized'],
    ['an empty key', '', 401, 'unauthorized'],
  ])('refuses %s', async (_name, key, status, code) => {
    const res = await promise(`${QUERY}&key=${encodeURIComponent(key)}`, { origin: 'http://localhost:3000' });
    expect(res.status).toBe(status);
    expect(errorOf(res).code).toBe(code);
    if (key) expect(errorOf(res).message).not.toContain(key);
  });

  it('refuses a secret key in a URL, from a server too', async () => {
    const res = await promise(`${QUERY}&key=${t.demo.secretKey}`);
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('forbidden');
    expect(errorOf(res).message).toContain('URL');
    expect(res.raw).not.toContain(t.demo.secretKey);
  });

  it('lets the Authorization header win over the parameter', async () => {
    const res = await promise(`${QUERY}&key=pk_unknownkey123456789`, bearer(DEMO_PUBLISHABLE_KEY));
    expect(res.status).toBe(200);
  });

  it('keeps the query strict: another unknown parameter is still a 400', async () => {
    const res = await promise(`${QUERY}&key=${DEMO_PUBLISHABLE_KEY}&colour=red`);
    expect(res.status).toBe(400);
  });
});

describe('admin routes', () => {
  it.each([
    ['a secret key', () => t.demo.secretKey],
    ['a publishable key', () => DEMO_PUBLISHABLE_KEY],
  ])('never take %s from the URL', async (_name, key) => {
    const res = await call(t.app, { method: 'GET', url: `/v1/admin/merchant?key=${key()}` });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('forbidden');
  });
});
