/**
 * Payment through Stripe: Stripe.js is loaded only at the payment step, by the widget's own
 * script tag (which `@stripe/stripe-js/pure` then reuses), and the Payment Element is mounted in
 * a light-DOM container the widget owns. js.stripe.com is answered by a fake (helpers/fake-stripe.js).
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../widget/nearbuy.js';
import type { NearbuyButton } from '../../../widget/button/button.component.js';
import { api } from '../helpers/api.js';
import { advance, checkoutOf, fillDetails, heading, inDialog, notice, openCheckout, primaryAction } from '../helpers/checkout.js';
import { expectAccessible, mount, settled, text, waitFor } from '../helpers/dom.js';
import { API, checkoutSession, placedOrder } from '../helpers/fixtures.js';

const STRIPE_SESSION = checkoutSession({
  id: 'cs_stripe',
  payment: { provider: 'stripe', clientSecret: 'pi_1_secret_2', stripePublishableKey: 'pk_test_stripe' },
});

const stripeScripts = () => document.querySelectorAll('script[src^="https://js.stripe.com/"]');
const fakeCardInput = (button: NearbuyButton) =>
  checkoutOf(button).querySelector<HTMLInputElement>('.nearbuy-payment input[data-fake-stripe="payment"]');

describe('payment with Stripe', () => {
  let button: NearbuyButton;
  before(async () => {
    await api.start();
    await executeServerCommand('stub-stripe-js');
  });
  beforeEach(async () => {
    let polls = 0;
    api.use(
      http.post(`${API}/v1/checkout/sessions`, async ({ request }) => {
        await api.log(request);
        return HttpResponse.json(STRIPE_SESSION, { status: 201 });
      }),
      // The order is placed by Stripe's webhook on the server: the first poll finds none yet.
      http.get(`${API}/v1/checkout/sessions/cs_stripe`, async ({ request }) => {
        await api.log(request);
        polls += 1;
        return HttpResponse.json(
          polls < 2
            ? STRIPE_SESSION
            : { ...STRIPE_SESSION, status: 'completed', order: placedOrder({ id: 'ord_s', number: 'NB-S7R2-PE', accessToken: 'tok_s' }) },
        );
      }),
    );
    button = mount('nearbuy-button', { sku: 'TEE-RED-M', 'postal-code': '85226' });
    await settled(button, 'available');
  });
  afterEach(() => {
    button.remove();
    api.reset();
  });

  it('loads Stripe.js only at the payment step, mounts in light DOM and places the order', async () => {
    await openCheckout(button);
    await fillDetails(button);
    await advance(button, 'Delivery');
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
    expect(stripeScripts(), 'no Stripe.js before the payment step').to.have.length(0);
    expect('Stripe' in window).to.equal(false);
    await advance(button, 'Review and pay');
    const input = await waitFor(() => fakeCardInput(button), 'the Payment Element');
    expect(stripeScripts()).to.have.length(1);
    expect((stripeScripts()[0] as HTMLScriptElement).src).to.equal('https://js.stripe.com/endive/stripe.js');
    const container = input.closest('.nearbuy-payment')!;
    expect(container.getRootNode() === document, 'mounted outside every shadow root').to.equal(true);
    expect(container.getAttribute('slot')).to.equal('payment');
    expect(inDialog(button, '[part="test-mode"]') === null, 'no TEST MODE banner with Stripe').to.equal(true);
    await expectAccessible(checkoutOf(button));
    input.value = '4242 4242 4242 4242';
    await advance(button, 'Thank you!');
    expect(api.calls('/v1/checkout/sessions/cs_stripe').length).to.be.greaterThan(1);
    expect(text(inDialog(button, '.done'))).to.contain('Order NB-S7R2-PE');
    expect(checkoutOf(button).querySelector('.nearbuy-payment') === null, 'the Payment Element is removed once done').to.equal(true);
  });

  it("offers Apple Pay, Google Pay and Link, with the shopper's details filled in for Link", async () => {
    await openCheckout(button);
    await fillDetails(button, { email: 'Ana@Example.com ' });
    await advance(button, 'Delivery');
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
    await advance(button, 'Review and pay');
    await waitFor(() => fakeCardInput(button), 'the Payment Element');
    const asked = (window as unknown as { __fakeStripe: { elementsOptions: { clientSecret: string }; createOptions: unknown } })
      .__fakeStripe;
    expect(asked.elementsOptions.clientSecret).to.equal('pi_1_secret_2');
    expect(asked.createOptions).to.deep.include({
      wallets: { applePay: 'auto', googlePay: 'auto', link: 'auto' },
      defaultValues: {
        billingDetails: {
          email: 'ana@example.com',
          name: 'Ana Shopper',
          address: { line1: '1 Main St', line2: '', city: 'Chandler', state: 'AZ', postal_code: '85226', country: 'US' },
        },
      },
    });
  });

  it("shows Stripe's message when the card is declined, and lets the shopper try again", async () => {
    await openCheckout(button);
    await fillDetails(button);
    await advance(button, 'Delivery');
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
    await advance(button, 'Review and pay');
    const input = await waitFor(() => fakeCardInput(button), 'the Payment Element');
    expect(stripeScripts(), 'Stripe.js is loaded once').to.have.length(1);
    input.value = '4000 0000 0000 0002';
    primaryAction(button).click();
    await waitFor(() => notice(button), 'the notice');
    expect(notice(button)).to.equal('Your card was declined.');
    expect(heading(button)).to.equal('Review and pay');
    input.value = '4242 4242 4242 4242';
    await advance(button, 'Thank you!');
  });
});
