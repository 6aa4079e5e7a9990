/**
 * A whole purchase with the test payment provider, step by step: the details the form asks for
 * (widget/checkout/form.ts), the session request it becomes, the review, payment and the order
 * placed; axe on every step.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import {
  advance,
  checkedService,
  checkoutOf,
  dialogOf,
  fill,
  fillDetails,
  focusReturnsToBuy,
  focusedInDialog,
  heading,
  inDialog,
  openCheckout,
  primaryAction,
  readyButton,
  serviceOptions,
  toDelivery,
} from '../helpers/checkout.js';
import { expectAccessible, text, waitFor } from '../helpers/dom.js';
import { API, checkoutSession, option, placedOrder } from '../helpers/fixtures.js';

describe('a purchase in the checkout dialog', () => {
  useWidgetPage();

  it('completes a purchase with the test card, end to end', async () => {
    const button = await readyButton();
    const placed: CustomEvent[] = [];
    document.addEventListener('nearbuy-order-placed', (event) => placed.push(event), { once: true });
    await toDelivery(button);
    expect(serviceOptions(button)).to.deep.equal(['same_day', 'next_day', 'standard']);
    expect(checkedService(button)).to.equal('same_day');
    expect(text(inDialog(button, '.options'))).to.contain('Same-day FREE today 4 – 8 PM from Chandler Fashion Center, 3.7 mi away');
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
    // The order number for people; the id stays in the link and the event.
    expect(done).to.contain('Order NB-7K4Q-2M · Track your order');
    const link = inDialog<HTMLAnchorElement>(button, '.done a')!;
    // With the shopper's zone, so the status page names a zone only where their clock differs.
    expect(link.href).to.equal(`${API}/orders/ord_42?token=tok_42&tz=America%2FPhoenix`);
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

  it('says plainly when a late payment moved the window, from which to which', async () => {
    const tomorrow = { start: '2026-11-26T16:00:00-07:00', end: '2026-11-26T20:00:00-07:00' };
    const reason = 'The payment arrived after 2026-11-25T14:14:00-07:00, the last moment for the window shown';
    api.use(
      http.post(`${API}/v1/checkout/sessions/:id/confirm`, async ({ request, params }) => {
        await api.log(request);
        const order = placedOrder({ promisedWindow: tomorrow, promiseChange: { previousWindow: option().window, reason } });
        return HttpResponse.json(checkoutSession({ id: String(params.id), status: 'completed', order }));
      }),
    );
    const button = await readyButton();
    const placed: CustomEvent[] = [];
    document.addEventListener('nearbuy-order-placed', (event) => placed.push(event), { once: true });
    await toDelivery(button);
    await advance(button, 'Review and pay');
    fill(button, 'card', '4242 4242 4242 4242');
    await advance(button, 'Thank you!');
    const done = text(inDialog(button, '.done'));
    // The order's window, not the option's, and the one shown before paying named as the old one.
    expect(done).to.contain('Arrives: tomorrow 4 – 8 PM');
    expect(done).not.to.contain('Arrives: today');
    expect(text(inDialog(button, '[data-window-moved]'))).to.equal(
      'The delivery window changed: your payment arrived after the last moment to order for today 4 – 8 PM, the window shown before you paid, so your order takes the next one.',
    );
    // The server's English reason is for the merchant; the shopper reads their own language.
    expect(done).not.to.contain(reason);
    await waitFor(() => placed.length === 1, 'nearbuy-order-placed');
    expect((placed[0]!.detail as { promisedWindow: unknown }).promisedWindow).to.deep.equal(tomorrow);
    await expectAccessible(checkoutOf(button));
  });

  it('shows no change notice when the order keeps the window shown', async () => {
    const button = await readyButton();
    await toDelivery(button);
    await advance(button, 'Review and pay');
    fill(button, 'card', '4242 4242 4242 4242');
    await advance(button, 'Thank you!');
    expect(inDialog(button, '[data-window-moved]')).to.equal(null);
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
});
