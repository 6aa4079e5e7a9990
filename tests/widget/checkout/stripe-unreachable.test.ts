/**
 * Stripe.js cannot be reached (offline, blocked): the shopper is told and can try again, and
 * Place order stays disabled until the Payment Element is there. (Its own page: Stripe's loader
 * caches a successful load for the page's lifetime.)
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import { advance, checkoutOf, fillDetails, heading, inDialog, notice, openCheckout, primaryAction } from '../helpers/checkout.js';
import { mount, settled, unmountAll, waitFor } from '../helpers/dom.js';
import { API, checkoutSession } from '../helpers/fixtures.js';

describe('Stripe.js unreachable', () => {
  before(async () => {
    await api.start();
    await executeServerCommand('stub-stripe-js', 'unreachable');
  });
  after(() => unmountAll());

  it('says the payment could not load, and loads it on the next try', async () => {
    const session = checkoutSession({
      id: 'cs_s',
      payment: { provider: 'stripe', clientSecret: 'pi_s_secret', stripePublishableKey: 'pk_test_stripe' },
    });
    api.use(http.post(`${API}/v1/checkout/sessions`, () => HttpResponse.json(session, { status: 201 })));
    const errors: CustomEvent[] = [];
    document.addEventListener('nearbuy-error', (event) => errors.push(event));
    const button = mount('nearbuy-button', { sku: 'TEE-RED-M', 'postal-code': '85226' });
    await settled(button, 'available');
    await openCheckout(button);
    await fillDetails(button);
    await advance(button, 'Delivery');
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
    await advance(button, 'Review and pay');
    await waitFor(() => notice(button), 'the notice', 8000);
    expect(notice(button)).to.equal("Payment couldn't load. Check your connection and try again.");
    expect(primaryAction(button).disabled, 'no Place order without a payment form').to.equal(true);
    expect(errors.at(-1)!.detail).to.include({ code: 'payment_unavailable', source: 'payment' });

    await executeServerCommand('stub-stripe-js');
    inDialog<HTMLButtonElement>(button, '.actions .secondary')!.click();
    await waitFor(() => heading(button) === 'Delivery', 'back to delivery');
    await advance(button, 'Review and pay');
    await waitFor(() => checkoutOf(button).querySelector('.nearbuy-payment input[data-fake-stripe]'), 'the Payment Element', 8000);
    expect(primaryAction(button).disabled).to.equal(false);
  });
});
