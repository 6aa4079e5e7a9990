/**
 * The delivery options of the dialog (widget/checkout/options.ts): a failed fetch the shopper can
 * retry, a refresh overtaken by the shopper continuing, and options fetched again after a
 * refusal, each without losing what the server said.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import { api, errorBody, recordFetchSignals } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import {
  advance,
  checkoutOf,
  fillDetails,
  inDialog,
  notice,
  openCheckout,
  primaryAction,
  readyButton,
  serviceOptions,
  toDelivery,
} from '../helpers/checkout.js';
import { waitFor } from '../helpers/dom.js';
import { API, NEXT_DAY, promiseResponse } from '../helpers/fixtures.js';

describe('the delivery options', () => {
  useWidgetPage();

  it('lets the shopper retry when the delivery options cannot be fetched', async () => {
    const button = await readyButton();
    await openCheckout(button);
    await fillDetails(button, { postalCode: '10001', region: 'NY' });
    api.use(http.get(`${API}/v1/promise`, () => HttpResponse.error(), { once: true }));
    primaryAction(button).click();
    await waitFor(() => notice(button), 'the notice');
    expect(notice(button)).to.equal("The store isn't answering right now. Your details are kept; try again in a moment.");
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
});
