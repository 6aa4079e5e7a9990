/**
 * The merchant console in Chromium: sign-up and sign-in by the code the demo mailbox received,
 * a shopper's order arriving from the widget, search and CSV export, cancelling another order
 * with a refund, a stock CSV import with a bad row reported, rolling the secret key, and a clerk limited to one store who then sees only
 * that store. Every page passes axe.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { GOOD_CARD, expect, test, type DemoServer } from './fixtures.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const OWNER = 'owner@example.com';

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/** axe over the whole page (shadow roots included); the page's CSP does not apply to evaluation. */
async function expectAxeClean(page: Page, where: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target) }));
  });
  expect(violations, `axe on ${where}`).toEqual([]);
}

/** The newest sign-in code the demo mailbox received for `email`, waiting for it to arrive. */
async function codeFor(server: DemoServer, email: string, after: number): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const { items } = await server.api<{ items: Array<{ id: number; to: string[]; text: string }> }>('/demo/mail/messages');
        const message = items.filter((m) => m.id > after && m.to.includes(email) && /code is \d{6}/.test(m.text)).at(-1);
        code = message ? /code is (\d{6})/.exec(message.text)![1] : undefined;
        return code;
      },
      { message: `a sign-in code for ${email} in the demo mailbox` },
    )
    .toBeTruthy();
  return code!;
}

async function lastMailId(server: DemoServer): Promise<number> {
  const { items } = await server.api<{ items: Array<{ id: number }> }>('/demo/mail/messages');
  return Math.max(0, ...items.map((m) => m.id));
}

async function signIn(page: Page, server: DemoServer, email: string): Promise<void> {
  const after = await lastMailId(server);
  await page.goto('/console/');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await page.getByLabel(/Code sent to/).fill(await codeFor(server, email, after));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
}

test('a merchant signs up by the emailed code and lands on an empty store', async ({ page, server }) => {
  await page.goto('/console/');
  await expect(page.getByRole('heading', { name: 'Sign in to your store' })).toBeVisible();
  await expectAxeClean(page, 'sign-in');
  await page.getByRole('button', { name: 'Create a store' }).click();
  await page.getByLabel('Your name').fill('Nina Owner');
  await page.getByLabel('Store name').fill('Nina Ceramics');
  await page.getByLabel(/Storefront origins/).fill('https://nina.example');
  await page.getByLabel('Email').fill('nina@ceramics.example');
  const after = await lastMailId(server);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await expect(page.getByText(/a code is on its way/)).toBeVisible();
  await expectAxeClean(page, 'the code step');
  await page.getByLabel(/Code sent to/).fill('000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/not right or has expired/);
  await page.getByLabel(/Code sent to/).fill(await codeFor(server, 'nina@ceramics.example', after));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Nina Ceramics')).toBeVisible();
  await expect(page.getByText('No orders yet.')).toBeVisible();
  await expectAxeClean(page, 'the empty orders page');
  // The session survives a reload (an http-only cookie), and signing out ends it.
  await page.reload();
  await expect(page.getByText('Nina Ceramics')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your store' })).toBeVisible();
});

test("the demo owner's day: orders arrive, one is cancelled, the key rolls, a clerk sees only their store", async ({
  shop,
  server,
  context,
}) => {
  // A shopper buys a tote (same day from Chandler Fashion Center) and a mug (from another place).
  await shop.gotoProduct('market-tote');
  await shop.openCheckout();
  await shop.toDelivery({ email: 'tote@buyer.example' });
  await shop.toPayment();
  await shop.pay(GOOD_CARD);
  const tote = await shop.expectPlaced();
  await shop.gotoProduct('stoneware-mug');
  await shop.openCheckout();
  await shop.toDelivery({ email: 'mug@buyer.example' });
  await shop.toPayment();
  await shop.pay(GOOD_CARD);
  const mug = await shop.expectPlaced();
  expect((await server.order(tote)).shipments.map((s) => s.nodeName)).toEqual(['Chandler Fashion Center']);
  expect((await server.order(mug)).shipments.map((s) => s.nodeName)).not.toContain('Chandler Fashion Center');

  const consolePage = await context.newPage();
  await signIn(consolePage, server, OWNER);
  const orders = consolePage.getByRole('region', { name: 'Orders table' });
  // The list names orders by their numbers ("NB-7K4Q-2M"), the links lead by id.
  const toteNumber = (await server.order(tote)).number;
  const mugNumber = (await server.order(mug)).number;
  await expect(orders.getByRole('link', { name: toteNumber })).toHaveAttribute('href', `#/orders/${tote}`);
  await expect(orders.getByRole('link', { name: mugNumber })).toBeVisible();
  await expectAxeClean(consolePage, 'orders');

  // Find by email, and export what the filter finds.
  await consolePage.getByLabel('Find').fill('tote@buyer');
  await consolePage.getByRole('button', { name: 'Apply' }).click();
  await expect(consolePage.getByText('Orders 1–1 of 1')).toBeVisible();
  const download = consolePage.waitForEvent('download');
  await consolePage.getByRole('link', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  expect(csv).toContain(tote);
  expect(csv).not.toContain(mug);

  // The mug's order page, then cancel it with a refund after the confirmation.
  await consolePage.goto(`/console/#/orders/${mug}`);
  await expect(consolePage.getByRole('heading', { name: `Order ${mug}` })).toBeVisible();
  await expect(consolePage.getByText('mug@buyer.example')).toBeVisible();
  await expectAxeClean(consolePage, 'an order');
  await consolePage.getByRole('button', { name: 'Cancel order…' }).click();
  await expect(consolePage.getByRole('button', { name: 'Cancel and refund' })).toBeFocused();
  await expectAxeClean(consolePage, 'the cancel confirmation');
  await consolePage.getByRole('button', { name: 'Cancel and refund' }).click();
  await expect(consolePage.getByText(/shopper is refunded/)).toBeVisible();
  expect((await server.order(mug)).status).toBe('cancelled');

  // Keys: the publishable key and the snippet; the secret key rolls and shows once.
  await consolePage.getByRole('link', { name: 'Keys' }).click();
  await expect(consolePage.locator('#publishable-key')).toHaveText('pk_demo_nearbuy_storefront');
  await expect(consolePage.getByText(/<nearbuy-button sku=/)).toBeVisible();
  await expectAxeClean(consolePage, 'keys');
  await consolePage.getByRole('button', { name: 'Roll secret key…' }).click();
  await consolePage.getByRole('button', { name: 'Roll the secret key' }).click();
  const secret = (await consolePage.locator('#secret-key').textContent()) ?? '';
  expect(secret).toMatch(/^sk_/);
  const admin = await fetch(new URL('/v1/admin/merchant', server.url), { headers: { authorization: `Bearer ${secret}` } });
  expect(admin.status).toBe(200);

  // Stock: a CSV with a bad row writes nothing and says which line; a good one imports.
  await consolePage.getByRole('link', { name: 'Stock' }).click();
  await expect(consolePage.getByRole('heading', { name: 'Stock', level: 1 })).toBeVisible();
  await expect(consolePage.getByRole('region', { name: 'Stock by place' })).toBeVisible();
  await expectAxeClean(consolePage, 'stock');
  const upload = async (csv: string) => {
    await consolePage.getByLabel('CSV file').setInputFiles({ name: 'stock.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await consolePage.getByRole('button', { name: 'Import' }).click();
  };
  await upload('node_id,sku,on_hand\nchandler-fashion-center,CANDLE-CEDAR,30\nchandler-fashion-center,CANDLE-CEDAR,many\n');
  await expect(consolePage.getByRole('alert')).toContainText('Line 3: on_hand must be a whole number');
  expect((await server.stock('CANDLE-CEDAR')).get('chandler-fashion-center')!.onHand).toBe(4);
  await upload('node_id,sku,on_hand\nchandler-fashion-center,CANDLE-CEDAR,30\n');
  await expect(consolePage.getByText('Imported 1 row.')).toBeVisible();
  expect((await server.stock('CANDLE-CEDAR')).get('chandler-fashion-center')!.onHand).toBe(30);
  // The owner adds a product; its stock comes by the same import.
  await consolePage.getByLabel('SKU').fill('VASE-CLAY');
  await consolePage.getByLabel('Title').fill('Clay Vase');
  await consolePage.getByLabel('Price (USD)').fill('35.00');
  await consolePage.getByRole('button', { name: 'Add product' }).click();
  await expect(consolePage.getByText('Added Clay Vase (VASE-CLAY).')).toBeVisible();
  await upload('node_id,sku,on_hand\nchandler-fashion-center,VASE-CLAY,6\n');
  await expect(consolePage.getByText('Imported 1 row.')).toBeVisible();
  expect((await server.stock('VASE-CLAY')).get('chandler-fashion-center')!.onHand).toBe(6);

  // Staff: a clerk limited to Chandler Fashion Center.
  await consolePage.getByRole('link', { name: 'Staff' }).click();
  await consolePage.getByLabel('Name').fill('Cleo Clerk');
  await consolePage.getByLabel('Email').fill('cleo@chandler.example');
  await consolePage.getByRole('checkbox', { name: 'Chandler Fashion Center' }).check();
  await consolePage.getByRole('button', { name: 'Send invitation' }).click();
  await expect(consolePage.getByText('Cleo Clerk is invited')).toBeVisible();
  await expect(consolePage.getByRole('cell', { name: 'Chandler Fashion Center' })).toBeVisible();
  await expect(consolePage.getByText(/owner@example.com: order cancelled/)).toBeVisible();
  await expectAxeClean(consolePage, 'staff');
  await consolePage.getByRole('button', { name: 'Sign out' }).click();

  await signIn(consolePage, server, 'cleo@chandler.example');
  await expect(consolePage.getByText('Cleo Clerk (staff)')).toBeVisible();
  await expect(consolePage.getByRole('link', { name: 'Keys' })).toHaveCount(0);
  await expect(orders.getByRole('link', { name: toteNumber })).toBeVisible();
  await expect(orders.getByRole('link', { name: mugNumber })).toHaveCount(0);
  await expect(consolePage.getByLabel('Place', { exact: true }).locator('option')).toHaveText(['Any', 'Chandler Fashion Center']);

  // Readable on a phone.
  await consolePage.setViewportSize({ width: 390, height: 844 });
  await expectAxeClean(consolePage, 'orders on a phone');
  const width = await consolePage.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await shop.screenshot('console-clerk-phone', consolePage);
});
