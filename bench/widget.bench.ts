/**
 * Widget benchmark (`npm run bench:widget`, after `npm run build:widget`): a merchant's page on
 * another origin (http://localhost:<port>) embedding the widget from the API server
 * (http://127.0.0.1:<port>, the real app with the demo data on PGlite), in Chromium with a 100 ms
 * round trip emulated on every request (DevTools `Network.emulateNetworkConditions`), a cold
 * cache for every load. For each way of embedding it prints, as medians over BENCH_RUNS loads
 * (default 7): the page's DOMContentLoaded, the time from navigation to the promise on screen
 * (`nearbuy-promise-shown`), the first contentful paint (the embed's stylesheet holds it back by
 * design: it reserves the widget's space before the first paint), the requests the widget made before it (CORS preflights counted
 * apart), and the ratio of DOMContentLoaded to the same page without the widget (same run).
 * The last line is one JSON object. Figures only: this never fails on time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';
import { buildApp } from '../server/app.js';
import { openPglite } from '../server/db/pglite.js';
import { migrate } from '../server/db/migrate.js';
import { seedDemo, DEMO_PUBLISHABLE_KEY } from '../server/seed/demo.js';

const RUNS = Math.min(Math.max(Number(process.env.BENCH_RUNS ?? 7), 1), 30);
const RTT_MS = 100;
const CHROMIUM = process.env.NEARBUY_CHROMIUM ?? '/usr/bin/chromium';

/** A product page of a merchant: some text, an image-less layout, and the embed under test. */
function page(head: string, body: string): string {
  const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i + 1} of the merchant's own product story.</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Merchant</title>
<script>
  window.__shown = null;
  document.addEventListener('nearbuy-promise-shown', () => { window.__shown ??= performance.now(); });
</script>
${head}
</head><body><h1>Everyday Tee</h1>
${body}
${paragraphs}
</body></html>`;
}

interface Variant {
  name: string;
  html: (api: string) => string;
}

const element = `<nearbuy-button sku="TEE-BLK-M" publishable-key="${DEMO_PUBLISHABLE_KEY}" postal-code="85226"></nearbuy-button>`;
const VARIANTS: Variant[] = [
  { name: 'no widget (baseline)', html: () => page('', '') },
  {
    name: 'recommended: css + async',
    html: (api) =>
      page(
        `<link rel="stylesheet" href="${api}/widget/nearbuy.css">\n<script type="module" async src="${api}/widget/nearbuy.js"></script>`,
        element,
      ),
  },
  {
    name: 'module async, no css',
    html: (api) => page(`<script type="module" async src="${api}/widget/nearbuy.js"></script>`, element),
  },
  { name: 'module (deferred)', html: (api) => page(`<script type="module" src="${api}/widget/nearbuy.js"></script>`, element) },
];

interface Load {
  dcl: number;
  fcp: number;
  shown: number | null;
  requests: number;
  preflights: number;
}

const median = (values: number[]) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  if (!existsSync('dist/widget/nearbuy.js')) throw new Error('Expected a built widget in dist/widget; run `npm run build:widget` first');
  const db = await openPglite();
  await migrate(db);
  await seedDemo(db);
  const app = await buildApp({ db, logger: false, config: { RATE_LIMIT_PER_KEY: 1e9, RATE_LIMIT_PER_IP: 1e9, CHECKOUT_SWEEP_SECONDS: 0 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  let current = '';
  const merchant: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(current);
  });
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
  // localhost, not 127.0.0.1: another origin than the API's, as on a real merchant's site.
  const shop = `http://localhost:${(merchant.address() as AddressInfo).port}/`;

  const browser = await chromium.launch({
    ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const results: Record<
    string,
    { dclMs: number; fcpMs: number; shownMs: number | null; requests: number; preflights: number; dclRatio: number }
  > = {};
  try {
    for (const variant of VARIANTS) {
      current = variant.html(api);
      const loads: Load[] = [];
      for (let run = 0; run < RUNS + 1; run++) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: RTT_MS,
          downloadThroughput: -1,
          uploadThroughput: -1,
        });
        let requests = 0;
        let preflights = 0;
        tab.on('request', (request) => {
          if (request.url().startsWith(api)) requests += 1;
        });
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        cdp.on('Network.requestWillBeSent', (event: { request: { method: string } }) => {
          if (event.request.method === 'OPTIONS') preflights += 1;
        });
        await tab.goto(shop, { waitUntil: 'load' });
        if (variant.name !== 'no widget (baseline)')
          await tab.waitForFunction(() => (window as { __shown?: number | null }).__shown != null, null, { timeout: 15_000 });
        const figures = await tab.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const paint = performance.getEntriesByName('first-contentful-paint')[0];
          return {
            dcl: nav.domContentLoadedEventEnd,
            fcp: paint?.startTime ?? Number.NaN,
            shown: (window as { __shown?: number | null }).__shown ?? null,
          };
        });
        await context.close();
        // The first load warms the server and the browser; it is not counted.
        if (run > 0) loads.push({ ...figures, requests, preflights });
      }
      const shown = loads.map((l) => l.shown).filter((v): v is number => v !== null);
      results[variant.name] = {
        dclMs: Math.round(median(loads.map((l) => l.dcl))),
        fcpMs: Math.round(median(loads.map((l) => l.fcp))),
        shownMs: shown.length ? Math.round(median(shown)) : null,
        requests: median(loads.map((l) => l.requests)),
        preflights: median(loads.map((l) => l.preflights)),
        dclRatio: 0,
      };
    }
  } finally {
    await browser.close();
    merchant.close();
    await app.close();
    await db.close?.();
  }
  const baseline = results['no widget (baseline)']!.dclMs;
  console.log(`Widget on a cross-origin merchant page, Chromium, ${RTT_MS} ms RTT emulated, cold cache, median of ${RUNS} loads`);
  console.log(
    `${'embed'.padEnd(28)} ${'DCL ms'.padStart(7)} ${'DCL / base'.padStart(10)} ${'FCP ms'.padStart(7)} ${'promise ms'.padStart(10)} ${'API reqs'.padStart(8)} ${'preflights'.padStart(10)}`,
  );
  for (const [name, r] of Object.entries(results)) {
    r.dclRatio = Math.round((r.dclMs / baseline) * 100) / 100;
    console.log(
      `${name.padEnd(28)} ${String(r.dclMs).padStart(7)} ${`${r.dclRatio}×`.padStart(10)} ${String(r.fcpMs).padStart(7)} ${String(r.shownMs ?? '—').padStart(10)} ${String(r.requests).padStart(8)} ${String(r.preflights).padStart(10)}`,
    );
  }
  console.log(JSON.stringify({ bench: 'widget', rttMs: RTT_MS, runs: RUNS, results }));
}

await main();
