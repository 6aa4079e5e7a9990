/**
 * A merchant page on another origin that pastes only the README's embed (the widget's stylesheet,
 * the script tag and the element, no CSS of its own for the widget) and styles everything with
 * `!important` line height, letter spacing and case: the widget keeps its own layout (only the
 * page's font family comes through, as documented), nothing moves from navigation on (before
 * the script defines the element, at define, when the promise answers), the stylesheet holds
 * each element's exact size at every width and in every locale, and the same holds under a
 * strict CSP with Trusted Types enforced.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { DEMO_PUBLISHABLE_KEY } from '../../server/seed/demo.js';
import { expect, test } from './fixtures.js';

const HOSTILE_CSS = '* { line-height: 3 !important; letter-spacing: 0.3em !important; text-transform: uppercase !important; }';
const NONCE = 'merchant-own-style';

/** The README's embed: the stylesheet in the head, the script tag, and the elements where they go. */
const embedHead = (api: string) => `<link rel="stylesheet" href="${api}/widget/nearbuy.css">
<script type="module" async src="${api}/widget/nearbuy.js"></script>`;

/** The merchant's product page: the embed, the element between a heading and a paragraph. */
function merchantPage(api: string, css: string, body?: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Trail shop</title>
<style nonce="${NONCE}">body { margin: 0; padding: 16px; width: 420px; font-family: Georgia, serif; } ${css}</style>
${embedHead(api)}
</head>
<body>
<h1>Everyday Tee</h1>
${body ?? `<nearbuy-button sku="TEE-BLK-M" postal-code="85226" publishable-key="${DEMO_PUBLISHABLE_KEY}"></nearbuy-button>`}
<p>Soft cotton, made to last.</p>
</body>
</html>`;
}

/**
 * The merchant's own server, on another port and host name (`localhost`) than the API's
 * `127.0.0.1`: another origin, allowed for the demo key. A real server rather than an
 * intercepted route, so that Chromium sees the page come from the loopback address space, as the
 * API does, and lets it call the API.
 */
let merchant: Server;
let served = { body: '', csp: '' };
test.beforeAll(async () => {
  merchant = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      ...(served.csp ? { 'content-security-policy': served.csp } : {}),
    });
    response.end(served.body);
  });
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
});
test.afterAll(async () => {
  await new Promise((resolve) => merchant.close(resolve));
});

async function openMerchantPage(page: Page, serverUrl: string, css: string, csp = '', body?: string): Promise<void> {
  served = { body: merchantPage(new URL(serverUrl).origin, css, body), csp };
  await page.goto(`http://localhost:${(merchant.address() as AddressInfo).port}/products/tee.html`, { waitUntil: 'commit' });
}

/** Holds `nearbuy.js` back until `release()`, so the page paints its undefined elements first. */
async function holdScript(page: Page): Promise<() => void> {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/widget/nearbuy.js', async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

const twoFrames = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** What the widget looks like: its box, and the text settings inside its shadow tree. */
async function layoutOf(page: Page) {
  const button = page.locator('nearbuy-button');
  await expect(button.locator('[part="promise"]')).toHaveAttribute('data-state', 'available');
  return button.evaluate((host) => {
    const root = host.shadowRoot!;
    const style = (selector: string) => {
      const s = getComputedStyle(root.querySelector(selector)!);
      return { lineHeight: s.lineHeight, letterSpacing: s.letterSpacing, textTransform: s.textTransform, fontFamily: s.fontFamily };
    };
    const box = (selector: string) => {
      const r = root.querySelector(selector)!.getBoundingClientRect();
      return { width: Math.round(r.width), height: Math.round(r.height) };
    };
    return {
      host: box('[part="base"]'),
      line: box('[part="promise-line"]'),
      buy: box('[part="buy-button"]'),
      lineStyle: style('[part="promise-line"]'),
      buyStyle: style('[part="buy-button"]'),
      where: style('[part="location"]'),
      buyText: (root.querySelector('[part="buy-button"]') as HTMLElement).innerText,
    };
  });
}

/** Every layout shift since navigation (buffered entries: those before this script ran count too). */
async function watchShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const state = { cls: 0, shifts: [] as string[] };
    (window as unknown as { __cls: typeof state }).__cls = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (entry.hadRecentInput) continue;
        state.cls += entry.value;
        state.shifts.push(entry.value.toFixed(4));
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

test.describe("a hostile merchant page with only the README's embed", () => {
  test('cannot restyle the widget: same layout as on a plain page, only the font family inherited', async ({ page, server }) => {
    await openMerchantPage(page, server.url, '');
    const plain = await layoutOf(page);
    await openMerchantPage(page, server.url, HOSTILE_CSS);
    const hostile = await layoutOf(page);
    // The page's rules do reach the element itself; they stop there.
    const hostStyle = await page.locator('nearbuy-button').evaluate((host) => getComputedStyle(host).textTransform);
    expect(hostStyle).toBe('uppercase');
    expect(hostile).toEqual(plain);
    expect(hostile.lineStyle).toMatchObject({ letterSpacing: 'normal', textTransform: 'none', fontFamily: 'Georgia, serif' });
    expect(hostile.buyText).toBe('Buy now');
  });

  test('nothing moves from navigation on: CLS 0 before define, at define and when the promise answers', async ({ page, server }) => {
    await watchShifts(page);
    const releaseScript = await holdScript(page);
    let releasePromise: () => void = () => {};
    const gate = new Promise<void>((resolve) => (releasePromise = resolve));
    await page.route('**/v1/promise?**', async (route) => {
      await gate;
      await route.continue();
    });
    await openMerchantPage(page, server.url, HOSTILE_CSS);
    // The page is painted with the element still unknown, then the script defines it.
    await expect(page.locator('p')).toBeVisible();
    await twoFrames(page);
    expect(await page.evaluate(() => customElements.get('nearbuy-button'))).toBeUndefined();
    releaseScript();
    const button = page.locator('nearbuy-button');
    await expect(button.locator('[part="promise"]')).toHaveAttribute('data-state', 'loading');
    await twoFrames(page);
    releasePromise();
    await expect(button.locator('[part="promise"]')).toHaveAttribute('data-state', 'available');
    // Let the options and postal-code chunk land, and a frame or two pass.
    await expect(button.locator('[part="location"] button').first()).toBeVisible();
    await twoFrames(page);
    const cls = await page.evaluate(() => (window as unknown as { __cls: { cls: number; shifts: string[] } }).__cls);
    expect({ cls: cls.cls, shifts: cls.shifts }).toEqual({ cls: 0, shifts: [] });
  });

  test('the stylesheet holds each element at its defined size, at widths 320–1920 px and in every locale', async ({ page, server }) => {
    await page.setViewportSize({ width: 1960, height: 900 });
    const attrs = `sku="TEE-BLK-M" postal-code="85226" publishable-key="${DEMO_PUBLISHABLE_KEY}"`;
    const cells: string[] = [];
    for (const width of [320, 390, 480, 768, 1024, 1920])
      for (const locale of ['en', 'id', 'fr', 'ja', 'zh', 'ar'])
        cells.push(
          `<div style="width: ${width}px"><nearbuy-button ${attrs} locale="${locale}"></nearbuy-button>` +
            `<nearbuy-promise ${attrs} locale="${locale}"></nearbuy-promise></div>`,
        );
    // A full-width button (the demo's product page), and a larger font.
    cells.push(`<div style="width: 768px"><nearbuy-button ${attrs} style="--nearbuy-button-max-width: 100%"></nearbuy-button></div>`);
    cells.push(
      `<div style="width: 390px; font-size: 20px"><nearbuy-button ${attrs}></nearbuy-button><nearbuy-promise ${attrs}></nearbuy-promise></div>`,
    );
    // A hidden element stays hidden: no space held for it.
    cells.push(`<div><nearbuy-promise ${attrs} hidden></nearbuy-promise></div>`);
    const releaseScript = await holdScript(page);
    await openMerchantPage(page, server.url, `${HOSTILE_CSS} body { width: auto; }`, '', cells.join('\n'));
    await expect(page.locator('p')).toBeVisible();
    // Measured once the stylesheet has applied, as the browser paints (it does not paint before
    // a head stylesheet loads, but script can read layout before it has).
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].every((l) => l.sheet !== null),
    );
    const heights = () =>
      page.evaluate(() => [...document.querySelectorAll('nearbuy-button, nearbuy-promise')].map((e) => e.getBoundingClientRect().height));
    const reserved = await heights();
    expect(await page.evaluate(() => customElements.get('nearbuy-button'))).toBeUndefined();
    releaseScript();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('nearbuy-button, nearbuy-promise')].every(
          (e) => e.shadowRoot?.querySelector('[part="promise"]')?.getAttribute('data-state') === 'available',
        ),
      null,
      { timeout: 20_000 },
    );
    await twoFrames(page);
    const defined = await heights();
    expect(defined).toHaveLength(76);
    expect([reserved.at(-1), defined.at(-1)]).toEqual([0, 0]);
    // Layout rounds each line box to 1/64 px on its own: equal to a fraction of a pixel.
    const apart = defined.map((height, i) => Math.abs(height - reserved[i]!)).filter((d) => d > 0.1);
    expect(apart).toEqual([]);
    expect(new Set(defined.map((h) => Math.round(h))).size).toBeGreaterThan(2);
  });

  test('under a strict CSP with Trusted Types: no violation, and the same layout', async ({ page, server }) => {
    await openMerchantPage(page, server.url, '');
    const plain = await layoutOf(page);
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const api = new URL(server.url).origin;
    const csp = [
      "default-src 'none'",
      `script-src ${api}`,
      `connect-src ${api}`,
      `style-src 'nonce-${NONCE}' ${api}`,
      `img-src ${api}`,
      "require-trusted-types-for 'script'",
      'trusted-types lit-html nearbuy-stripe',
    ].join('; ');
    await openMerchantPage(page, server.url, HOSTILE_CSS, csp);
    const hostile = await layoutOf(page);
    expect(hostile).toEqual(plain);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  });
});
