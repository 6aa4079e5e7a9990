/**
 * The e2e fixtures: `server` (one real demo server per worker: the one the global setup started
 * for the worker's slot, see demo-servers.ts), `shop` (helpers that drive the storefront and the
 * widget the way a shopper does), and a check that no page ever sees an uncaught exception.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { startDemoServer, TUESDAY_MORNING } from './demo-servers.js';

export { expect, TUESDAY_MORNING };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

export const MEMBER_EMAIL = 'member@example.com';
export const GOOD_CARD = '4242 4242 4242 4242';
export const DECLINED_CARD = '4000 0000 0000 0002';

export interface Level {
  nodeId: string;
  nodeName: string;
  onHand: number;
  reserved: number;
  available: number;
}

interface DemoOrder {
  id: string;
  number: string;
  status: string;
  service: string;
  items: Array<{ sku: string; quantity: number }>;
  amounts: { subtotal: { amount: number }; shipping: { amount: number }; total: { amount: number } };
  promisedWindow: { start: string; end: string };
  shipments: Array<{ nodeId: string; nodeName: string; items: Array<{ sku: string; quantity: number }> }>;
}

export class DemoServer {
  constructor(readonly url: string) {}

  async api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const response = await fetch(new URL(path, this.url), {
      method: init.method ?? 'GET',
      ...(init.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  async setClock(at: string): Promise<void> {
    await this.api('/demo/clock', { method: 'POST', body: { at } });
  }

  /** Every node's level of one SKU, by node id. */
  async stock(sku: string): Promise<Map<string, Level>> {
    const view = await this.api<{
      nodes: Array<{ id: string; name: string; levels: Array<Omit<Level, 'nodeId' | 'nodeName'> & { sku: string }> }>;
    }>('/demo/stock');
    const levels = new Map<string, Level>();
    for (const node of view.nodes) {
      const level = node.levels.find((l) => l.sku === sku);
      if (level)
        levels.set(node.id, {
          nodeId: node.id,
          nodeName: node.name,
          onHand: level.onHand,
          reserved: level.reserved,
          available: level.available,
        });
    }
    return levels;
  }

  async orders(): Promise<DemoOrder[]> {
    return (await this.api<{ items: DemoOrder[] }>('/demo/orders')).items;
  }

  async order(id: string): Promise<DemoOrder> {
    const order = (await this.orders()).find((o) => o.id === id);
    if (!order) throw new Error(`Expected order ${id} on the merchant's list, got none`);
    return order;
  }

  /** The newest sign-in code the dev mailer sent to `email`. */
  async memberCode(email: string): Promise<string> {
    return (await this.api<{ code: string }>(`/demo/members/${encodeURIComponent(email)}/code`)).code;
  }
}

export interface Details {
  quantity?: number;
  email?: string;
  name?: string;
  line1?: string;
  city?: string;
  region?: string;
  postalCode?: string;
}

const SHOPPER: Required<Omit<Details, 'quantity'>> = {
  email: 'ana@example.com',
  name: 'Ana Shopper',
  line1: '100 W Chandler Blvd',
  city: 'Chandler',
  region: 'AZ',
  postalCode: '85226',
};

/** Drives the storefront and the widget as a shopper does (Playwright's locators pierce shadow roots). */
export class Shop {
  constructor(
    readonly page: Page,
    readonly server: DemoServer,
  ) {}

  get button(): Locator {
    return this.page.locator('nearbuy-button');
  }

  get promiseLine(): Locator {
    return this.button.locator('[part="promise-line"]');
  }

  get buy(): Locator {
    return this.button.locator('[part="buy-button"]');
  }

  get dialog(): Locator {
    return this.page.locator('nearbuy-checkout dialog');
  }

  get notice(): Locator {
    return this.dialog.locator('[part="notice"]');
  }

  async gotoProduct(slug: string): Promise<void> {
    await this.page.goto(`/products/${slug}.html`);
    await this.promiseSettled(this.button);
  }

  /** Waits until the element shows a promise (or a quiet state), not the loading skeleton. */
  async promiseSettled(element: Locator): Promise<void> {
    await expect(element.locator('[part="promise"]')).not.toHaveAttribute('data-state', 'loading');
  }

  async openCheckout(): Promise<void> {
    await this.buy.click();
    await expect(this.dialog).toBeVisible();
  }

  async fillDetails(details: Details = {}): Promise<void> {
    const d = { ...SHOPPER, ...details };
    const dialog = this.dialog;
    if (details.quantity !== undefined) await dialog.getByLabel('Quantity').fill(String(details.quantity));
    await dialog.getByLabel('Email').fill(d.email);
    await dialog.getByLabel('Full name').fill(d.name);
    await dialog.getByLabel('Address', { exact: true }).fill(d.line1);
    await dialog.getByLabel('City').fill(d.city);
    // Chosen among the states the shop serves (GET /v1/regions), a select once they have loaded.
    await dialog.locator('select[name="region"]').selectOption(d.region);
    await dialog.getByLabel('Postal code').fill(d.postalCode);
  }

  async continue(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Continue' }).click();
  }

  /** Details → delivery options, on the first (best) option unless told otherwise. */
  async toDelivery(details: Details = {}): Promise<void> {
    await this.fillDetails(details);
    await this.continue();
    await expect(this.dialog.getByRole('radio').first()).toBeVisible();
  }

  async toPayment(): Promise<void> {
    await this.continue();
    await expect(this.dialog.getByText('TEST MODE', { exact: true })).toBeVisible();
  }

  async pay(card: string): Promise<void> {
    await this.dialog.getByLabel('Test card number').fill(card);
    await this.dialog.getByRole('button', { name: /^Place order/ }).click();
  }

  /** Waits for the confirmation, which shows the order number ("Order NB-7K4Q-2M"); returns the order's id. */
  async expectPlaced(): Promise<string> {
    await expect(this.dialog.getByText('Your order is placed.')).toBeVisible();
    await expect(this.dialog.getByText(/^Order NB-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{2}\b/)).toBeVisible();
    // The id is in the order page's link (`/orders/<id>?token=…`).
    const href = (await this.dialog.getByRole('link', { name: 'Track your order' }).getAttribute('href')) ?? '';
    const id = /\/orders\/([^?]+)/.exec(href)?.[1];
    if (!id) throw new Error(`Expected a link to the order page in the confirmation, got ${JSON.stringify(href)}`);
    return decodeURIComponent(id);
  }

  async screenshot(name: string, target: Page | Locator = this.page): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
  }
}

export const test = base.extend<{ shop: Shop; pageErrors: string[] }, { server: DemoServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature
    async ({}, use, workerInfo) => {
      // Started by the global setup, one per worker slot, before any test's clock runs; a worker
      // that replaces a failed one takes over its slot's server, as the next test would have.
      const shared = (JSON.parse(process.env.NEARBUY_E2E_SERVERS ?? '[]') as string[])[workerInfo.parallelIndex];
      if (shared) {
        await use(new DemoServer(shared));
        return;
      }
      const widgetDir = process.env.NEARBUY_E2E_WIDGET_DIR;
      if (!widgetDir) throw new Error('Expected NEARBUY_E2E_WIDGET_DIR from the global setup, got none');
      const dataTemplate = process.env.NEARBUY_E2E_DATA_TEMPLATE;
      if (!dataTemplate) throw new Error('Expected NEARBUY_E2E_DATA_TEMPLATE from the global setup, got none');
      const started = await startDemoServer({ widgetDir, dataTemplate, consoleDir: process.env.NEARBUY_E2E_CONSOLE_DIR });
      await use(new DemoServer(started.url));
      await started.stop();
    },
    { scope: 'worker', timeout: 240_000 },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  // The widget must never throw into the page.
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'uncaught exceptions in the page').toEqual([]);
    },
    { auto: true },
  ],
  // Every test starts on Tuesday morning in Arizona, whatever the one before did to the clock.
  shop: async ({ page, server }, use) => {
    await server.setClock(TUESDAY_MORNING);
    await use(new Shop(page, server));
  },
});
