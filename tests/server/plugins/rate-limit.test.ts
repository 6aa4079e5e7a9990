import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLISHABLE_KEY } from '../../../server/seed/demo.js';
import { bearer, buildTestApp, call, createMerchant, errorOf, type TestApp } from '../helper.js';

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { RATE_LIMIT_PER_KEY: 3, RATE_LIMIT_PER_IP: 5, RATE_LIMIT_WINDOW_MS: 60_000 } });
  });
  afterAll(() => t.close());

  const promise = (key: string, ip: string) =>
    call(t.app, { method: 'GET', url: '/v1/promise?sku=TEE-BLK-M&postal_code=85226', headers: bearer(key), remoteAddress: ip });

  it('limits one key across IPs, with 429 in the error shape and Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await promise(DEMO_PUBLISHABLE_KEY, `10.0.0.${i + 1}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await promise(DEMO_PUBLISHABLE_KEY, '10.0.0.9');
    expect(res.status).toBe(429);
    expect(errorOf(res).code).toBe('rate_limited');
    expect(errorOf(res).message).toContain('this API key');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits one key across IPs when the key comes in the query (the widget simple request)', async () => {
    const { publishableKey } = await createMerchant(t.app);
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await call(t.app, {
        method: 'GET',
        url: `/v1/promise?sku=NONE&postal_code=85226&key=${publishableKey}`,
        remoteAddress: `10.1.0.${i + 1}`,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
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
