/**
 * A flash sale: SHOPPERS shoppers at once for UNITS units of one SKU, over PROCESSES API
 * processes sharing one PostgreSQL schema (as operators run it). Every shopper asks for a
 * checkout session with an Idempotency-Key (retrying with the same key when told the key is in
 * flight or when the connection fails) and pays with the test card when it gets one. The sale
 * opens on processes that have served the shop's ordinary day first (FLASH_WARM_SHOPPERS shoppers
 * buying FLASH_WARM_UNITS units of another product, 400 and 200), as a live shop's servers have;
 * each shopper comes from its own address through the load balancer (X-Forwarded-For).
 *
 *   NEARBUY_TEST_DATABASE_URL=postgres://… npm run bench:flash-sale
 *   (FLASH_PROCESSES, FLASH_SHOPPERS, FLASH_UNITS change the defaults 4, 1000, 50;
 *   NEARBUY_TEST_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API processes)
 *
 * Prints the time to an answer for session creation (median, p95, max), the answers by status,
 * the orders placed and the units sold, and a same-run baseline: the same shoppers asking the same
 * processes for the SKU's delivery promise at once (HTTP, keys, CORS and rate limits, no database),
 * and the load client's own CPU in each phase (a client near one full core would be the bound).
 * Requests travel over at most SOCKETS kept-alive connections per process, as from a load balancer
 * in front of them (a thousand new connections at once would measure the kernel's accept queue).
 * Last line: one JSON object. Loopback only; every request and the whole run are bounded in time.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { buildTestApp, openTestDb, PG_URL, TUESDAY_MORNING } from '../tests/server/helper.js';
import { ADDRESS, levelOf, openLoneStoreShop, ORIGIN, type Shop } from '../tests/server/fixtures.js';
import { fileURLToPath } from 'node:url';
import { startProcess } from '../tests/server/processes.js';

const PROCESSES = Number(process.env.FLASH_PROCESSES ?? 4);
const SHOPPERS = Number(process.env.FLASH_SHOPPERS ?? 1000);
const UNITS = Number(process.env.FLASH_UNITS ?? 50);
/** The shop's ordinary traffic before the sale (shoppers, and units of another product they buy). */
const WARM_SHOPPERS = Number(process.env.FLASH_WARM_SHOPPERS ?? 400);
const WARM_UNITS = Number(process.env.FLASH_WARM_UNITS ?? 200);
/** Tries per shopper for one session (the first and retries with the same key). */
const TRIES = 5;
/** Connections to each process, kept alive between requests. */
const SOCKETS = 64;
const REQUEST_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = 300_000;
/** A busy machine starts a process slowly; the sale starts once every process answers. */
const START_TIMEOUT_MS = 120_000;
const SERVE = fileURLToPath(new URL('../tests/server/serve.ts', import.meta.url));

interface ApiProcess {
  base: string;
  kill(): Promise<number | null>;
}

/** One API process on the schema, its clock pinned, as the multi-process tests start them. */
async function startApi(schema: string): Promise<ApiProcess> {
  const { match, kill } = await startProcess({
    script: SERVE,
    env: {
      NEARBUY_TEST_DATABASE_URL: PG_URL!,
      NEARBUY_TEST_SCHEMA: schema,
      LOG_LEVEL: 'silent',
      NEARBUY_TEST_NOW: String(TUESDAY_MORNING),
      // Behind a load balancer: each shopper's own address (X-Forwarded-For) is what the
      // per-client rate limits count, as in production.
      NEARBUY_TEST_CONFIG: JSON.stringify({ TRUST_PROXY: true }),
    },
    ready: /PORT (\d+)/,
    timeoutMs: START_TIMEOUT_MS,
    label: 'API process',
  });
  return { base: `http://127.0.0.1:${match[1]}`, kill: () => kill() };
}

if (!PG_URL) {
  console.log('NEARBUY_TEST_DATABASE_URL is not set: the flash sale needs PostgreSQL (several processes on one database)');
  process.exit(0);
}

const stopAll = setTimeout(() => {
  console.error(`flash sale: gave up after ${RUN_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, RUN_TIMEOUT_MS);
stopAll.unref();

interface Answer {
  status: number;
  body: { id?: string; error?: { code: string } };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS });

/** One request; status 0 when the connection failed or no answer came in time (a browser would retry). */
function request(url: string, method: 'GET' | 'POST', headers: Record<string, string>, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers:
          payload === undefined
            ? headers
            : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let parsed: Answer['body'] = {};
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString()) as Answer['body'];
          } catch {
            // Not JSON: the status says enough.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', () => resolve({ status: 0, body: {} }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: {} }));
    req.end(payload);
  });
}

const post = (url: string, headers: Record<string, string>, body: unknown) => request(url, 'POST', headers, body);

/**
 * The load client's own CPU over a phase: its seconds of CPU and their share of the phase's wall
 * time (1.0 = one core busy throughout), to tell a saturated client from slow servers.
 */
function clientCpu(since: NodeJS.CpuUsage, startedMs: number) {
  const used = process.cpuUsage(since);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const wallSeconds = (performance.now() - startedMs) / 1000;
  return { cpuSeconds, wallSeconds, coreShare: cpuSeconds / wallSeconds };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function summary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { medianMs: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), maxMs: sorted[sorted.length - 1] ?? NaN };
}

type Headers = (extra?: Record<string, string>) => Record<string, string>;

/** What a phase's shoppers were answered, paid and retried. */
interface Tally {
  statuses: Map<string, number>;
  retries: number;
  paid: number;
  payFailures: number;
}

/** Shopper `i`'s own address in a phase (1 the day before, 2 the baseline, 3 the sale), as the load balancer forwards it. */
const shopperAddress = (phase: number, i: number) => ({ 'x-forwarded-for': `10.${phase}.${(i >> 8) & 255}.${i & 255}` });

const newTally = (): Tally => ({ statuses: new Map(), retries: 0, paid: 0, payFailures: 0 });

/**
 * One shopper: a checkout session for one unit of `sku` with an Idempotency-Key (retrying with the
 * same key when told the key is in flight or when the connection fails), paid with the test card
 * when made. Returns the time to the session's final answer.
 */
async function checkout(
  processes: ApiProcess[],
  headers: Headers,
  sku: string,
  name: string,
  phase: number,
  i: number,
  tally: Tally,
): Promise<number> {
  const from = shopperAddress(phase, i);
  const key = `${name}-${randomBytes(6).toString('hex')}`;
  const body = { items: [{ sku, quantity: 1 }], email: `${name}@example.com`, address: ADDRESS, service: 'same_day' };
  const t0 = performance.now();
  let answer: Answer = { status: 0, body: {} };
  for (let attempt = 0; attempt < TRIES; attempt++) {
    // A retry goes to the next process, as a load balancer would send it.
    const base = processes[(i + attempt) % processes.length]!.base;
    answer = await post(`${base}/v1/checkout/sessions`, headers({ ...from, 'idempotency-key': key }), body);
    const again = answer.status === 0 || answer.status >= 500 || answer.body.error?.code === 'idempotency_key_in_flight';
    if (!again) break;
    tally.retries++;
    await new Promise((r) => setTimeout(r, 100));
  }
  const elapsed = performance.now() - t0;
  const label = answer.status === 201 ? '201' : `${answer.status} ${answer.body.error?.code ?? ''}`.trim();
  tally.statuses.set(label, (tally.statuses.get(label) ?? 0) + 1);
  if (answer.status === 201 && answer.body.id) {
    const confirm = await post(`${processes[i % processes.length]!.base}/v1/checkout/sessions/${answer.body.id}/confirm`, headers(from), {
      cardNumber: '4242 4242 4242 4242',
    });
    if (confirm.status === 200) tally.paid++;
    else tally.payFailures++;
  }
  return elapsed;
}

/**
 * The shop's ordinary day before the sale: WARM_SHOPPERS shoppers, in waves of a tenth, buy
 * another product until its WARM_UNITS units are gone (the rest are refused), so the processes
 * have served checkouts, payments and refusals before the sale, as a shop's servers have when a
 * sale opens. Without it the sale would also measure code run for the first time.
 */
async function ordinaryTraffic(processes: ApiProcess[], headers: Headers, sku: string) {
  const tally = newTally();
  const wave = Math.max(1, Math.ceil(WARM_SHOPPERS / 10));
  const ms: number[] = [];
  for (let from = 0; from < WARM_SHOPPERS; from += wave) {
    const count = Math.min(wave, WARM_SHOPPERS - from);
    ms.push(
      ...(await Promise.all(
        Array.from({ length: count }, (_, j) => checkout(processes, headers, sku, `day-${from + j}`, 1, from + j, tally)),
      )),
    );
  }
  return { session: summary(ms), answers: Object.fromEntries([...tally.statuses].sort()), paid: tally.paid };
}

/** CPU seconds the API processes have used, from their own `/metrics` (`process_cpu_seconds_total`). */
async function apiCpuSeconds(processes: ApiProcess[]): Promise<number> {
  let total = 0;
  for (const p of processes) {
    const text = await new Promise<string>((resolve) => {
      http
        .get(`${p.base}/metrics`, { agent }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve(body));
        })
        .on('error', () => resolve(''));
    });
    total += Number(/^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1] ?? NaN);
  }
  return total;
}

/**
 * CPU seconds PostgreSQL's processes on this machine have used (Linux `/proc`; NaN elsewhere):
 * the database's share of a phase's work, which the load client's clock cannot see. Every client
 * of the server counts, so another program's queries during the run show here too.
 */
function postgresCpuSeconds(): number {
  try {
    const ticks = 100; // USER_HZ on Linux
    let total = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    }
    return total;
  } catch {
    return NaN;
  }
}

/**
 * A phase and the CPU it cost: the load client's own (`clientCpu`, over the phase alone), and the
 * server's per shopper, the API processes' and PostgreSQL's, in ms.
 */
async function measured<T>(processes: ApiProcess[], shoppers: number, phase: () => Promise<T>) {
  const [api0, pg0] = [await apiCpuSeconds(processes), postgresCpuSeconds()];
  const [since, startedMs] = [process.cpuUsage(), performance.now()];
  const result = await phase();
  const client = clientCpu(since, startedMs);
  const [api1, pg1] = [await apiCpuSeconds(processes), postgresCpuSeconds()];
  return { result, client, apiMsPerShopper: ((api1 - api0) * 1000) / shoppers, postgresMsPerShopper: ((pg1 - pg0) * 1000) / shoppers };
}

const testDb = await openTestDb('postgres');
const t = await buildTestApp({ testDb, clock: () => TUESDAY_MORNING, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
const processes: ApiProcess[] = [];
try {
  // One store's units, sold same-day from that store alone (the merchant's choice: by default a
  // lone holder offers no same-day).
  const shop: Shop = await openLoneStoreShop(t.app, { mall: UNITS, other: WARM_UNITS });
  const started = await Promise.allSettled(Array.from({ length: PROCESSES }, () => startApi(testDb.schema!)));
  for (const s of started) if (s.status === 'fulfilled') processes.push(s.value);
  for (const s of started) if (s.status === 'rejected') throw s.reason;
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${shop.publishableKey}`, origin: ORIGIN, ...extra });
  const promiseUrl = (base: string) => `${base}/v1/promise?sku=${encodeURIComponent(shop.sku)}&qty=1&postal_code=85226&country=US`;

  // Warm every process up (JIT, caches) with one promise each.
  for (const p of processes) await request(promiseUrl(p.base), 'GET', headers());
  const warm = WARM_SHOPPERS > 0 ? await ordinaryTraffic(processes, headers, shop.otherSku) : null;

  // Baseline: the same number of shoppers asking for the promise at once.
  const baselineServer = await measured(processes, SHOPPERS, () =>
    Promise.all(
      Array.from({ length: SHOPPERS }, async (_, i) => {
        const t0 = performance.now();
        const res = await request(promiseUrl(processes[i % PROCESSES]!.base), 'GET', headers(shopperAddress(2, i)));
        if (res.status !== 200) throw new Error(`promise answered ${res.status}`);
        return performance.now() - t0;
      }),
    ),
  );
  const baselineClient = baselineServer.client;
  const baselineMs = baselineServer.result;

  // The sale.
  const tally = newTally();
  const saleServer = await measured(processes, SHOPPERS, () =>
    Promise.all(Array.from({ length: SHOPPERS }, (_, i) => checkout(processes, headers, shop.sku, `flash-${i}`, 3, i, tally))),
  );
  const sessionMs = saleServer.result;
  const { statuses, paid, payFailures, retries } = tally;
  const saleClient = saleServer.client;
  const saleSeconds = saleClient.wallSeconds;

  // The sale's orders: those whose session held the sale's SKU (the day before sold another).
  const [orders] = await t.db.query<{ n: string }>(
    `SELECT count(DISTINCT o.id) AS n FROM orders o JOIN reservations r ON r.session_id = o.session_id
      WHERE o.merchant_id = $1 AND r.sku = $2`,
    [shop.id, shop.sku],
  );
  const [sold] = await t.db.query<{ n: string | null }>(
    `SELECT sum(quantity) AS n FROM reservations WHERE merchant_id = $1 AND sku = $2 AND status = 'committed'`,
    [shop.id, shop.sku],
  );
  const level = await levelOf(t.app, shop, shop.mall);
  const sale = summary(sessionMs);
  const baseline = summary(baselineMs);
  const result = {
    bench: 'flash-sale',
    processes: PROCESSES,
    shoppers: SHOPPERS,
    units: UNITS,
    session: sale,
    answers: Object.fromEntries([...statuses].sort()),
    retries,
    paid,
    payFailures,
    orders: Number(orders?.n ?? 0),
    unitsSold: Number(sold?.n ?? 0),
    stockAfter: level,
    saleSeconds,
    baselinePromise: baseline,
    clientCpu: { baseline: baselineClient, sale: saleClient },
    serverCpuMsPerShopper: {
      baseline: { api: baselineServer.apiMsPerShopper, postgres: baselineServer.postgresMsPerShopper },
      sale: { api: saleServer.apiMsPerShopper, postgres: saleServer.postgresMsPerShopper },
    },
    ordinaryTraffic: warm,
    p95VsBaseline: sale.p95Ms / baseline.p95Ms,
  };

  console.log(`flash sale: ${SHOPPERS} shoppers, ${UNITS} units, ${PROCESSES} processes on one PostgreSQL schema`);
  console.log('measure                                   median ms  p95 ms   max ms');
  const row = (label: string, s: ReturnType<typeof summary>) =>
    console.log(
      `${label.padEnd(42)}${s.medianMs.toFixed(0).padStart(9)}${s.p95Ms.toFixed(0).padStart(8)}${s.maxMs.toFixed(0).padStart(9)}`,
    );
  row('session creation (to the final answer)', sale);
  row('GET /v1/promise, same shoppers (baseline)', baseline);
  if (warm) row(`before the sale: ${WARM_SHOPPERS} shoppers, in tenths`, warm.session);
  console.log(`answers: ${[...statuses].map(([k, v]) => `${k}: ${v}`).join(', ')}; retries ${retries}`);
  console.log(`orders placed ${result.orders}, units sold ${result.unitsSold}, paid ${paid}, payment failures ${payFailures}`);
  console.log(`stock after: on hand ${level.onHand}, reserved ${level.reserved}; sale took ${saleSeconds.toFixed(1)} s`);
  const cpuLine = (c: ReturnType<typeof clientCpu>) =>
    `${c.cpuSeconds.toFixed(2)} s CPU in ${c.wallSeconds.toFixed(2)} s (${(c.coreShare * 100).toFixed(0)}% of a core)`;
  console.log(`load client: baseline ${cpuLine(baselineClient)}; sale ${cpuLine(saleClient)}`);
  const perShopper = (c: typeof saleServer) => `API ${c.apiMsPerShopper.toFixed(2)} ms, PostgreSQL ${c.postgresMsPerShopper.toFixed(2)} ms`;
  console.log(`server CPU per shopper: baseline ${perShopper(baselineServer)}; sale ${perShopper(saleServer)}`);
  console.log(`p95 session creation / p95 baseline: ${result.p95VsBaseline.toFixed(1)}×`);
  console.log(JSON.stringify(result));
} finally {
  agent.destroy();
  await Promise.all(processes.map((p) => p.kill()));
  await t.close();
  await testDb.close();
}
