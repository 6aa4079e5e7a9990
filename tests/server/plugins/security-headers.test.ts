/** What a security scanner looks for, on JSON answers, errors, widget assets and HTML pages alike. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLISHABLE_KEY } from '../../../server/seed/demo.js';
import { bearer, buildTestApp, type TestApp } from '../helper.js';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nearbuy-widget-'));
    writeFileSync(join(dir, 'nearbuy.js'), 'export {};\n');
    t = await buildTestApp({ config: { NEARBUY_WIDGET_DIR: dir, CHECKOUT_SWEEP_SECONDS: 0 } });
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it.each([
    ['a JSON answer', '/v1/promise?sku=TEE-BLK-M&postal_code=85226', 200],
    ['an error', '/v1/promise?sku=NOPE&postal_code=85226', 404],
    ['an unknown route', '/nothing-here', 404],
    ['the health check', '/healthz', 200],
  ])('%s carries nosniff and the rest', async (_name, url, status) => {
    const res = await get(url, bearer(DEMO_PUBLISHABLE_KEY));
    expect(res.statusCode).toBe(status);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('widget assets stay loadable from any merchant origin', async () => {
    const res = await get('/widget/nearbuy.js', { origin: 'https://any-shop.example' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the docs page keeps a policy that lets it run', async () => {
    const res = await get('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy'] ?? '').not.toContain("default-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
