/**
 * The stock-notice lag in /metrics: how long a change committed in one process takes to reach
 * another process's caches. The bus measures it from the sender's stamp; across two real
 * processes on PostgreSQL the reader's histogram counts the writer's notices, and only those.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeBus } from '../../../server/live/changes.js';
import { bearer, buildTestApp, call, eventually, openTestDb, PG_URL, TUESDAY_MORNING, type TestApp, type TestDb } from '../helper.js';
import { startApiProcess, type ApiProcess } from '../processes.js';

describe('change notice lag', () => {
  it('is the time from the sender stamping its notice to the notice applied here', async () => {
    let now = 1_000_000;
    const sender = new ChangeBus(true, () => now);
    const receiver = new ChangeBus(true, () => now);
    const applied: string[] = [];
    receiver.subscribe(async (change) => void applied.push(change.kind));
    const lags: Array<[string, number]> = [];
    receiver.onNoticeLag((kind, seconds) => lags.push([kind, seconds]));

    // What the sender puts in its NOTIFY (private; read the way PostgreSQL would carry it).
    const notice = (sender as unknown as { notice(c: object): object }).notice({ merchantId: 'm1', kind: 'stock', ids: ['TEE'] });
    now += 250;
    await receiver.receive(JSON.stringify(notice));
    expect(applied).toEqual(['stock']);
    expect(lags).toEqual([['stock', 0.25]]);

    // A clock behind the sender's never makes a negative lag; an unstamped notice (an older
    // version in a rolling deploy) is applied but has no lag to report; our own is not received.
    now -= 5_000;
    await receiver.receive(JSON.stringify(notice));
    await receiver.receive(JSON.stringify({ v: 1, src: 'older', m: 'm1', k: 'nodes' }));
    await sender.receive(JSON.stringify(notice));
    expect(applied).toEqual(['stock', 'stock', 'nodes']);
    expect(lags).toEqual([
      ['stock', 0.25],
      ['stock', 0],
    ]);
  });
});

const countOf = (metrics: string, kind: string) =>
  Number(new RegExp(`^nearbuy_stock_notice_lag_seconds_count\\{kind="${kind}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
const sumOf = (metrics: string, kind: string) =>
  Number(new RegExp(`^nearbuy_stock_notice_lag_seconds_sum\\{kind="${kind}"\\} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);

describe.runIf(PG_URL)('stock notice lag across two processes (PostgreSQL)', () => {
  let testDb: TestDb;
  let writer: TestApp;
  let reader: ApiProcess;

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    writer = await buildTestApp({ testDb, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
    reader = await startApiProcess(PG_URL!, testDb.schema!, TUESDAY_MORNING);
  }, 60_000);
  afterAll(async () => {
    await reader?.kill();
    await writer?.close();
    await testDb?.close();
  });

  const readerMetrics = async () => (await fetch(`${reader.base}/metrics`)).text();

  it("counts the writer's stock changes in the reader's histogram, once each", async () => {
    const before = countOf(await readerMetrics(), 'stock');
    for (const onHand of [3, 4]) {
      const put = await call(writer.app, {
        method: 'PUT',
        url: '/v1/admin/inventory',
        headers: bearer(writer.demo.secretKey),
        payload: { levels: [{ nodeId: 'fashion-show-las-vegas', sku: 'LAMP-BRASS', onHand }] },
      });
      expect(put.status).toBe(200);
    }
    const metrics = await eventually(readerMetrics, (m) => countOf(m, 'stock') >= before + 2);
    expect(countOf(metrics, 'stock')).toBe(before + 2);
    // Both processes run on this machine's clock: a lag is real time, neither negative nor
    // the pinned test clock's distance from now (years).
    const sum = sumOf(metrics, 'stock');
    console.log(`stock notice lag across two processes: ${((sum / countOf(metrics, 'stock')) * 1000).toFixed(1)} ms on average`);
    expect(sum).toBeGreaterThanOrEqual(0);
    expect(sum).toBeLessThan(60);
    expect(metrics).toMatch(/^nearbuy_stock_notice_lag_seconds_bucket\{le="\+Inf",kind="stock"\} \d+$/m);

    // The writer applied its own changes at once: it measures no lag for them.
    const own = await call(writer.app, { method: 'GET', url: '/metrics' });
    expect(countOf(own.raw, 'stock')).toBe(0);
  }, 30_000);
});
