/**
 * Live stock across processes: on PostgreSQL two app instances share one database and learn of
 * each other's changes through LISTEN/NOTIFY; on PGlite the one process updates itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.js';
import { ChangeBus } from '../../../server/live/changes.js';
import { createMerchant } from '../../../server/merchants/merchants.service.js';
import { DEMO_PUBLISHABLE_KEY } from '../../../server/seed/demo.js';
import { bearer, buildTestApp, call, DB_KINDS, eventually, openTestDb, TUESDAY_MORNING, type TestApp, type TestDb } from '../helper.js';

const services = (body: { options?: Array<{ service: string }> }) => (body.options ?? []).map((o) => o.service).sort();

describe.each(DB_KINDS)('live stock on %s', (kind) => {
  let testDb: TestDb;
  let a: TestApp;
  /** The instance that reads: a second process on PostgreSQL, the same one on PGlite. */
  let reader: FastifyInstance;
  let second: FastifyInstance | null = null;

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    a = await buildTestApp({ testDb });
    if (kind === 'postgres') {
      second = await buildApp({ db: await testDb.openAnother(), clock: () => TUESDAY_MORNING });
      await second.ready();
      reader = second;
    } else {
      reader = a.app;
    }
  });
  afterAll(async () => {
    await second?.close();
    await a.close();
    await testDb.close();
  });

  const promise = (query: string, key = DEMO_PUBLISHABLE_KEY) =>
    call(reader, { method: 'GET', url: `/v1/promise?${query}`, headers: bearer(key) });

  it('shows stock set through one instance in promises of the other', async () => {
    // Free two-day air beats free five-day ground from the far centre: standard is not shown.
    expect(services((await promise('sku=LAMP-BRASS&postal_code=89109')).body)).toEqual(['two_day']);
    const put = await call(a.app, {
      method: 'PUT',
      url: '/v1/admin/inventory',
      headers: bearer(a.demo.secretKey),
      // Both Las Vegas malls: same-day is offered where a second place nearby holds the item.
      payload: {
        levels: [
          { nodeId: 'fashion-show-las-vegas', sku: 'LAMP-BRASS', onHand: 2 },
          { nodeId: 'downtown-summerlin', sku: 'LAMP-BRASS', onHand: 1 },
        ],
      },
    });
    expect(put.status).toBe(200);
    const after = await eventually(
      () => promise('sku=LAMP-BRASS&postal_code=89109'),
      (r) => services(r.body).includes('same_day'),
    );
    expect(services(after.body)).toEqual(['same_day', 'two_day']);
  });

  it('shows a new node and a price change from the other instance', async () => {
    const sk = bearer(a.demo.secretKey);
    await call(a.app, {
      method: 'PATCH',
      url: '/v1/admin/products/MUG-STONE',
      headers: sk,
      payload: { price: { amount: 2100, currency: 'USD' } },
    });
    await call(a.app, {
      method: 'POST',
      url: '/v1/admin/nodes',
      headers: sk,
      payload: {
        id: 'vegas-shop',
        name: 'Vegas Shop',
        kind: 'local_store',
        lat: 36.13,
        lng: -115.16,
        timeZone: 'America/Los_Angeles',
        handlingMinutes: 30,
        cutoffs: { local_courier: '17:00' },
      },
    });
    await call(a.app, {
      method: 'PUT',
      url: '/v1/admin/inventory',
      headers: sk,
      payload: { levels: [{ nodeId: 'vegas-shop', sku: 'MUG-STONE', onHand: 9 }] },
    });
    const res = await eventually(
      () => promise('sku=MUG-STONE&postal_code=89109'),
      (r) => services(r.body).includes('local_courier') && r.body.product.price.amount === 2100,
    );
    expect(res.body.product.price.amount).toBe(2100);
    expect(services(res.body)).toEqual(['local_courier']);
  });

  it('knows a merchant created by another process (the CLI) without a restart', async () => {
    // What `npm run merchant -- create` does: its own bus, whose notice reaches other processes.
    // On PGlite there is no other process, so the server's own bus stands in for it.
    const bus = kind === 'postgres' ? new ChangeBus(true) : a.app.changes;
    const { publishableKey } = await createMerchant(testDb.db, bus, {
      name: 'Late Shop',
      allowedOrigins: ['https://late.example'],
      currency: 'USD',
    });
    const res = await eventually(
      () => promise('sku=ANY&postal_code=89109', publishableKey),
      (r) => r.status !== 401,
    );
    expect(res.status).toBe(404);
  });
});
