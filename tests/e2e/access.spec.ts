/** The widget for everyone: keyboard only, Arabic right to left, a phone. */
import type { Page } from '@playwright/test';
import { GOOD_CARD, expect, test } from './fixtures.js';

/** The focused element, through shadow roots: "tag|name|part|text". */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return '';
    return [
      element.localName,
      element.getAttribute('name') ?? '',
      element.getAttribute('part') ?? '',
      (element.textContent ?? '').trim(),
    ].join('|');
  });
}

async function tabTo(page: Page, wanted: RegExp, max = 40): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (wanted.test(now)) return;
    seen.push(now);
  }
  throw new Error(`Tab never reached ${wanted}; went through:\n${seen.join('\n')}`);
}

test('keyboard only: from Buy to a placed order, focus kept in the dialog and returned to Buy', async ({ shop, page, server }) => {
  const before = (await server.stock('MUG-STONE')).get('downtown-chandler-goods')!.onHand;
  await shop.gotoProduct('stoneware-mug');
  await tabTo(page, /\|buy-button\|Buy now$/);
  await page.keyboard.press('Enter');
  await expect(shop.dialog).toBeVisible();
  expect(await focused(page)).toMatch(/^input\|quantity\|/);

  // Escape closes, and focus goes back to Buy.
  await page.keyboard.press('Escape');
  await expect(shop.dialog).toBeHidden();
  expect(await focused(page)).toMatch(/\|buy-button\|/);
  await page.keyboard.press('Enter');
  await expect(shop.dialog).toBeVisible();

  const type = async (field: RegExp, text: string) => {
    await tabTo(page, field);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(text);
  };
  await type(/^input\|email\|/, 'kim@example.com');
  await type(/^input\|name\|/, 'Kim Keys');
  await type(/^input\|line1\|/, '5 Tab Lane');
  await type(/^input\|city\|/, 'Chandler');
  // The state is a select of the states served: typing its name picks it, as in any select.
  await tabTo(page, /^select\|region\|/);
  await page.keyboard.type('Arizona');
  expect(
    await page.evaluate(
      () => document.querySelector('nearbuy-checkout')!.shadowRoot!.querySelector<HTMLSelectElement>('select[name="region"]')!.value,
    ),
  ).toBe('AZ');
  // Focus never leaves the dialog, however far the shopper tabs (the checkout is the button's
  // light-DOM child, its controls in its own shadow root).
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const checkout = document.querySelector('nearbuy-checkout');
      if (checkout?.shadowRoot?.activeElement) return 'dialog';
      // Between the last control and the first, the browser's own UI may take a stop.
      return document.activeElement === document.body || document.activeElement === null ? 'browser' : document.activeElement.localName;
    });
    expect(['dialog', 'browser']).toContain(where);
  }
  await tabTo(page, /^input\|postalCode\|/);
  await page.keyboard.press('Enter');

  // Delivery: the best option has focus; arrow keys move between options.
  await expect(shop.dialog.getByRole('radio').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(shop.dialog.getByRole('radio').nth(1)).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(shop.dialog.getByRole('radio').first()).toBeChecked();
  await tabTo(page, /\|primary-action\|Continue$/);
  await page.keyboard.press('Enter');

  await expect(shop.dialog.getByLabel('Test card number')).toBeFocused();
  await page.keyboard.type(GOOD_CARD);
  await page.keyboard.press('Enter');
  await shop.expectPlaced();
  expect(await focused(page)).toMatch(/\|primary-action\|Done$/);
  await page.keyboard.press('Enter');
  await expect(shop.dialog).toBeHidden();
  expect(await focused(page)).toMatch(/\|buy-button\|/);
  expect((await server.stock('MUG-STONE')).get('downtown-chandler-goods')!.onHand).toBe(before - 1);
});

test('Arabic, right to left: the playground switches the locale, theme tokens and the snippet live', async ({ shop, page }) => {
  await page.goto('/playground.html');
  await shop.promiseSettled(shop.button);
  const base = shop.button.locator('[part="base"]');
  await expect(base).toHaveAttribute('dir', 'ltr');

  await page.getByLabel('locale').selectOption('ar');
  await expect(base).toHaveAttribute('dir', 'rtl');
  await expect(base).toHaveAttribute('lang', 'ar');
  await expect(shop.promiseLine).toHaveText(/[\u0600-\u06FF]/);
  await expect(shop.buy).toHaveText(/[\u0600-\u06FF]/);
  await expect(page.locator('#snippet')).toContainText('locale="ar"');

  await page.locator('input[name="--nearbuy-color-primary"]').fill('#5b21b6');
  await expect(shop.buy).toHaveCSS('background-color', 'rgb(91, 33, 182)');
  await expect(page.locator('#snippet')).toContainText('--nearbuy-color-primary: #5b21b6;');
  await expect(page.locator('#snippet')).toContainText('<script type="module" async src="http://127.0.0.1:');
  await shop.screenshot('playground-arabic');

  // The checkout follows the button's locale and direction.
  await shop.buy.click();
  await expect(shop.dialog).toBeVisible();
  await expect(shop.dialog.locator('.panel')).toHaveAttribute('dir', 'rtl');
  await expect(shop.dialog.locator('h2')).toHaveText(/[\u0600-\u06FF]/);
  await shop.screenshot('checkout-arabic', shop.dialog);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('the widget fits, the checkout is a bottom sheet, and a purchase goes through by touch', async ({ shop, page }) => {
    await shop.gotoProduct('everyday-tee');
    // Nothing on the page is wider than the phone (which would zoom the whole page out).
    expect(await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth])).toEqual([390, 390]);
    const box = (await shop.button.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await shop.screenshot('phone-product');

    await shop.buy.tap();
    await expect(shop.dialog).toBeVisible();
    const sheet = (await shop.dialog.boundingBox())!;
    expect(Math.round(sheet.x)).toBe(0);
    expect(Math.round(sheet.width)).toBe(390);
    expect(Math.abs(sheet.y + sheet.height - 844)).toBeLessThanOrEqual(1);
    await shop.screenshot('phone-checkout');

    await shop.toDelivery();
    await shop.toPayment();
    await shop.pay(GOOD_CARD);
    await shop.expectPlaced();
    await shop.screenshot('phone-placed');
  });

  // A fieldset is as wide as its widest input unless told otherwise: on a 390 px phone the
  // address rows once made the sheet scroll sideways.
  test('the checkout fits the phone: nothing in the sheet is wider than the screen', async ({ shop }) => {
    await shop.gotoProduct('everyday-tee');
    await shop.buy.tap();
    await expect(shop.dialog).toBeVisible();
    const widths = await shop.dialog.evaluate((dialog) => [dialog.scrollWidth, dialog.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
  });
});
