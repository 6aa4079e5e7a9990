/**
 * One same-day order from the widget to the shopper's door: bought on a product page, prepared
 * from the store's pick list, handed to the simulated courier, delivered as the shop clock
 * moves on, with every email in the demo mailbox and the order page following along.
 */
import { GOOD_CARD, expect, test } from './fixtures.js';

test('a same-day order goes from the widget through the pick list to delivered, with its emails', async ({ shop, server, page }) => {
  await shop.gotoProduct('stoneware-mug');
  await shop.openCheckout();
  await shop.toDelivery({ email: 'door@example.com' });
  await expect(shop.dialog.getByRole('radio', { name: /Same-day/ })).toBeChecked();
  await shop.toPayment();
  await shop.pay(GOOD_CARD);
  const orderId = await shop.expectPlaced();

  // The store sees it on its pick list, due by the handover the promise assumed.
  await page.goto('/pick-list.html?node=downtown-chandler-goods');
  const row = page.locator(`#to-pick tr[data-order="${orderId}"]`);
  await expect(row).toContainText('Stoneware Mug × 1');
  await expect(row).toContainText('Ana Shopper');
  // Named by the order's number, as the shopper reads it from the email, not by its id.
  await expect(row.locator('code')).toHaveText((await server.order(orderId)).number);
  await shop.screenshot('pick-list');
  await row.getByRole('button', { name: 'Picked' }).click();
  await row.getByRole('button', { name: 'Ready' }).click();
  await expect(page.locator(`#waiting tr[data-order="${orderId}"]`)).toBeVisible();
  await expect(row).toHaveCount(0);
  const ready = await server.order(orderId);
  expect(ready.status).toBe('ready');

  // The courier plays the delivery out over the shop clock: move it past the evening window.
  await server.setClock('2026-12-01T20:30:00-07:00');
  await server.api('/demo/couriers/tick', { method: 'POST' });
  await expect.poll(async () => (await server.order(orderId)).status).toBe('delivered');

  // Every email, in the demo mailbox, in order, naming the order by its number.
  const { number } = await server.order(orderId);
  await page.goto('/demo/mail');
  const mails = page.locator(`.mailbox li[data-order="${orderId}"]`);
  await expect(mails).toHaveCount(4);
  await expect(mails.locator('.subject')).toHaveText([
    `Order ${number} was delivered`,
    `Order ${number} is out for delivery`,
    `Order ${number} is picked up`,
    `Your nearbuy Demo Store order ${number}`,
  ]);
  const confirmation = mails.last();
  await confirmation.locator('summary').click();
  await expect(confirmation.locator('pre')).toContainText('Stoneware Mug × 1');
  await shop.screenshot('mailbox');

  // The link in the email leads to the order page, which shows the courier's trail.
  const text = (await confirmation.locator('pre').textContent()) ?? '';
  const link = /Track your order: (\S+)/.exec(text)?.[1];
  expect(link).toBeTruthy();
  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(page).toHaveURL(/\/order\.html\?id=/);
  await expect(page.locator('#timeline li[data-status="delivered"]')).toHaveClass(/done/);
  await expect(page.locator('#facts')).toContainText('Dropped off');
  await shop.screenshot('order-delivered');
});
