/** What the widget must never do to a merchant's page: break its CSP, or move its layout. */
import { GOOD_CARD, expect, test } from './fixtures.js';

test('strict CSP with Trusted Types enforced: no violation from the widget through a whole purchase', async ({ shop, page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  const consoleProblems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type|TrustedHTML|TrustedScript/i.test(message.text())) consoleProblems.push(message.text());
  });

  const response = await page.goto('/products/everyday-tee.html');
  const csp = response!.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("require-trusted-types-for 'script'");
  expect(csp).toContain('trusted-types lit-html nearbuy-stripe');
  expect(csp).toMatch(/script-src 'self' /);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);

  await shop.promiseSettled(shop.button);
  await expect(shop.promiseLine).toHaveText(/delivery today/);
  // The options list, a variant switch and the postal code form (lazy chunks), then a purchase.
  await shop.button.getByRole('button', { name: /more delivery option/ }).click();
  await expect(shop.button.locator('[part="options"]')).toBeVisible();
  await page.getByRole('radio', { name: 'L', exact: true }).check();
  // No store near Chandler holds size L: its first option is a carrier range (the default buffers).
  await expect(shop.promiseLine).toHaveText(/delivery Wed\s*[–-]\s*Fri/);
  await shop.button.getByRole('button', { name: 'Change' }).click();
  await expect(shop.button.locator('[part="postal-code-input"]')).toBeVisible();
  await page.keyboard.press('Escape');
  await shop.openCheckout();
  await shop.toDelivery();
  await shop.toPayment();
  await shop.pay(GOOD_CARD);
  await shop.expectPlaced();

  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(consoleProblems).toEqual([]);

  // And the policy is really enforced: a string-to-HTML sink is refused (and reported).
  const refused = await page.evaluate(() => {
    try {
      document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
      return 'allowed';
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(refused).toBe('TypeError');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))
    .toEqual([expect.stringMatching(/^require-trusted-types-for /)]);
});

test('no layout shift from the widget: CLS is 0 while promises load slowly, on the listing and a product page', async ({ shop, page }) => {
  await page.addInitScript(() => {
    const state = { cls: 0, shifts: [] as string[] };
    (window as unknown as { __cls: typeof state }).__cls = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: Array<{ node?: Node }> }
      >) {
        if (entry.hadRecentInput) continue;
        state.cls += entry.value;
        state.shifts.push(
          `${entry.value.toFixed(4)} ${(entry.sources ?? []).map((s) => (s.node as Element | undefined)?.localName ?? '?').join(',')}`,
        );
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // The skeleton shows until the test lets each page's promises through, as on a slow network
  // (a gate rather than a delay: a loaded machine could outlast any fixed delay).
  let release: () => void = () => {};
  let gate = new Promise<void>((resolve) => (release = resolve));
  const closeGate = () => {
    gate = new Promise<void>((resolve) => (release = resolve));
  };
  await page.route('**/v1/promise?**', async (route) => {
    await gate;
    await route.continue();
  });
  const cls = () => page.evaluate(() => (window as unknown as { __cls: { cls: number; shifts: string[] } }).__cls);

  await page.goto('/');
  const promises = page.locator('nearbuy-promise');
  await expect(promises).toHaveCount(8);
  await expect(promises.first().locator('[part="promise"]')).toHaveAttribute('data-state', 'loading');
  release();
  for (const element of await promises.all()) await shop.promiseSettled(element);
  await page.waitForTimeout(300);
  expect(await cls()).toEqual({ cls: 0, shifts: [] });

  for (const slug of ['trail-runner', 'stoneware-mug']) {
    closeGate();
    await page.goto(`/products/${slug}.html`);
    await expect(shop.button.locator('[part="promise"]')).toHaveAttribute('data-state', 'loading');
    release();
    await shop.promiseSettled(shop.button);
    await page.waitForTimeout(300);
    expect(await cls()).toEqual({ cls: 0, shifts: [] });
  }
});
