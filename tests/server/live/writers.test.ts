/**
 * Writers own their change notices (docs/ARCHITECTURE.md, "Live stock"): the one rule that keeps
 * every process's caches in line with the database, enforced in one place and tested here once.
 *
 * - Only the repositories write the rows the caches hold, and each of their write functions
 *   takes a `Writes` transaction and records its own notice on it.
 * - Only `ChangeBus.transaction` makes a `Writes`; it applies the notices after the commit and
 *   drops them on a rollback.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../server/db/pglite.js';
import type { Db } from '../../../server/db/port.js';
import { migrate } from '../../../server/db/migrate.js';
import { ChangeBus, type Change } from '../../../server/live/changes.js';
import { insertProduct } from '../../../server/catalog/products.repository.js';
import { upsertOnHand } from '../../../server/inventory/levels.repository.js';
import { seedDemo } from '../../../server/seed/demo.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** `member_sessions`: its revocations feed the revocation list every process keeps. */
const CACHED_TABLES = ['merchants', 'products', 'nodes', 'inventory_levels', 'capacity_usage', 'member_sessions'];
/** The only modules allowed to write those tables. */
const WRITERS = [
  'server/merchants/merchants.repository.ts',
  'server/catalog/products.repository.ts',
  'server/catalog/nodes.repository.ts',
  'server/inventory/levels.repository.ts',
  'server/inventory/reservations.ts',
  'server/inventory/corrections.ts',
  'server/capacity/capacity.repository.ts',
  'server/members/sessions.repository.ts',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** A statement that writes one of the cached tables (`FOR UPDATE` is a lock, not a write). */
const WRITE = new RegExp(String.raw`\b(INSERT\s+INTO|(?<!FOR\s)UPDATE|DELETE\s+FROM)\s+(${CACHED_TABLES.join('|')})\b`, 'i');

describe('writers own their change notices', () => {
  it('only the repositories write merchants, products, nodes and stock', () => {
    const write = WRITE;
    const offenders = sourceFiles(join(ROOT, 'server'))
      .map((path) => relative(ROOT, path))
      .filter((path) => !WRITERS.includes(path) && write.test(readFileSync(join(ROOT, path), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('every exported function that writes those tables takes a Writes transaction', () => {
    for (const path of WRITERS) {
      const text = readFileSync(join(ROOT, path), 'utf8');
      // Each exported async function body, up to the next export.
      for (const [, name, params, body] of text.matchAll(/export async function (\w+)\(([^)]*)\)[^{]*\{([\s\S]*?)\n\}/g)) {
        const writes = WRITE.test(body!) || /\btransition\(/.test(body!);
        if (!writes) continue;
        expect(`${path} ${name}(${params!.split(':')[1]?.split(',')[0]?.trim()})`).toBe(`${path} ${name}(Writes)`);
        expect(body, `${path} ${name} records its change`).toMatch(/\.changed\(/);
      }
    }
  });

  it('a plain connection cannot be handed to a write function', () => {
    // Compile-time: `npm run typecheck` fails if this call stops being an error.
    const plain = { query: async () => [] };
    const fields = { title: 't', priceMinor: 1, currency: 'USD', imageUrl: null, fastDeliveryEligible: true };
    // @ts-expect-error a Queryable is not a Writes: writes need ChangeBus.transaction
    const attempt = () => insertProduct(plain, 'm', 'sku', fields);
    expect(typeof attempt).toBe('function');
  });

  describe('the bus', () => {
    let db: Db;
    const heard: Change[] = [];
    const bus = new ChangeBus(false);
    bus.subscribe(async (change) => void heard.push(change));

    beforeAll(async () => {
      db = await openPglite();
      await migrate(db);
      await seedDemo(db);
    });
    afterAll(() => db.close());

    it('applies a committed transaction’s notices once, merged per kind', async () => {
      heard.length = 0;
      await bus.transaction(db, async (tx) => {
        await upsertOnHand(tx, 'mer_demo', [{ nodeId: 'chandler-fashion-center', sku: 'TEE-BLK-M', onHand: 3 }]);
        await upsertOnHand(tx, 'mer_demo', [{ nodeId: 'chandler-fashion-center', sku: 'MUG-STONE', onHand: 3 }]);
      });
      expect(heard).toEqual([{ merchantId: 'mer_demo', kind: 'stock', ids: ['TEE-BLK-M', 'MUG-STONE'] }]);
    });

    it('announces nothing when the transaction rolls back', async () => {
      heard.length = 0;
      await expect(
        bus.transaction(db, async (tx) => {
          await upsertOnHand(tx, 'mer_demo', [{ nodeId: 'chandler-fashion-center', sku: 'TEE-BLK-M', onHand: 4 }]);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(heard).toEqual([]);
    });

    it('a notice for everything of a kind absorbs the ones for some ids', async () => {
      heard.length = 0;
      await bus.transaction(db, async (tx) => {
        tx.changed({ merchantId: 'mer_demo', kind: 'nodes', ids: ['a'] });
        tx.changed({ merchantId: 'mer_demo', kind: 'nodes' });
      });
      expect(heard).toEqual([{ merchantId: 'mer_demo', kind: 'nodes' }]);
    });
  });
});
