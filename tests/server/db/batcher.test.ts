/**
 * The write batcher (server/db/batcher.ts) and the Idempotency-Keys written through it: what
 * arrives while a write is in flight goes together in the next, each caller gets its own result,
 * and one item's failure stays its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Batcher } from '../../../server/db/batcher.js';
import { IdempotencyKeys } from '../../../server/checkout/idempotency.js';
import { buildTestApp, createMerchant, DB_KINDS, openTestDb, TUESDAY_MORNING, type TestApp } from '../helper.js';

describe('Batcher', () => {
  it('writes what arrives meanwhile together, in order, each caller getting its own result', async () => {
    const writes: number[][] = [];
    const batcher = new Batcher<number, number>(async (items) => {
      writes.push(items);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => i * 10);
    });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => batcher.add(i)));
    expect(results).toEqual([0, 10, 20, 30, 40, 50]);
    expect(writes).toEqual([[0], [1, 2, 3, 4, 5]]);
  });

  it('a failing batch is written again item by item: only the bad item fails', async () => {
    const batcher = new Batcher<number, string>(async (items) => {
      if (items.includes(3)) throw new Error('three is bad');
      return items.map(String);
    });
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => batcher.add(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results[4]).toEqual({ status: 'fulfilled', value: '4' });
  });
});

describe.each(DB_KINDS)('Idempotency-Keys in batches on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ testDb: await openTestDb(kind) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('many new keys at once: each owned by its request, the same key owned once, answers stored for each', async () => {
    const { id } = await createMerchant(t.app);
    const keys = new IdempotencyKeys(t.db);
    const asked = ['a', 'b', 'c', 'a', 'd', 'a'];
    const starts = await Promise.allSettled(asked.map((k) => keys.begin(id, k, 'digest', TUESDAY_MORNING)));
    const owners = asked.filter(
      (_, i) => starts[i]!.status === 'fulfilled' && (starts[i] as PromiseFulfilledResult<{ kind: string }>).value.kind === 'owner',
    );
    expect(owners.sort()).toEqual(['a', 'b', 'c', 'd']);
    // The other two asks for `a` found it in flight.
    for (const [i, k] of asked.entries()) {
      if (k === 'a' && starts[i]!.status === 'rejected')
        expect((starts[i] as PromiseRejectedResult).reason).toMatchObject({ code: 'idempotency_key_in_flight' });
    }
    expect(starts.filter((s) => s.status === 'rejected')).toHaveLength(2);

    const ownerOf = new Map(
      starts.flatMap((s, i) => (s.status === 'fulfilled' && s.value.kind === 'owner' ? [[asked[i]!, s.value.owner] as const] : [])),
    );
    const request = { digest: 'digest', now: TUESDAY_MORNING };
    const stored = await Promise.all(
      ['a', 'b', 'c', 'd'].map((k, i) => keys.finish({ merchantId: id, key: k, owner: ownerOf.get(k)! }, request, 409 + i, { answer: k })),
    );
    expect(stored).toEqual([true, true, true, true]);
    // An attempt that does not own a key stores nothing over its owner's answer.
    expect(await keys.finish({ merchantId: id, key: 'a', owner: 'not-the-owner' }, request, 500, { answer: 'stale' })).toBe(false);
    const replays = await Promise.all(['a', 'b', 'c', 'd'].map((k) => keys.begin(id, k, 'digest', TUESDAY_MORNING)));
    expect(replays).toEqual(['a', 'b', 'c', 'd'].map((k, i) => ({ kind: 'replay', status: 409 + i, body: { answer: k } })));
  });

  it('whether keys were ever seen: a burst of asks is answered by one read, each ask its own answer', async () => {
    const { id } = await createMerchant(t.app);
    const other = await createMerchant(t.app);
    let reads = 0;
    const counted = {
      ...t.db,
      query: ((sql: string, params?: readonly unknown[]) => (reads++, t.db.query(sql, params))) as typeof t.db.query,
    };
    const keys = new IdempotencyKeys(counted);
    await keys.begin(id, 'seen', 'digest', TUESDAY_MORNING);
    await keys.begin(other.id, 'theirs', 'digest', TUESDAY_MORNING);
    reads = 0;
    const asked: Array<[string, string]> = [
      [id, 'fresh-1'],
      [id, 'seen'],
      [id, 'theirs'],
      [other.id, 'theirs'],
      [id, 'fresh-2'],
      [id, 'seen'],
    ];
    const known = await Promise.all(asked.map(([m, k]) => keys.known(m, k)));
    expect(known).toEqual([false, true, false, true, false, true]);
    // The first ask goes at once, alone; the five that arrived meanwhile share the next read.
    expect(reads).toBe(2);
  });
});
