/** Buying in TEST MODE from a product page, to the order's status page and the merchant's view. */
import { DECLINED_CARD, GOOD_CARD, SCREENSHOTS, expect, test, type Level } from './fixtures.js';

/** The change per node between two stock snapshots, only where something changed. */
function changes(before: Map<string, Level>, after: Map<string, Level>): Record<string, { onHand: number; reserved: number }> {
  const out: Record<string, { onHand: number; reserved: number }> = {};
  for (const [node, b] of before) {
    const a = after.get(node)!;
    if (a.onHand !== b.onHand || a.reserved !== b.reserved) out[node] = { onHand: a.onHand - b.onHand, reserved: a.reserved - b.reserved };
  }
  return out;
}

test('a full purchase: product page → checkout → order page; stock goes down by exactly the quantity', async ({
  shop,
  server,
  page,
  context,
}) => {
  const before = await server.stock('TOTE-CANVAS');

  await shop.gotoProduct('market-tote');
  await expect(shop.promiseLine).toHaveText(/delivery today\s4\s*[–-]\s*8\s*PM/);
  await expect(shop.button.locator('[part="countdown"]')).toHaveText(/order within/);
  await expect(shop.button.locator('[part="location"]')).toContainText('Chandler, AZ 85226');
  await shop.screenshot('product-page');
  await shop.screenshot('widget', shop.button);

  await shop.openCheckout();
  await shop.screenshot('checkout-details', shop.dialog);
  await shop.toDelivery({ quantity: 2 });
  const sameDay = shop.dialog.getByRole('radio', { name: /Same-day/ });
  await expect(sameDay).toBeChecked();
  await expect(shop.dialog.getByText(/from Chandler Fashion Center/)).toBeVisible();
  await shop.screenshot('checkout-delivery', shop.dialog);

  await shop.toPayment();
  // While the shopper pays, the two units are held at the node that will send them.
  const held = changes(before, await server.stock('TOTE-CANVAS'));
  expect(held).toEqual({ 'chandler-fashion-center': { onHand: 0, reserved: 2 } });
  await shop.screenshot('checkout-payment', shop.dialog);

  const placed = page.evaluate(
    () =>
      new Promise<unknown>((resolve) =>
        document.addEventListener('nearbuy-order-placed', (e) => resolve((e as CustomEvent).detail), { once: true }),
      ),
  );
  await shop.pay(GOOD_CARD);
  const orderId = await shop.expectPlaced();
  expect(await placed).toMatchObject({ orderId, items: [{ sku: 'TOTE-CANVAS', quantity: 2 }], service: 'same_day' });
  // What happens next, read back from the server: placed now, the next steps still to come.
  const next = shop.dialog.locator('[part="timeline"] li');
  await expect(next).toHaveCount(5);
  await expect(next.first()).toHaveAttribute('aria-current', 'step');
  await expect(next.first()).toContainText('Order placed');
  await expect(next.nth(1)).toContainText(/Packed at the store by Tue, Dec 1, \d/);
  await shop.screenshot('checkout-placed', shop.dialog);

  // Exactly two fewer on hand where the order was sent from, nothing held, nothing else moved.
  const after = await server.stock('TOTE-CANVAS');
  expect(changes(before, after)).toEqual({ 'chandler-fashion-center': { onHand: -2, reserved: 0 } });
  const order = await server.order(orderId);
  expect(order).toMatchObject({ status: 'placed', service: 'same_day', items: [{ sku: 'TOTE-CANVAS', quantity: 2 }] });
  expect(order.amounts.subtotal.amount).toBe(2 * 2900);

  // "Track your order" leads to the order's status page.
  const [orderPage] = await Promise.all([
    context.waitForEvent('page'),
    shop.dialog.getByRole('link', { name: 'Track your order' }).click(),
  ]);
  await orderPage.waitForLoadState();
  await expect(orderPage).toHaveURL(new RegExp(`/order\\.html\\?id=${orderId}&token=`));
  // The page names the order by its short number; the id stays in the link.
  await expect(orderPage.getByRole('heading', { name: `Order ${order.number}` })).toBeVisible();
  await expect(orderPage).toHaveTitle(`Order ${order.number} — Loopback & Co.`);
  await expect(orderPage.locator('#timeline li[data-status="placed"]')).toHaveClass(/done/);
  // The shared timeline (contract/timeline.ts): its names, and the time on Chandler's clock, which
  // is this shopper's too, so no zone is named.
  await expect(orderPage.locator('#timeline li[data-status="placed"]')).toHaveText(/^Order placed · \w{3}, \w{3} \d+, \d+:\d\d\s[AP]M$/);
  await expect(orderPage.locator('#timeline li[data-status="ready"]')).not.toHaveClass(/done/);
  await expect(orderPage.locator('#facts')).toContainText('Market Tote × 2');
  await expect(orderPage.locator('#facts')).toContainText('Chandler Fashion Center');
  await shop.screenshot('order-page', orderPage);

  // The merchant sees it, and moves it on; the shopper's page follows.
  await page.goto('/merchant.html');
  const row = page.locator(`tr[data-order="${orderId}"]`);
  await expect(row).toContainText('Placed');
  await expect(row.locator('td').first()).toHaveText(order.number);
  await expect(page.locator('tbody[data-node="chandler-fashion-center"] tr[data-sku="TOTE-CANVAS"] [data-col="on-hand"]')).toHaveText(
    String(before.get('chandler-fashion-center')!.onHand - 2),
  );
  await shop.screenshot('merchant-page');
  await row.getByRole('button', { name: 'Move on' }).click();
  await expect(row).toContainText('Ready');
  await orderPage.reload();
  await expect(orderPage.locator('#timeline li[data-status="ready"]')).toHaveClass(/done/);
});

test('a declined card keeps the hold; a good card then places the order', async ({ shop, server }) => {
  const before = await server.stock('HOODIE-GRY-M');
  await shop.gotoProduct('loopback-hoodie');
  await shop.openCheckout();
  await shop.toDelivery();
  await shop.toPayment();

  await shop.pay(DECLINED_CARD);
  await expect(shop.notice).toHaveText('Your card was declined. Try another card.');
  await expect(shop.dialog.getByLabel('Test card number')).toBeFocused();
  await expect(shop.dialog.getByLabel('Test card number')).toHaveValue('');
  expect(changes(before, await server.stock('HOODIE-GRY-M'))).toEqual({ 'chandler-fashion-center': { onHand: 0, reserved: 1 } });
  const hoodieOrders = async () => (await server.orders()).filter((o) => o.items.some((i) => i.sku === 'HOODIE-GRY-M')).map((o) => o.id);
  expect(await hoodieOrders()).toEqual([]);
  await shop.screenshot('checkout-declined', shop.dialog);

  await shop.pay(GOOD_CARD);
  const orderId = await shop.expectPlaced();
  expect(changes(before, await server.stock('HOODIE-GRY-M'))).toEqual({ 'chandler-fashion-center': { onHand: -1, reserved: 0 } });
  expect(await hoodieOrders()).toEqual([orderId]);
});

test('sold out: the sold-out size cannot be bought, the other size can', async ({ shop, page }) => {
  await shop.gotoProduct('trail-runner');
  await expect(shop.button).toHaveAttribute('sku', 'SNEAKER-RUN-10');
  await expect(shop.promiseLine).toHaveText(/delivery today/);
  await expect(shop.buy).toBeEnabled();

  await page.getByRole('radio', { name: '9', exact: true }).check();
  await expect(shop.button).toHaveAttribute('sku', 'SNEAKER-RUN-9');
  await expect(shop.promiseLine).toHaveText('Sold out');
  await expect(shop.buy).toBeDisabled();
  await shop.screenshot('sold-out', shop.button);

  await page.getByRole('radio', { name: '10', exact: true }).check();
  await expect(shop.promiseLine).toHaveText(/delivery today/);
  await expect(shop.buy).toBeEnabled();
});

test('one left: once it is bought, the next shopper sees it gone, on the listing and the product page', async ({
  shop,
  server,
  browser,
  baseURL,
}) => {
  await shop.gotoProduct('canvas-cap');
  await shop.openCheckout();
  await shop.toDelivery();
  await shop.toPayment();
  await shop.pay(GOOD_CARD);
  await shop.expectPlaced();
  expect((await server.stock('CAP-NVY')).get('phx-tempe-station')).toMatchObject({ onHand: 0, reserved: 0, available: 0 });

  // Promises may be cached for a few seconds by this browser; the next shopper asks afresh.
  const next = await browser.newContext({ baseURL: baseURL!, locale: 'en-US', timezoneId: 'America/Phoenix' });
  const page = await next.newPage();
  await page.goto('/');
  const cap = page.locator('nearbuy-promise[sku="CAP-NVY"]');
  await expect(cap.locator('[part="promise-line"]')).toHaveText('Sold out');
  await expect(page.locator('nearbuy-promise[sku="TOTE-CANVAS"] [part="promise-line"]')).toHaveText(/delivery today/);
  await page.screenshot({ path: `${SCREENSHOTS}/listing-page.png` });
  await page.goto('/products/canvas-cap.html');
  await expect(page.locator('nearbuy-button [part="promise-line"]')).toHaveText('Sold out');
  await expect(page.locator('nearbuy-button [part="buy-button"]')).toBeDisabled();
  await next.close();
});
