/**
 * A process starting up reads every merchant's network; a change notice from another process
 * that lands while that read is under way must still reach the index (docs/ARCHITECTURE.md,
 * "Live stock"), or the new process promises (and refuses) from stale stock until the next one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { migrate } from '../../../server/db/migrate.js';
import type { Db } from '../../../server/db/port.js';
import { ChangeBus } from '../../../server/live/changes.js';
import networksPlugin from '../../../server/live/networks.js';
import { seedDemo } from '../../../server/seed/demo.js';
import { openTestDb, TUESDAY_MORNING, type TestDb } from '../helper.js';

describe('the network index at start-up', () => {
  let testDb: TestDb | undefined;
  afterAll(() => testDb?.close());

  it('applies a stock notice that arrives while the first read is under way', async () => {
    testDb = await openTestDb('pglite');
    await migrate(testDb.db);
    const { merchantId } = await seedDemo(testDb.db, {});
    const [row] = await testDb.db.query<{ node_id: string; sku: string; on_hand: number }>(
      'SELECT node_id, sku, on_hand FROM inventory_levels WHERE merchant_id = $1 AND on_hand > 0 ORDER BY node_id, sku LIMIT 1',
      [merchantId],
    );
    const raw = testDb.db;
    const bus = new ChangeBus(true);
    let interrupted = false;
    // Another process restocks just after this one has read the merchant's levels, and its notice
    // arrives while this one is still building the network.
    const db = new Proxy(raw, {
      get(target, prop, receiver) {
        if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
        return async (sql: string, params?: readonly unknown[]) => {
          const rows = await target.query(sql, params);
          if (!interrupted && /FROM inventory_levels WHERE merchant_id = \$1$/.test(sql.trim())) {
            interrupted = true;
            await target.query('UPDATE inventory_levels SET on_hand = on_hand + 7 WHERE merchant_id = $1 AND node_id = $2 AND sku = $3', [
              merchantId,
              row!.node_id,
              row!.sku,
            ]);
            void bus.receive(JSON.stringify({ v: 1, src: 'another-process', m: merchantId, k: 'stock', ids: [row!.sku] }));
          }
          return rows;
        };
      },
    }) as Db;

    const app = Fastify();
    // The three services the index depends on, under the names its plugin asks for.
    await app.register(fp(async (a) => void a.decorate('db', db), { name: 'db' }));
    await app.register(fp(async (a) => void a.decorate('changes', bus), { name: 'changes' }));
    await app.register(fp(async (a) => void a.decorate('clock', () => TUESDAY_MORNING), { name: 'clock' }));
    await app.register(networksPlugin);
    await app.ready();
    try {
      expect(interrupted).toBe(true);
      const until = Date.now() + 5_000;
      while (app.networks.get(merchantId).available(row!.node_id, row!.sku) !== row!.on_hand + 7 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(app.networks.get(merchantId).available(row!.node_id, row!.sku)).toBe(row!.on_hand + 7);
    } finally {
      await app.close();
    }
  });
});
