/**
 * A merchant page on another origin that pastes only the README's two lines (the script tag and
 * the element, no CSS of its own for the widget) and styles everything with `!important` line
 * height, letter spacing and case: the widget keeps its own layout (only the page's font family
 * comes through, as documented), nothing moves while the promise loads, and the same holds
 * under a strict CSP with Trusted Types enforced.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { DEMO_PUBLISHABLE_KEY } from '../../server/seed/demo.js';
import { expect, test } from './fixtures.js';

const HOSTILE_CSS = '* { line-height: 3 !important; letter-spacing: 0.3em !important; text-transform: uppercase !important; }';
const NONCE = 'merchant-own-style';

/** The merchant's product page: the two-line embed between a heading and a paragraph. */
function merchantPage(api: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Trail shop</title>
<style nonce="${NONCE}">body { margin: 0; padding: 16px; width: 420px; font-family: Georgia, serif; } ${css}</style>
</head>
<body>
<h1>Everyday Tee</h1>
<script type="module" async src="${api}/widget/nearbuy.js"></script>
<nearbuy-button sku="TEE-BLK-M" postal-code="85226" publishable-key="${DEMO_PUBLISHABLE_KEY}"></nearbuy-button>
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

async function openMerchantPage(page: Page, serverUrl: string, css: string, csp = ''): Promise<void> {
  served = { body: merchantPage(new URL(serverUrl).origin, css), csp };
  await page.goto(`http://localhost:${(merchant.address() as AddressInfo).port}/products/tee.html`);
}

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

/** Layout shifts from the moment the element is defined (what happens before is the embed's reservation). */
async function watchShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const state = { cls: 0, shifts: [] as string[], watching: false };
    (window as unknown as { __cls: typeof state }).__cls = state;
    void customElements
      .whenDefined('nearbuy-button')
      .then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
      .then(() => (state.watching = true));
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (!state.watching || entry.hadRecentInput) continue;
        state.cls += entry.value;
        state.shifts.push(entry.value.toFixed(4));
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

test.describe('a hostile merchant page with only the two-line embed', () => {
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

  test('nothing moves while the promise loads: CLS 0 once the element is defined', async ({ page, server }) => {
    await watchShifts(page);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/v1/promise?**', async (route) => {
      await gate;
      await route.continue();
    });
    await openMerchantPage(page, server.url, HOSTILE_CSS);
    const button = page.locator('nearbuy-button');
    await expect(button.locator('[part="promise"]')).toHaveAttribute('data-state', 'loading');
    await page.waitForFunction(() => (window as unknown as { __cls: { watching: boolean } }).__cls.watching);
    release();
    await expect(button.locator('[part="promise"]')).toHaveAttribute('data-state', 'available');
    // Let the options and postal-code chunk land, and a frame or two pass.
    await expect(button.locator('[part="location"] button').first()).toBeVisible();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const cls = await page.evaluate(() => (window as unknown as { __cls: { cls: number; shifts: string[] } }).__cls);
    expect({ cls: cls.cls, shifts: cls.shifts }).toEqual({ cls: 0, shifts: [] });
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
      `style-src 'nonce-${NONCE}'`,
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
