import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, call, createMerchant, errorOf, type TestApp } from '../helper.js';

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { RATE_LIMIT_PER_KEY: 3, RATE_LIMIT_PER_IP: 5, RATE_LIMIT_WINDOW_MS: 60_000 } });
  });
  afterAll(() => t.close());

  const promise = (key: string, ip: string) =>
    call(t.app, { method: 'GET', url: '/v1/promise?sku=TEE-BLK-M&postal_code=85226', headers: bearer(key), remoteAddress: ip });

  it('one client cannot lock a shop out: public traffic counts per key and address', async () => {
    const k = await createMerchant(t.app);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await promise(k.publishableKey, '10.0.0.1')).status);
    // No such SKU for a fresh merchant: 404s, until this address has used up its share.
    expect(statuses).toEqual([404, 404, 404, 429]);
    const res = await promise(k.publishableKey, '10.0.0.1');
    expect(errorOf(res).code).toBe('rate_limited');
    expect(errorOf(res).message).toContain('this IP address with this key');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // The next shopper, from another address, is served.
    expect((await promise(k.publishableKey, '10.0.0.2')).status).toBe(404);
    expect((await promise(k.publishableKey, '10.0.0.3')).status).toBe(404);
  });

  it('limits one secret key across addresses', async () => {
    const k = await createMerchant(t.app);
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await call(t.app, { method: 'GET', url: '/v1/admin/merchant', headers: bearer(k.secretKey), remoteAddress: `10.4.0.${i}` }))
          .status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('a key in the query (the widget simple request) counts per key and address, like a header', async () => {
    const { publishableKey } = await createMerchant(t.app);
    const fromQuery = (ip: string) =>
      call(t.app, { method: 'GET', url: `/v1/promise?sku=NONE&postal_code=85226&key=${publishableKey}`, remoteAddress: ip });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fromQuery('10.1.0.1')).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    // Another shopper of the same shop is still served.
    expect((await fromQuery('10.1.0.2')).status).toBe(404);
  });

  it('limits one IP across keys', async () => {
    const keys = await Promise.all(Array.from({ length: 6 }, () => createMerchant(t.app)));
    const statuses = [];
    for (const k of keys) statuses.push((await promise(k.publishableKey, '10.9.9.9')).status);
    // Each merchant has no such SKU (404) until the IP runs out.
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    const res = await promise(keys[0]!.publishableKey, '10.9.9.9');
    expect(errorOf(res).message).toContain('this IP address');
  });

  it('limits admin calls and unknown keys too (so keys cannot be guessed quickly)', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (
          await call(t.app, {
            method: 'GET',
            url: '/v1/admin/merchant',
            headers: bearer('sk_guess_guess_guess'),
            remoteAddress: `10.1.0.${i}`,
          })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('tells the client how much is left', async () => {
    const k = await createMerchant(t.app);
    const res = await promise(k.publishableKey, '10.2.0.1');
    expect(res.headers['x-ratelimit-limit']).toBe('3');
    expect(res.headers['x-ratelimit-remaining']).toBe('2');
  });

  it('does not limit the docs or health routes', async () => {
    for (let i = 0; i < 8; i++) expect((await call(t.app, { method: 'GET', url: '/healthz', remoteAddress: '10.3.0.1' })).status).toBe(200);
  });
});

describe.runIf(process.env.NEARBUY_TEST_REDIS_URL)('rate limits shared through Redis', () => {
  const redisUrl = process.env.NEARBUY_TEST_REDIS_URL!;
  const config = { RATE_LIMIT_PER_KEY: 3, RATE_LIMIT_PER_IP: 5, RATE_LIMIT_WINDOW_MS: 60_000, REDIS_URL: redisUrl };
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await buildTestApp({ config });
    b = await buildTestApp({ config });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('two processes count one bucket', async () => {
    // A secret key of its own and addresses nobody else uses, so earlier runs' counters do not meet this one.
    const k = await createMerchant(a.app);
    const ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
    const admin = (app: TestApp) =>
      call(app.app, { method: 'GET', url: '/v1/admin/merchant', headers: bearer(k.secretKey), remoteAddress: ip });
    const statuses = [(await admin(a)).status, (await admin(b)).status, (await admin(a)).status, (await admin(b)).status];
    // b has no such merchant (its own database): 401, but counted against the same key.
    expect(statuses).toEqual([200, 401, 200, 429]);
  });
});
