/**
 * What fulfilment costs and how fast its workers go, on PGlite in memory:
 * - orders placed per second (checkout + test-card payment, which now also writes parcels, the
 *   confirmation email and the webhook outbox) with no webhook endpoint, then with three — one
 *   quick, one that never answers, one refusing connections — to show endpoints cost checkout
 *   only their outbox rows, never their speed;
 * - webhook deliveries per second to a quick loopback receiver, against plain unsigned POSTs of
 *   the same bodies to it in the same run;
 * - emails per second through SMTP to the in-process server.
 *
 *   npm run bench:fulfilment
 *
 * Prints a table, then one JSON line. Loopback only; every loop is bounded by count and time.
 */
import { createServer, type Server } from 'node:http';
import { buildTestApp, bearer, call, TUESDAY_MORNING } from '../tests/server/helper.js';
import { openShop, pay, setStock, startCheckout } from '../tests/server/fixtures.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 150);
const MAX_SECONDS = 20;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/hook`);
    }),
  );
}

async function main(): Promise<void> {
  const t = await buildTestApp({
    clock: () => TUESDAY_MORNING,
    captureMail: true,
    config: { CHECKOUT_SWEEP_SECONDS: 0, RATE_LIMIT_PER_KEY: 1_000_000, RATE_LIMIT_PER_IP: 1_000_000 },
  });
  const shop = await openShop(t.app, { mall: 1_000_000 });
  await setStock(t.app, shop.secretKey, [{ nodeId: shop.mall, sku: shop.sku, onHand: 1_000_000 }]);

  async function placeMany(n: number): Promise<number> {
    const started = performance.now();
    let done = 0;
    while (done < n && performance.now() - started < MAX_SECONDS * 1000) {
      const session = await startCheckout(t.app, shop);
      const paid = await pay(t.app, shop, session.body.id);
      if (paid.status !== 200) throw new Error(paid.raw);
      done++;
    }
    return done / ((performance.now() - started) / 1000);
  }

  const quick = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  const hanging = createServer(() => undefined);
  const closed = createServer();
  const quickUrl = await listen(quick);
  const hangingUrl = await listen(hanging);
  const closedUrl = await listen(closed);
  await new Promise((r) => closed.close(r));

  await placeMany(20); // warm up
  const without = await placeMany(ORDERS);
  const endpoints = [];
  for (const url of [quickUrl, hangingUrl, closedUrl]) {
    const res = await call(t.app, {
      method: 'POST',
      url: '/v1/admin/webhook-endpoints',
      headers: bearer(shop.secretKey),
      payload: { url },
    });
    endpoints.push(res.body.id as string);
  }
  const withEndpoints = await placeMany(ORDERS);

  // Deliveries: only the quick endpoint stays on, and the backlog is what it gets.
  await t.db.query(`DELETE FROM webhook_deliveries WHERE endpoint_id <> $1`, [endpoints[0]]);
  const pending = Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'`))[0]!.n);
  let started = performance.now();
  const delivered = await t.app.webhooks.deliverDue();
  const deliveriesPerSecond = delivered / ((performance.now() - started) / 1000);
  const bodies = (await t.db.query<{ payload: unknown }>(`SELECT payload FROM webhook_events ORDER BY seq LIMIT $1`, [pending])).map((r) =>
    JSON.stringify(r.payload),
  );
  started = performance.now();
  for (const body of bodies) await fetch(quickUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const rawPerSecond = bodies.length / ((performance.now() - started) / 1000);

  started = performance.now();
  const emails = await t.app.mail.deliverDue();
  const emailsPerSecond = emails / ((performance.now() - started) / 1000);

  const rows = [
    ['orders placed /s, no webhook endpoint', without.toFixed(1)],
    ['orders placed /s, 3 endpoints (quick, hanging, refused)', withEndpoints.toFixed(1)],
    ['  ratio with / without', (withEndpoints / without).toFixed(2)],
    [`webhook deliveries /s (signed, logged; ${delivered} of ${pending})`, deliveriesPerSecond.toFixed(1)],
    ['plain POSTs /s of the same bodies', rawPerSecond.toFixed(1)],
    ['  ratio deliveries / plain POSTs', (deliveriesPerSecond / rawPerSecond).toFixed(2)],
    [`emails /s through SMTP to the in-process server (${emails})`, emailsPerSecond.toFixed(1)],
  ];
  const width = Math.max(...rows.map((r) => r[0]!.length));
  for (const [label, value] of rows) console.log(`${label!.padEnd(width)}  ${value}`);
  console.log(JSON.stringify({ ordersPerSecond: { without, withEndpoints }, deliveriesPerSecond, rawPerSecond, emailsPerSecond }));

  await t.close();
  quick.close();
  hanging.closeAllConnections();
  hanging.close();
}

await main();
