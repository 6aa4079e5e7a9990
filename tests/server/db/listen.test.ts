/**
 * The PostgreSQL adapter's LISTEN connection (server/db/postgres.ts): when it drops, the caller is
 * told at once (notices may be missed from then on), and again once it listens anew, so that
 * the live caches know when they may have fallen behind. PostgreSQL only.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, PG_URL, type TestDb } from '../helper.js';

describe.runIf(PG_URL)('LISTEN on PostgreSQL', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    // The worker's own database (tests/server/helper.ts): notices stay within it.
    testDb = await openTestDb('postgres');
  });
  afterAll(async () => {
    await testDb.close();
  });

  it('says when the connection is lost and when it listens again', async () => {
    const channel = `listen_test_${randomBytes(6).toString('hex')}`;
    const events: string[] = [];
    let back!: () => void;
    const reconnected = new Promise<void>((resolve) => (back = resolve));
    const db = testDb.db;
    const stop = await db.listen!(
      channel,
      (payload) => events.push(`message ${payload}`),
      () => {
        events.push('reconnect');
        back();
      },
      () => events.push('lost'),
    );
    try {
      const [listener] = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE query = $1`, [`LISTEN "${channel}"`]);
      expect(listener).toBeDefined();
      await db.query('SELECT pg_terminate_backend($1)', [listener!.pid]);
      await reconnected;
      expect(events).toEqual(['lost', 'reconnect']);
      // Listening again for real: a notice arrives.
      await db.query('SELECT pg_notify($1, $2)', [channel, 'hello']);
      await expect.poll(() => events, { timeout: 5_000 }).toContain('message hello');
    } finally {
      await stop();
    }
  });
});
