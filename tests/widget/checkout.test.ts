/**
 * The checkout dialog with the test payment provider: the whole purchase, every server error as
 * something the shopper can act on, member sign-in, idempotency keys, close/reopen, keyboard-only
 * use, focus handling, layout and axe on every step.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widget/nearbuy.js';
import type { NearbuyButton } from '../../widget/button/button.component.js';
import { api, errorBody, recordFetchSignals } from './helpers/api.js';
import {
  SHOPPER,
  advance,
  checkoutOf,
  dialogOf,
  expectAccessible,
  fill,
  fillDetails,
  focusReturnsToBuy,
  heading,
  inDialog,
  mount,
  notice,
  openCheckout,
  part,
  primaryAction,
  settled,
  text,
  unmountAll,
  waitFor,
} from './helpers/dom.js';
import { API, NEXT_DAY, checkoutSession, option, promiseResponse } from './helpers/fixtures.js';

const base = { sku: 'TEE-RED-M', 'postal-code': '85226' };

async function readyButton(attributes: Record<string, string> = {}): Promise<NearbuyButton> {
  const button = mount('nearbuy-button', { ...base, ...attributes });
  await settled(button, 'available');
  return button;
}

/** Opens the dialog, fills the details and reaches the delivery step. */
async function toDelivery(button: NearbuyButton): Promise<void> {
  await openCheckout(button);
  await fillDetails(button);
  await advance(button, 'Delivery');
  await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
}

async function toPayment(button: NearbuyButton): Promise<void> {
  await toDelivery(button);
  await advance(button, 'Review and pay');
}

const checkedService = (button: NearbuyButton) => inDialog<HTMLInputElement>(button, 'input[name="service"]:checked')?.value;
const serviceOptions = (button: NearbuyButton) =>
  [...checkoutOf(button).shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="service"]')].map((input) => input.value);
const focusedInDialog = (button: NearbuyButton) => checkoutOf(button).shadowRoot!.activeElement as HTMLElement | null;

describe('the checkout dialog', () => {
  before(() => api.start());
  afterEach(async () => {
    unmountAll();
    api.reset();
    await setViewport({ width: 1280, height: 800 });
  });

  it('loads its chunk on intent and opens from Buy, firing nearbuy-checkout-opened', async () => {
    const button = await readyButton({ quantity: '2' });
    expect(button.querySelector('nearbuy-checkout') === null, 'nothing before intent').to.equal(true);
    const opened: CustomEvent[] = [];
    button.addEventListener('nearbuy-checkout-opened', (event) => opened.push(event));
    part(button, 'buy-button')!.dispatchEvent(new PointerEvent('pointerenter'));
    await waitFor(() => customElements.get('nearbuy-checkout'), 'the checkout chunk to load on hover');
    await openCheckout(button);
    expect(opened).to.have.length(1);
    expect(opened[0]!.detail).to.deep.equal({ sku: 'TEE-RED-M', quantity: 2 });
    expect(opened[0]!.bubbles && opened[0]!.composed).to.equal(true);
    expect(inDialog<HTMLInputElement>(button, 'input[name="quantity"]')!.value).to.equal('2');
    expect(inDialog<HTMLInputElement>(button, 'input[name="postalCode"]')!.value).to.equal('85226');
    expect(focusedInDialog(button)?.getAttribute('name'), 'focus starts in the dialog').to.equal('quantity');
    await expectAccessible(checkoutOf(button));
  });

  it('completes a purchase with the test card, end to end', async () => {
    const button = await readyButton();
    const placed: CustomEvent[] = [];
    document.addEventListener('nearbuy-order-placed', (event) => placed.push(event), { once: true });
    await toDelivery(button);
    expect(serviceOptions(button)).to.deep.equal(['same_day', 'next_day', 'standard']);
    expect(checkedService(button)).to.equal('same_day');
    expect(text(inDialog(button, '.options'))).to.contain('Same-day FREE today 4 – 8 PM from Chandler Fashion Center, 6 km away');
    await expectAccessible(checkoutOf(button));

    await advance(button, 'Review and pay');
    const [create] = api.calls('/v1/checkout/sessions', 'POST');
    expect(create!.body, 'the client never sends a price').to.deep.equal({
      items: [{ sku: 'TEE-RED-M', quantity: 1 }],
      email: 'ana@example.com',
      address: { name: 'Ana Shopper', line1: '1 Main St', city: 'Chandler', region: 'AZ', postalCode: '85226', country: 'US' },
      service: 'same_day',
      expectedWindow: option().window,
    });
    expect(create!.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{32,36}$/);
    expect(create!.headers.get('authorization')).to.equal('Bearer pk_test_nearbuy');
    expect(text(inDialog(button, '[part="test-mode"]'))).to.contain('TEST MODE');
    expect(text(inDialog(button, '.summary'))).to.contain('Total$25.00');
    expect(text(primaryAction(button))).to.equal('Place order · $25.00');
    await expectAccessible(checkoutOf(button));

    fill(button, 'card', '4242 4242 4242 4242');
    await advance(button, 'Thank you!');
    expect(api.calls('/v1/checkout/sessions/cs_1/confirm', 'POST')[0]!.body).to.deep.equal({ cardNumber: '4242 4242 4242 4242' });
    const done = text(inDialog(button, '.done'));
    expect(done).to.contain('Your order is placed.');
    expect(done).to.contain('Arrives: today 4 – 8 PM');
    const link = inDialog<HTMLAnchorElement>(button, '.done a')!;
    expect(link.href).to.equal(`${API}/orders/ord_42?token=tok_42`);
    await waitFor(() => placed.length === 1, 'nearbuy-order-placed');
    expect(placed[0]!.target === button).to.equal(true);
    expect(placed[0]!.detail).to.deep.equal({
      orderId: 'ord_42',
      items: [{ sku: 'TEE-RED-M', quantity: 1 }],
      amounts: checkoutSession().amounts,
      service: 'same_day',
      promisedWindow: option().window,
    });
    await expectAccessible(checkoutOf(button));

    primaryAction(button).click();
    await waitFor(() => !dialogOf(button).open, 'the dialog to close');
    await focusReturnsToBuy(button);
  });

  it('sends the chosen option and quantity; the server computes the amounts', async () => {
    const button = await readyButton();
    await openCheckout(button);
    await fillDetails(button);
    fill(button, 'quantity', '3');
    await advance(button, 'Delivery');
    await waitFor(() => api.calls('/v1/promise').some((call) => call.url.searchParams.get('qty') === '3'), 'options for 3');
    await waitFor(() => inDialog<HTMLInputElement>(button, 'input[value="next_day"]'), 'the options');
    inDialog<HTMLInputElement>(button, 'input[value="next_day"]')!.click();
    await advance(button, 'Review and pay');
    const body = api.calls('/v1/checkout/sessions', 'POST')[0]!.body as { items: unknown; service: string };
    expect(body.items).to.deep.equal([{ sku: 'TEE-RED-M', quantity: 3 }]);
    expect(body.service).to.equal('next_day');
    expect(text(primaryAction(button))).to.equal('Place order · $80.99');
  });

  it('shows what to fix when details are missing or wrong, and moves focus there', async () => {
    const button = await readyButton();
    await openCheckout(button);
    fill(button, 'email', 'not-an-email');
    primaryAction(button).click();
    await checkoutOf(button).updateComplete;
    await waitFor(() => focusedInDialog(button)?.getAttribute('name') === 'email', 'focus on the email');
    const email = inDialog<HTMLInputElement>(button, 'input[name="email"]')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(text(inDialog(button, '#email-error'))).to.equal('Enter an email like name@example.com');
    expect(text(inDialog(button, '#name-error'))).to.equal('Required');
    expect(heading(button)).to.equal('Your details');
    expect(api.calls('/v1/checkout/sessions', 'POST')).to.have.length(0);
    await expectAccessible(checkoutOf(button));
  });

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
    let first = true;
    api.use(
      http.post(`${API}/v1/checkout/sessions`, async ({ request }) => {
        if (!first) return undefined;
        first = false;
        await api.log(request);
        return HttpResponse.json(
          errorBody('out_of_stock', 'Not enough stock for SKU TEE-RED-M at node node-chandler', { options: [NEXT_DAY] }),
          { status: 409 },
        );
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
    let first = true;
    api.use(
      http.post(`${API}/v1/checkout/sessions`, async ({ request }) => {
        if (!first) return undefined;
        first = false;
        await api.log(request);
        return HttpResponse.json(errorBody('promise_changed', 'The promise changed', { options: [later, NEXT_DAY] }), { status: 409 });
      }),
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

  it('lets the shopper retry when the delivery options cannot be fetched', async () => {
    const button = await readyButton();
    await openCheckout(button);
    await fillDetails(button, { postalCode: '10001' });
    api.use(http.get(`${API}/v1/promise`, () => HttpResponse.error(), { once: true }));
    primaryAction(button).click();
    await waitFor(() => notice(button), 'the notice');
    expect(notice(button)).to.equal("We couldn't reach the store. Check your connection and try again.");
    expect(primaryAction(button).disabled).to.equal(false);
    primaryAction(button).click();
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options after a retry');
    expect(notice(button)).to.equal('');
  });

  it('drops a refresh of the options still on its way once the shopper continues, keeping what the server said', async () => {
    const button = await readyButton();
    await openCheckout(button);
    await fillDetails(button);
    // The delivery step shows the button's promise at once and refreshes it: hold the refresh.
    let release = () => {};
    api.use(
      http.get(
        `${API}/v1/promise`,
        async ({ request }) => {
          await api.log(request);
          await new Promise<void>((resolve) => (release = resolve));
          return HttpResponse.json(promiseResponse({ options: [NEXT_DAY] }));
        },
        { once: true },
      ),
      http.post(`${API}/v1/checkout/sessions`, () => HttpResponse.json(errorBody('invalid_request', 'x'), { status: 400 }), { once: true }),
    );
    const fetches = recordFetchSignals();
    try {
      await advance(button, 'Delivery');
      await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
      await waitFor(() => fetches.signals.length === 1, 'the refresh');
      primaryAction(button).click();
      await waitFor(() => notice(button), 'the notice');
      expect(fetches.signals[0]!.aborted, 'the refresh is aborted').to.equal(true);
      release();
      await checkoutOf(button).updateComplete;
      expect(notice(button)).to.equal('Some details look wrong. Check them and try again.');
      expect(serviceOptions(button)).to.deep.equal(['same_day', 'next_day', 'standard']);
    } finally {
      fetches.restore();
      release();
    }
  });

  it('sold out with no options in the answer: fetches them again and keeps saying so', async () => {
    const button = await readyButton();
    await toDelivery(button);
    await waitFor(() => api.calls('/v1/promise').length === 2, 'the refresh of the options');
    api.use(
      http.post(`${API}/v1/checkout/sessions`, () => HttpResponse.json(errorBody('out_of_stock', 'Sold out'), { status: 409 }), {
        once: true,
      }),
      http.get(`${API}/v1/promise`, async ({ request }) => {
        await api.log(request);
        return HttpResponse.json(promiseResponse({ options: [NEXT_DAY] }));
      }),
    );
    primaryAction(button).click();
    await waitFor(() => serviceOptions(button).join() === 'next_day', 'the options fetched again');
    expect(notice(button)).to.equal('That option just sold out. Choose another delivery option below.');
  });

  it('reuses the idempotency key when the shopper retries the same attempt after a network error', async () => {
    const button = await readyButton();
    await toDelivery(button);
    let failures = 1;
    api.use(
      http.post(`${API}/v1/checkout/sessions`, async ({ request }) => {
        if (failures-- <= 0) return undefined;
        await api.log(request);
        return HttpResponse.error();
      }),
    );
    primaryAction(button).click();
    await waitFor(() => notice(button), 'the notice');
    expect(notice(button)).to.equal("We couldn't reach the store. Check your connection and try again.");
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

  it('signs a member in with a one-time code and sends the member token from then on', async () => {
    const button = await readyButton();
    await openCheckout(button);
    fill(button, 'email', 'Member@Example.com');
    inDialog<HTMLButtonElement>(button, '.member button')!.click();
    await waitFor(() => inDialog(button, 'input[name="code"]'), 'the code field');
    expect(api.calls('/v1/members/codes', 'POST')[0]!.body).to.deep.equal({ email: 'member@example.com' });
    expect(text(inDialog(button, '.member p'))).to.equal('We sent a 6-digit code to member@example.com.');
    await waitFor(() => focusedInDialog(button)?.getAttribute('name') === 'code', 'focus on the code');
    fill(button, 'code', '000000');
    inDialog<HTMLButtonElement>(button, '.member .row button')!.click();
    await waitFor(() => text(inDialog(button, '#code-error')), 'the code error');
    expect(text(inDialog(button, '#code-error'))).to.equal("That code didn't work. Check it, or ask for a new one.");
    fill(button, 'code', '123456');
    inDialog<HTMLButtonElement>(button, '.member .row button')!.click();
    await waitFor(() => inDialog(button, '.member.signed-in'), 'signed in');
    expect(text(inDialog(button, '.member.signed-in'))).to.equal('Signed in as member member@example.com');
    // The button's own promise is fetched again as a member.
    await waitFor(
      () => api.calls('/v1/promise').some((call) => call.headers.get('nearbuy-member-token') === 'member-token-1'),
      'a member promise',
    );
    await fillDetails(button, { email: 'member@example.com' });
    await advance(button, 'Delivery');
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
    await advance(button, 'Review and pay');
    expect(api.calls('/v1/checkout/sessions', 'POST')[0]!.headers.get('nearbuy-member-token')).to.equal('member-token-1');
  });

  it('keeps what was typed when closed and reopened', async () => {
    const button = await readyButton();
    await openCheckout(button);
    fill(button, 'email', SHOPPER.email);
    fill(button, 'name', SHOPPER.name);
    inDialog<HTMLButtonElement>(button, '.close')!.click();
    await waitFor(() => !dialogOf(button).open, 'closed');
    await focusReturnsToBuy(button);
    await openCheckout(button);
    expect(inDialog<HTMLInputElement>(button, 'input[name="email"]')!.value).to.equal(SHOPPER.email);
    expect(inDialog<HTMLInputElement>(button, 'input[name="name"]')!.value).to.equal(SHOPPER.name);
    expect(button.querySelectorAll('nearbuy-checkout')).to.have.length(1);
  });

  it('Escape closes the dialog and focus returns to Buy', async () => {
    const button = await readyButton();
    await openCheckout(button);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialogOf(button).open, 'closed');
    await focusReturnsToBuy(button);
  });

  it('can be completed with the keyboard alone, focus never leaving the dialog', async () => {
    const button = await readyButton();
    const buy = part(button, 'buy-button') as HTMLButtonElement;
    buy.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => button.querySelector('nearbuy-checkout') && dialogOf(button).open, 'the dialog');
    await waitFor(() => focusedInDialog(button)?.getAttribute('name') === 'quantity', 'focus on quantity');
    const typeInto = async (name: string, value: string) => {
      for (let i = 0; i < 20 && focusedInDialog(button)?.getAttribute('name') !== name; i++) await sendKeys({ press: 'Tab' });
      expect(focusedInDialog(button)?.getAttribute('name')).to.equal(name);
      await sendKeys({ type: value });
    };
    await typeInto('email', SHOPPER.email);
    await typeInto('name', SHOPPER.name);
    await typeInto('line1', SHOPPER.line1);
    await typeInto('city', SHOPPER.city);
    await typeInto('region', SHOPPER.region);
    // Tab through the whole dialog: focus stays inside it.
    for (let i = 0; i < 20; i++) {
      await sendKeys({ press: 'Tab' });
      const active = document.activeElement;
      expect(
        active === checkoutOf(button) || active === document.body || checkoutOf(button).contains(active),
        `focus left the dialog: ${active?.tagName}`,
      ).to.equal(true);
      if (active === checkoutOf(button)) expect(focusedInDialog(button) !== null).to.equal(true);
    }
    inDialog<HTMLInputElement>(button, 'input[name="region"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(button) === 'Delivery' && inDialog(button, 'input[name="service"]'), 'the delivery step');
    await waitFor(() => focusedInDialog(button)?.getAttribute('name') === 'service', 'focus on the chosen option');
    await sendKeys({ press: 'ArrowDown' });
    expect(checkedService(button)).to.equal('next_day');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(button) === 'Review and pay', 'the payment step');
    await waitFor(() => focusedInDialog(button)?.getAttribute('name') === 'card', 'focus on the card');
    await sendKeys({ type: '4242424242424242' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(button) === 'Thank you!', 'the confirmation');
    await waitFor(() => focusedInDialog(button)?.getAttribute('part') === 'primary-action', 'focus on Done');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !dialogOf(button).open, 'closed');
    await focusReturnsToBuy(button);
    expect((api.calls('/v1/checkout/sessions', 'POST')[0]!.body as { service: string }).service).to.equal('next_day');
  });

  it('is a centred dialog on desktops and a bottom sheet on phones', async () => {
    await setViewport({ width: 1280, height: 800 });
    const button = await readyButton();
    await openCheckout(button);
    let rect = dialogOf(button).getBoundingClientRect();
    expect(rect.left + rect.width / 2).to.be.closeTo(640, 2);
    expect(rect.top + rect.height / 2).to.be.closeTo(400, 2);
    await setViewport({ width: 375, height: 700 });
    await waitFor(() => dialogOf(button).getBoundingClientRect().width === 375, 'full width');
    rect = dialogOf(button).getBoundingClientRect();
    expect(rect.left).to.equal(0);
    expect(rect.bottom).to.be.closeTo(700, 1);
  });

  it('follows the button: Arabic right to left, dark theme, the button’s tokens', async () => {
    const button = await readyButton({ locale: 'ar', theme: 'dark' });
    button.style.setProperty('--nearbuy-dialog-background', 'rgb(10, 20, 30)');
    await openCheckout(button);
    const panel = inDialog(button, '.panel')!;
    expect(getComputedStyle(panel).direction).to.equal('rtl');
    expect(heading(button)).to.equal('بياناتك');
    expect(getComputedStyle(dialogOf(button)).backgroundColor).to.equal('rgb(10, 20, 30)');
    button.style.removeProperty('--nearbuy-dialog-background');
    await expectAccessible(checkoutOf(button));
  });
});
