/**
 * A flash sale through a crash: four API processes on one PostgreSQL, 1,000 shoppers for 50
 * units, one process SIGKILLed while sessions are being made and started again. Shoppers behave
 * like the widget: each keeps one Idempotency-Key and retries on another process when a
 * connection dies or the key is still in flight, then pays. Afterwards:
 *
 * - nothing oversold: orders take at most the 50 units, on hand never below zero;
 * - every unit sold: exactly 50 orders (every hold was paid, none was left behind by the crash);
 * - no paid order lost or doubled: each shopper told "paid" has its own order in the database;
 * - a retry gets the session its key made: every session in the database is one a shopper got;
 * - no stock stranded: once the holds expire and are swept, nothing is reserved;
 * - never a 5xx.
 *
 * The processes' clocks run 20× faster than real time from a Tuesday morning, so the lease on a
 * key whose process died (60 s) lapses in 3 s.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openTestDb, PG_URL, TUESDAY_MORNING, type TestApp, type TestDb } from '../helper.js';
import { startApiProcess, type ApiProcess, type ApiProcessOptions } from '../processes.js';
import { ADDRESS, levelOf, ORIGIN, openLoneStoreShop, type Shop } from '../fixtures.js';

const PROCESSES = 4;
const SHOPPERS = 1000;
const UNITS = 50;
/** Shoppers in flight at once (a 2-core machine runs the processes and the database too). */
const CONCURRENCY = 48;
/** The process killed once this many sessions have been made. */
const KILL_AFTER_SESSIONS = 15;
const CLOCK_RATE = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Shopper {
  key: string;
  sessionIds: Set<string>;
  /** The order the server said it placed for this shopper's payment. */
  orderId: string | null;
  refused: boolean;
  /** Connections that died under this shopper (the killed process). */
  lostConnections: number;
  statuses: number[];
}

describe.runIf(PG_URL)('a flash sale across four processes, one killed mid-run (PostgreSQL)', () => {
  let testDb: TestDb;
  let t: TestApp;
  let now = TUESDAY_MORNING;
  let shop: Shop;
  const procs: Array<ApiProcess | null> = [];
  const processOptions: ApiProcessOptions = {
    clockRate: CLOCK_RATE,
    config: { RATE_LIMIT_PER_KEY: 1_000_000, RATE_LIMIT_PER_IP: 1_000_000 },
    timeoutMs: 120_000,
  };

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    t = await buildTestApp({ testDb, clock: () => now, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
    // One store's 50 units, sold to the last: it promises same-day alone, with no second holder.
    shop = await openLoneStoreShop(t.app, { mall: UNITS });
    // One first, so the others start from its compiled-module cache (a busy machine starts four
    // cold processes slowly).
    procs.push(await startApiProcess(PG_URL!, testDb.schema!, now, processOptions));
    procs.push(
      ...(await Promise.all(Array.from({ length: PROCESSES - 1 }, () => startApiProcess(PG_URL!, testDb.schema!, now, processOptions)))),
    );
  }, 300_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p?.kill('SIGKILL')));
    await t?.close();
    await testDb?.close();
  });

  /** A live process, chosen by `n` among those up now. */
  function live(n: number): ApiProcess {
    const up = procs.filter((p): p is ApiProcess => p !== null);
    return up[n % up.length]!;
  }

  async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.publishableKey}`, origin: ORIGIN, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
  }

  it('sells exactly the stock, loses no paid order and strands nothing', async () => {
    const shoppers: Shopper[] = Array.from({ length: SHOPPERS }, () => ({
      key: randomBytes(12).toString('hex'),
      sessionIds: new Set(),
      orderId: null,
      refused: false,
      lostConnections: 0,
      statuses: [],
    }));
    let sessionsMade = 0;
    let killed: Promise<void> | null = null;
    const deadline = Date.now() + 150_000;

    const killOne = async () => {
      const doomed = procs[0]!;
      procs[0] = null;
      await doomed.kill('SIGKILL');
      procs[0] = await startApiProcess(PG_URL!, testDb.schema!, now, processOptions);
    };

    async function shop1(s: Shopper, n: number): Promise<void> {
      const body = { items: [{ sku: shop.sku, quantity: 1 }], email: `shopper${n}@example.com`, address: ADDRESS, service: 'same_day' };
      let sessionId: string | null = null;
      for (let attempt = 0; sessionId === null && attempt < 60 && Date.now() < deadline; attempt++) {
        let res;
        try {
          res = await post(live(n + attempt).base, '/v1/checkout/sessions', body, { 'idempotency-key': s.key });
        } catch {
          s.lostConnections++;
          await sleep(100);
          continue;
        }
        s.statuses.push(res.status);
        if (res.status === 201 || res.status === 200) {
          sessionId = String(res.body.id);
          s.sessionIds.add(sessionId);
          if (++sessionsMade === KILL_AFTER_SESSIONS) killed = killOne();
        } else if (res.status === 409 && res.body.error?.code === 'idempotency_key_in_flight') {
          await sleep(250);
        } else if (res.status === 409 && ['out_of_stock', 'promise_changed'].includes(res.body.error?.code ?? '')) {
          s.refused = true;
          return;
        } else {
          return;
        }
      }
      if (sessionId === null) return;
      for (let attempt = 0; attempt < 60 && Date.now() < deadline; attempt++) {
        let res;
        try {
          res = await post(live(n + attempt).base, `/v1/checkout/sessions/${sessionId}/confirm`, { cardNumber: '4242 4242 4242 4242' });
        } catch {
          s.lostConnections++;
          await sleep(100);
          continue;
        }
        s.statuses.push(res.status);
        const order = res.body.order as { id: string } | null | undefined;
        if (res.status === 200 && order) {
          s.orderId = order.id;
          return;
        }
        if (res.status !== 409) return;
        await sleep(250);
      }
    }

    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < SHOPPERS) {
          const n = next++;
          await shop1(shoppers[n]!, n);
        }
      }),
    );
    await killed;
    const seconds = (Date.now() - started) / 1000;

    const statuses = shoppers.flatMap((s) => s.statuses);
    const tally: Record<number, number> = {};
    for (const st of statuses) tally[st] = (tally[st] ?? 0) + 1;
    const lost = shoppers.reduce((n, s) => n + s.lostConnections, 0);
    const resumed = shoppers.filter((s) => s.lostConnections > 0 && s.sessionIds.size > 0).length;
    console.log(
      `crash at scale: ${SHOPPERS} shoppers over ${PROCESSES} processes in ${seconds.toFixed(1)} s; answers ${JSON.stringify(tally)}; ` +
        `${lost} connections lost to the kill, ${resumed} of those shoppers got a session on retry`,
    );

    // Never a 5xx; the kill really hit requests in flight.
    expect(statuses.filter((st) => st >= 500)).toEqual([]);
    expect(killed).not.toBeNull();
    expect(lost).toBeGreaterThan(0);
    // Every shopper ended: paid, or told there is no stock.
    expect(shoppers.filter((s) => s.orderId === null && !s.refused).map((s) => s.statuses)).toEqual([]);
    // One key, one session: a retry got the session its key had made.
    for (const s of shoppers) expect(s.sessionIds.size).toBeLessThanOrEqual(1);

    const sessions = await t.db.query<{ id: string; status: string }>(`SELECT id, status FROM checkout_sessions WHERE merchant_id = $1`, [
      shop.id,
    ]);
    const known = new Set(shoppers.flatMap((s) => [...s.sessionIds]));
    expect(sessions.map((r) => r.id).filter((id) => !known.has(id))).toEqual([]);

    // Exactly the stock sold, each paid shopper's order there once.
    const orders = await t.db.query<{ id: string; units: number }>(
      `SELECT o.id, (SELECT sum((i->>'quantity')::int) FROM jsonb_array_elements(o.items) i)::int AS units
         FROM orders o WHERE o.merchant_id = $1`,
      [shop.id],
    );
    const paid = shoppers.filter((s) => s.orderId !== null).map((s) => s.orderId!);
    expect(new Set(paid).size).toBe(paid.length);
    expect(orders.map((o) => o.id).sort()).toEqual([...paid].sort());
    expect(orders.reduce((n, o) => n + o.units, 0)).toBe(UNITS);
    expect(orders).toHaveLength(UNITS);

    // Once every hold has lapsed and the sweeper ran, nothing is reserved for nobody.
    now = TUESDAY_MORNING + 24 * 60 * 60_000;
    await t.app.checkout.sweep();
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 0, reserved: 0, available: 0 });
    const [held] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reservations WHERE merchant_id = $1 AND status = 'held'`,
      [shop.id],
    );
    expect(held!.n).toBe(0);
  }, 300_000);
});
