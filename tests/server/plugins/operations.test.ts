/** What an operator and a load balancer read: readiness and Prometheus metrics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, call, type TestApp } from '../helper.js';
import { openShop, pay, startCheckout } from '../fixtures.js';

describe('operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { CHECKOUT_SWEEP_SECONDS: 0, METRICS_TOKEN: 'metrics-token-0123456789' } });
  });
  afterAll(() => t.close());

  it('/readyz says ready once the database answers and every migration ran', async () => {
    const res = await call(t.app, { method: 'GET', url: '/readyz' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', database: true, migrations: true, closing: false });
  });

  it('/readyz is 503 while a migration this build knows has not run', async () => {
    const [row] = await t.db.query<{ v: number }>(`SELECT max(version) AS v FROM schema_migrations`);
    await t.db.query(`UPDATE schema_migrations SET version = -version WHERE version = $1`, [row!.v]);
    try {
      const res = await call(t.app, { method: 'GET', url: '/readyz' });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', migrations: false });
    } finally {
      await t.db.query(`UPDATE schema_migrations SET version = -version WHERE version = $1`, [-row!.v]);
    }
  });

  it('/metrics counts requests by route, holds, orders and outboxes, behind its token', async () => {
    const shop = await openShop(t.app);
    const held = await startCheckout(t.app, shop);
    await startCheckout(t.app, shop);
    await pay(t.app, shop, held.body.id);
    expect((await call(t.app, { method: 'GET', url: '/metrics' })).status).toBe(401);
    const res = await call(t.app, { method: 'GET', url: '/metrics', headers: bearer('metrics-token-0123456789') });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.raw;
    expect(text).toMatch(/nearbuy_http_requests_total\{method="POST",route="\/v1\/checkout\/sessions",status="201"\} 2/);
    expect(text).toMatch(/nearbuy_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/v1\/checkout\/sessions"\}/);
    expect(text).toMatch(/^nearbuy_holds_open 1$/m);
    expect(text).toMatch(/^nearbuy_orders\{status="placed"\} 1$/m);
    expect(text).toMatch(/^nearbuy_outbox_backlog\{outbox="mail"\} \d+$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});
