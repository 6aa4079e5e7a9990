/**
 * `npm start` keeps what happened: buy in the demo shop, stop the server the way Ctrl+C does,
 * start it again on the same data folder, and the order and the stock it took are still there
 * (the demo seed fills in only what is missing).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLISHABLE_KEY } from '../../../server/seed/demo.js';
import { startProcess, type StartedProcess } from '../processes.js';

const ORIGIN = 'http://localhost:3000';
const SKU = 'CANDLE-CEDAR';

interface Started {
  url: string;
  kill: StartedProcess['kill'];
}

async function start(dataDir: string): Promise<Started> {
  const { match, kill } = await startProcess({
    script: 'server/cli/start.ts',
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      NEARBUY_DATA_DIR: dataDir,
      NEARBUY_DEMO_CLOCK: '2026-12-01T09:00:00-07:00',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      DATABASE_URL: '',
      STRIPE_SECRET_KEY: '',
      STRIPE_PUBLISHABLE_KEY: '',
      STRIPE_WEBHOOK_SECRET: '',
    },
    ready: /nearbuy is running at (http:\/\/\S+\/)/,
    timeoutMs: 150_000,
    label: 'npm start',
  });
  return { url: match[1]!, kill };
}

/** Stops the server the way Ctrl+C does; resolves with its exit code. */
function stop(s: Started): Promise<number | null> {
  return s.kill('SIGINT');
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface StockView {
  nodes: Array<{ id: string; levels: Array<{ sku: string; onHand: number; reserved: number }> }>;
}

const onHandOf = (view: StockView) =>
  Object.fromEntries(view.nodes.flatMap((n) => n.levels.filter((l) => l.sku === SKU).map((l) => [n.id, l.onHand])));

describe('npm start across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nearbuy-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the orders and the stock they took', async () => {
    const first = await start(dataDir);
    const before = onHandOf(await json<StockView>(`${first.url}demo/stock`));
    const headers = { authorization: `Bearer ${DEMO_PUBLISHABLE_KEY}`, origin: ORIGIN, 'content-type': 'application/json' };
    const session = await json<{ id: string; option: { shipments: Array<{ nodeId: string }> } }>(`${first.url}v1/checkout/sessions`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomBytes(8).toString('hex') },
      body: JSON.stringify({
        items: [{ sku: SKU, quantity: 2 }],
        email: 'restart@example.com',
        address: { name: 'Re Start', line1: '1 W Chandler Blvd', city: 'Chandler', region: 'AZ', postalCode: '85226', country: 'US' },
        service: 'same_day',
      }),
    });
    const paid = await json<{ order: { id: string } }>(`${first.url}v1/checkout/sessions/${session.id}/confirm`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ cardNumber: '4242 4242 4242 4242' }),
    });
    const node = session.option.shipments[0]!.nodeId;
    expect(await stop(first)).toBe(0);

    const second = await start(dataDir);
    try {
      const orders = await json<{ items: Array<{ id: string }> }>(`${second.url}demo/orders`);
      expect(orders.items.map((o) => o.id)).toContain(paid.order.id);
      const after = onHandOf(await json<StockView>(`${second.url}demo/stock`));
      expect(after[node]).toBe(before[node]! - 2);
      expect({ ...after, [node]: before[node] }).toEqual(before);
    } finally {
      await stop(second);
    }
  }, 360_000);
});
