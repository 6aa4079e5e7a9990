/**
 * Every refusal of the server as something the shopper can act on (widget/checkout/errors.ts):
 * a declined card, stock sold out while the dialog is open, a changed promise, an expired hold,
 * an undeliverable address, and the idempotency keys of retried attempts.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import { api, errorBody } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import {
  advance,
  checkedService,
  checkoutOf,
  fill,
  focusedInDialog,
  heading,
  inDialog,
  notice,
  primaryAction,
  readyButton,
  serviceOptions,
  toDelivery,
  toPayment,
} from '../helpers/checkout.js';
import { expectAccessible, text, waitFor } from '../helpers/dom.js';
import { API, NEXT_DAY, option } from '../helpers/fixtures.js';

describe('checkout errors', () => {
  useWidgetPage();

  it('declined card: says so, keeps the order open and lets the shopper try another card', async () => {
    const button = await readyButton();
    const errors: CustomEvent[] = [];
    button.addEventListener('nearbuy-error', (event) => errors.push(event));
    await toPayment(button);
    fill(button, 'card', '4000 0000 0000 0002');
    primaryAction(button).click();
    await waitFor(() => notice(button), 'the notice');
    expect(notice(button)).to.equal('Your card was declined. Try another card.');
    expect(heading(button)).to.equal('Review and pay');
    expect(inDialog<HTMLInputElement>(button, 'input[name="card"]')!.value).to.equal('');
    await waitFor(() => focusedInDialog(button)?.getAttribute('name') === 'card', 'focus on the card field');
    expect(errors.map((event) => event.detail)).to.deep.equal([
      { code: 'payment_declined', message: 'The card was declined', status: 402, source: 'payment' },
    ]);
    await expectAccessible(checkoutOf(button));
    fill(button, 'card', '4242424242424242');
    await advance(button, 'Thank you!');
  });

  it('sold out while in the dialog: offers the options that are left, with a fresh idempotency key', async () => {
    const button = await readyButton();
    const errors: CustomEvent[] = [];
    button.addEventListener('nearbuy-error', (event) => errors.push(event));
    await toDelivery(button);
    api.once('post', '/v1/checkout/sessions', () =>
      HttpResponse.json(errorBody('out_of_stock', 'Not enough stock for SKU TEE-RED-M at node node-chandler', { options: [NEXT_DAY] }), {
        status: 409,
      }),
    );
    primaryAction(button).click();
    await waitFor(() => notice(button), 'the notice');
    expect(notice(button)).to.equal('That option just sold out. Choose another delivery option below.');
    expect(heading(button)).to.equal('Delivery');
    expect(serviceOptions(button)).to.deep.equal(['next_day']);
    expect(checkedService(button)).to.equal('next_day');
    expect(errors.map((event) => event.detail)).to.deep.equal([
      { code: 'out_of_stock', message: 'Not enough stock for SKU TEE-RED-M at node node-chandler', status: 409, source: 'checkout' },
    ]);
    await expectAccessible(checkoutOf(button));
    await advance(button, 'Review and pay');
    const [failed, retried] = api.calls('/v1/checkout/sessions', 'POST');
    expect((retried!.body as { service: string }).service).to.equal('next_day');
    expect(retried!.headers.get('idempotency-key')).to.not.equal(failed!.headers.get('idempotency-key'));
  });

  it('sold out everywhere: says so and offers nothing to continue with', async () => {
    const button = await readyButton();
    await toDelivery(button);
    api.use(
      http.post(`${API}/v1/checkout/sessions`, () =>
        HttpResponse.json(errorBody('out_of_stock', 'Sold out', { options: [] }), { status: 409 }),
      ),
    );
    primaryAction(button).click();
    await waitFor(() => notice(button), 'the notice');
    expect(notice(button)).to.equal('Sorry, this item just sold out near you.');
    expect(text(inDialog(button, '.step .muted'))).to.equal("Sorry, we can't deliver this near 85226 right now.");
    expect(primaryAction(button).disabled).to.equal(true);
  });

  it('promise changed: shows the new promise and asks the shopper to confirm it', async () => {
    const button = await readyButton();
    await toDelivery(button);
    const later = option({ window: { start: '2026-11-26T16:00:00-07:00', end: '2026-11-26T20:00:00-07:00' } });
    api.once('post', '/v1/checkout/sessions', () =>
      HttpResponse.json(errorBody('promise_changed', 'The promise changed', { options: [later, NEXT_DAY] }), { status: 409 }),
    );
    primaryAction(button).click();
    await waitFor(() => notice(button), 'the notice');
    expect(notice(button)).to.equal('The delivery promise changed: Same-day now arrives tomorrow 4 – 8 PM. Check it and continue.');
    expect(checkedService(button)).to.equal('same_day');
    expect(text(inDialog(button, '.option.checked'))).to.contain('tomorrow 4 – 8 PM');
    await advance(button, 'Review and pay');
    const retried = api.calls('/v1/checkout/sessions', 'POST').at(-1)!;
    expect((retried.body as { expectedWindow: unknown }).expectedWindow, 'the new window is the one expected now').to.deep.equal(
      later.window,
    );
  });

  it('reuses the idempotency key when the shopper retries the same attempt after a network error', async () => {
    const button = await readyButton();
    await toDelivery(button);
    api.once('post', '/v1/checkout/sessions', () => HttpResponse.error());
    primaryAction(button).click();
    await waitFor(() => notice(button), 'the notice');
    expect(notice(button)).to.equal("The store isn't answering right now. Your details are kept; try again in a moment.");
    await advance(button, 'Review and pay');
    const [failed, retried] = api.calls('/v1/checkout/sessions', 'POST');
    expect(retried!.headers.get('idempotency-key')).to.equal(failed!.headers.get('idempotency-key'));
  });

  it('reservation expired: goes back to delivery and holds the item again on continue', async () => {
    const button = await readyButton();
    await toPayment(button);
    api.use(
      http.post(
        `${API}/v1/checkout/sessions/:id/confirm`,
        () => HttpResponse.json(errorBody('session_expired', 'Expired'), { status: 410 }),
        { once: true },
      ),
    );
    fill(button, 'card', '4242424242424242');
    primaryAction(button).click();
    await waitFor(() => heading(button) === 'Delivery', 'back to delivery');
    expect(notice(button)).to.equal('We held your item for 15 minutes and the hold ran out. Continue to hold it again.');
    await advance(button, 'Review and pay');
    const [first, second] = api.calls('/v1/checkout/sessions', 'POST');
    expect(second!.headers.get('idempotency-key')).to.not.equal(first!.headers.get('idempotency-key'));
  });

  for (const [code, status, expected] of [
    ['rate_limited', 429, 'Too many tries in a short time. Wait a moment and try again.'],
    ['internal', 500, 'Something went wrong on our side. Try again in a moment.'],
    ['invalid_request', 400, 'Some details look wrong. Check them and try again.'],
  ] as const) {
    it(`turns ${code} (${status}) into something the shopper can act on`, async () => {
      const button = await readyButton();
      await toDelivery(button);
      api.use(http.post(`${API}/v1/checkout/sessions`, () => HttpResponse.json(errorBody(code, 'x'), { status }), { once: true }));
      primaryAction(button).click();
      await waitFor(() => notice(button), 'the notice');
      expect(notice(button)).to.equal(expected);
      expect(primaryAction(button).disabled).to.equal(false);
    });
  }

  it('undeliverable address: back to the details with the postal code marked', async () => {
    const button = await readyButton();
    await toDelivery(button);
    api.use(
      http.post(`${API}/v1/checkout/sessions`, () => HttpResponse.json(errorBody('undeliverable', 'No'), { status: 422 }), { once: true }),
    );
    primaryAction(button).click();
    await waitFor(() => heading(button) === 'Your details', 'back to details');
    expect(notice(button)).to.equal("We can't deliver to this address. Check the postal code.");
    expect(inDialog(button, 'input[name="postalCode"]')!.getAttribute('aria-invalid')).to.equal('true');
  });
});
