/**
 * Stock notices arriving in a burst (a flash sale's hold batches, from every process) are read
 * together: a re-read queued behind the one running takes every SKU announced while it waited
 * (docs/ARCHITECTURE.md, "Live stock").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Queryable } from '../../../server/db/port.js';
import { NetworkRegistry } from '../../../server/live/networks.js';
import { bearer, buildTestApp, call, createMerchant, nodeBody, productBody, type TestApp, type TestMerchant } from '../helper.js';

let t: TestApp;
let m: TestMerchant;
const SKUS = ['A', 'B', 'C', 'D', 'E'];

beforeAll(async () => {
  t = await buildTestApp();
  m = await createMerchant(t.app);
  await call(t.app, { method: 'POST', url: '/v1/admin/nodes', headers: bearer(m.secretKey), payload: nodeBody({ id: 'n-1' }) });
  for (const sku of SKUS) {
    await call(t.app, { method: 'POST', url: '/v1/admin/products', headers: bearer(m.secretKey), payload: productBody({ sku }) });
  }
});
afterAll(() => t.close());

const setStock = (levels: Array<{ sku: string; onHand: number }>) =>
  call(t.app, {
    method: 'PUT',
    url: '/v1/admin/inventory',
    headers: bearer(m.secretKey),
    payload: { levels: levels.map((l) => ({ nodeId: 'n-1', ...l })) },
  });

/**
 * The app's database, counting the statements a registry sends; `pause()` makes the next
 * statement wait until the returned function is called (a read still running).
 */
function counted(db: Queryable) {
  let n = 0;
  let gate: Promise<void> | null = null;
  let started: () => void = () => undefined;
  return {
    db: {
      query: (async (sql: string, params?: unknown[]) => {
        n++;
        const wait = gate;
        gate = null;
        if (wait) {
          started();
          await wait;
        }
        return db.query(sql, params);
      }) as Queryable['query'],
    },
    statements: () => n,
    /** Resolves once the paused statement was sent; call the release to let it run. */
    pause(): { sent: Promise<void>; release: () => void } {
      let release: () => void = () => undefined;
      gate = new Promise<void>((r) => (release = r));
      const sent = new Promise<void>((r) => (started = r));
      return { sent, release };
    },
  };
}

describe('stock re-reads in a burst', () => {
  it('reads the SKUs of every notice that waited, in one re-read after the running one', async () => {
    const { db, statements, pause } = counted(t.app.db);
    const registry = new NetworkRegistry(db, pino({ level: 'silent' }));
    await setStock(SKUS.map((sku) => ({ sku, onHand: 1 })));
    await registry.loadAll();

    await setStock(SKUS.map((sku) => ({ sku, onHand: 7 })));
    const before = statements();
    // One re-read starts; four notices arrive while it runs, each naming its own SKU.
    const reading = pause();
    const running = registry.refreshStock(m.id, ['A']);
    await reading.sent;
    const waiting = SKUS.slice(1).map((sku) => registry.refreshStock(m.id, [sku]));
    reading.release();
    await Promise.all([running, ...waiting]);

    const network = registry.get(m.id);
    for (const sku of SKUS) expect(network.stockedCount(sku)).toBe(1);
    expect(network.available('n-1', 'A')).toBe(7);
    for (const sku of SKUS.slice(1)) expect(network.available('n-1', sku)).toBe(7);
    // Two reads each (levels and holds): the running one and one for the four that waited.
    expect(statements() - before).toBe(4);
  });

  it('starts a new re-read for a notice that comes once the waiting one has begun', async () => {
    const { db, statements } = counted(t.app.db);
    const registry = new NetworkRegistry(db, pino({ level: 'silent' }));
    await registry.loadAll();
    await setStock([{ sku: 'E', onHand: 3 }]);
    const before = statements();
    await registry.refreshStock(m.id, ['E']);
    await setStock([{ sku: 'E', onHand: 9 }]);
    await registry.refreshStock(m.id, ['E']);
    expect(registry.get(m.id).available('n-1', 'E')).toBe(9);
    expect(statements() - before).toBe(4);
  });
});
