import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../../server/app.js';
import { DEMO_PUBLISHABLE_KEY } from '../../../server/seed/demo.js';
import { bearer, buildTestApp, call, type TestApp } from '../helper.js';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  const base = loggerOptions({ LOG_LEVEL: 'trace', LOG_PRETTY: false }) as object;
  t = await buildTestApp({ logger: { ...base, stream: sink } });
});
afterAll(() => t.close());

describe('logging', () => {
  it('never writes API keys, even on errors or when a handler logs headers', async () => {
    t.app.log.info({ headers: { authorization: `Bearer ${t.demo.secretKey}` } }, 'a handler logging headers by mistake');
    await call(t.app, { method: 'GET', url: '/v1/admin/merchant', headers: bearer(t.demo.secretKey) });
    await call(t.app, {
      method: 'GET',
      url: '/v1/admin/merchant',
      headers: { ...bearer(t.demo.secretKey), origin: 'http://localhost:3000' },
    });
    await call(t.app, {
      method: 'PUT',
      url: '/v1/admin/inventory',
      headers: { ...bearer(t.demo.secretKey), 'content-type': 'application/json' },
      payload: '{bad json',
    });
    await call(t.app, { method: 'GET', url: '/v1/promise?sku=TEE-BLK-M&postal_code=85226', headers: bearer(DEMO_PUBLISHABLE_KEY) });
    await call(t.app, { method: 'GET', url: `/v1/promise?sku=TEE-BLK-M&postal_code=85226&key=${DEMO_PUBLISHABLE_KEY}` });
    await call(t.app, { method: 'GET', url: `/v1/promise?key=${t.demo.secretKey}&sku=TEE-BLK-M&postal_code=85226` });
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(log).toContain('[redacted]');
    expect(log).not.toContain(t.demo.secretKey);
    expect(log).not.toContain(DEMO_PUBLISHABLE_KEY);
    expect(log).toContain('key=[redacted]');
    expect(log).toContain('Secret keys are for servers only');
    expect(log).toContain('"code":"invalid_request"');
  });
});
