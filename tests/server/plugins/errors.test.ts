import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../../contract/http.js';
import { bearer, buildTestApp, call, errorOf, productBody, type TestApp } from '../helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ config: { BODY_LIMIT: 64 * 1024 } });
});
afterAll(() => t.close());

const sk = () => bearer(t.demo.secretKey);
const post = (payload: string | object, headers: Record<string, string> = {}) =>
  call(t.app, { method: 'POST', url: '/v1/admin/products', headers: { ...sk(), 'content-type': 'application/json', ...headers }, payload });

describe('one error shape, never a 500 for client input', () => {
  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await call(t.app, { method: 'GET', url: '/v1/nothing-here?x=1' });
    expect(res.status).toBe(404);
    expect(errorOf(res)).toEqual({ code: 'not_found', message: 'No route GET /v1/nothing-here' });
  });

  it('answers an unknown method on a known path with 404 in the error shape', async () => {
    const res = await call(t.app, { method: 'DELETE', url: '/v1/promise' });
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('not_found');
  });

  it.each([
    ['{"sku": "A", ', 'truncated'],
    ['{sku: "A"}', 'unquoted key'],
    ['[1, 2', 'open array'],
    ['{"__proto__": {"x": 1}, "sku": "A"}', 'prototype poisoning'],
  ])('rejects malformed JSON (%s) with 400', async (payload, _why) => {
    const res = await post(payload);
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('invalid_request');
  });

  it('rejects an empty JSON body with 400', async () => {
    const res = await post('');
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('invalid_request');
  });

  it('rejects a body that is not JSON with 415', async () => {
    const res = await post('sku=A', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(errorOf(res)).toEqual({ code: 'unsupported_media_type', message: 'Send the body as application/json' });
  });

  it('rejects a text/plain body with 415', async () => {
    const res = await post('hello', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('rejects a huge body with 413', async () => {
    const res = await post(JSON.stringify({ ...productBody(), title: 'x'.repeat(100 * 1024) }));
    expect(res.status).toBe(413);
    expect(errorOf(res).code).toBe('payload_too_large');
  });

  it.each([
    [
      "a path segment past the router's limit",
      `/v1/admin/products/${'x'.repeat(201)}`,
      'A part of the path is too long (at most 200 characters)',
    ],
    ['broken percent-encoding', '/v1/admin/products/%zz', 'The path is not valid percent-encoded UTF-8'],
    ['an encoded lone surrogate', '/v1/checkout/sessions/%ED%A0%80/confirm', 'The path is not valid percent-encoded UTF-8'],
  ])('answers %s with 400 in the one error shape', async (_what, url, message) => {
    const res = await call(t.app, { method: 'GET', url, headers: sk() });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({ code: 'invalid_request', message });
    // The router answers before any hook runs: the same security headers as every other error.
    const other = await call(t.app, { method: 'GET', url: '/v1/nothing-here', headers: sk() });
    const security = Object.entries(other.headers).filter(([name]) => !/^(x-ratelimit-|content-length|date|connection)/.test(name));
    expect(security.length).toBeGreaterThan(10);
    for (const [name, value] of security) expect(res.headers[name], name).toBe(value);
  });

  it('rejects unknown fields with 400 naming them', async () => {
    const res = await post(productBody({ colour: 'red' }));
    expect(res.status).toBe(400);
    const e = errorOf(res);
    expect(e.code).toBe('invalid_request');
    expect(JSON.stringify(e.details)).toContain('colour');
  });

  it.each([
    [{ price: { amount: '1999', currency: 'USD' } }, 'body price.amount'],
    [{ price: { amount: 19.99, currency: 'USD' } }, 'body price.amount'],
    [{ price: { amount: -1, currency: 'USD' } }, 'body price.amount'],
    [{ price: { amount: 1e300, currency: 'USD' } }, 'body price.amount'],
    [{ price: { amount: 100, currency: 'usd' } }, 'body price.currency'],
    [{ title: 42 }, 'body title'],
    [{ title: '   ' }, 'body title'],
    [{ title: 'Tea\u0000pot' }, 'body title'],
    [{ title: 'broken \ud800 surrogate' }, 'body title'],
    [{ title: 'bell\u0007' }, 'body title'],
    [{ sku: '../etc/passwd' }, 'body sku'],
    [{ sku: 'Ω-SKU' }, 'body sku'],
    [{ imageUrl: 'javascript:alert(1)' }, 'body imageUrl'],
  ])('rejects wrong types and odd text %j with 400 (%s)', async (override, where) => {
    const res = await post(productBody(override));
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain(`Invalid ${where}`);
  });

  it('stores emoji, accents and right-to-left text intact', async () => {
    const title = 'Café ☕ — 東京 — مرحبا — 👩🏽‍💻';
    const res = await post(productBody({ title }));
    expect(res.status).toBe(201);
    expect(res.body.title).toBe(title);
  });

  it('rejects a JSON body that is not an object', async () => {
    for (const payload of ['null', '42', '"text"', '[]']) {
      const res = await post(payload);
      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe('invalid_request');
    }
  });

  it('uses only codes and statuses from the contract', async () => {
    const samples = await Promise.all([
      call(t.app, { method: 'GET', url: '/nope' }),
      post('{'),
      post('x', { 'content-type': 'text/plain' }),
      call(t.app, { method: 'GET', url: '/v1/admin/products' }),
    ]);
    for (const res of samples) {
      const e = errorOf(res);
      expect(ERROR_STATUS[e.code as keyof typeof ERROR_STATUS]).toBe(res.status);
    }
  });

  it('sends no stack trace or internal message when something breaks inside', async () => {
    const broken = await buildTestApp();
    try {
      broken.app.catalog.get = () => {
        throw new Error('secret internal detail');
      };
      const res = await call(broken.app, {
        method: 'GET',
        url: '/v1/promise?sku=TEE-BLK-M&postal_code=85226',
        headers: bearer('pk_demo_nearbuy_storefront'),
      });
      expect(res.status).toBe(500);
      expect(errorOf(res)).toEqual({ code: 'internal', message: 'Internal server error' });
      expect(res.raw).not.toContain('secret internal detail');
    } finally {
      await broken.close();
    }
  });
});
