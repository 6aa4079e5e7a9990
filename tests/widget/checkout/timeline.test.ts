/**
 * The thank-you step shows the order's timeline (widget/checkout/steps/done.ts, from
 * contract/timeline.ts like the status page): the steps reached with their times, the next ones
 * with when they are due, on the destination's clock with its zone named where the shopper's
 * clock (America/Phoenix in these tests) reads differently, in every locale.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import type { NearbuyButton } from '../../../widget/index.js';
import type { ShopperOrder } from '../../../contract/public.js';
import type { CheckoutMessages } from '../../../widget/checkout/locales/messages.js';
import { en } from '../../../widget/checkout/locales/en.js';
import { messages as id } from '../../../widget/checkout/locales/id.js';
import { messages as fr } from '../../../widget/checkout/locales/fr.js';
import { messages as ja } from '../../../widget/checkout/locales/ja.js';
import { messages as zh } from '../../../widget/checkout/locales/zh.js';
import { messages as ar } from '../../../widget/checkout/locales/ar.js';
import { api } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import { advance, checkoutOf, fill, fillDetails, inDialog, openCheckout, readyButton } from '../helpers/checkout.js';
import { expectAccessible, text, waitFor } from '../helpers/dom.js';
import { API, NOW, checkoutSession, option, placedOrder } from '../helpers/fixtures.js';

const PLACED_AT = new Date(NOW + 60_000).toISOString();
const READY_BY = '2026-11-25T14:30:00-07:00';

/** `GET /v1/orders/:id`: the order just placed, its destination on `timeZone`'s clock. */
function shopperOrder(timeZone = 'America/Phoenix'): ShopperOrder {
  const session = checkoutSession();
  const placed = placedOrder();
  return {
    id: placed.id,
    number: placed.number,
    status: 'placed',
    timeline: [{ status: 'placed', at: PLACED_AT }],
    items: session.items,
    amounts: session.amounts,
    address: { name: 'Ana Shopper', line1: '1 Main St', city: 'Chandler', region: 'AZ', postalCode: '85226', country: 'US' },
    email: 'ana@example.com',
    service: 'same_day',
    promisedWindow: option().window,
    promiseChange: null,
    shipments: [],
    placedAt: PLACED_AT,
    fulfilment: {
      readyAt: null,
      pickedUpAt: null,
      deliveredAt: null,
      expectedWindow: option().window,
      late: false,
      parcels: [
        {
          nodeId: 'node-chandler',
          nodeName: 'Chandler Fashion Center',
          status: 'placed',
          readyBy: '2026-11-25T13:15:00-07:00',
          readyAt: null,
          pickedUpAt: null,
          deliveredAt: null,
          lines: [],
          waitingForStock: null,
        },
        {
          nodeId: 'node-mesa',
          nodeName: 'Mesa',
          status: 'placed',
          readyBy: READY_BY,
          readyAt: null,
          pickedUpAt: null,
          deliveredAt: null,
          lines: [],
          waitingForStock: null,
        },
      ],
      courier: null,
      tracking: null,
      cancelReason: null,
      refundedAt: null,
    },
    timeZone,
  };
}

function answerOrder(order: ShopperOrder | null): void {
  api.use(
    http.get(`${API}/v1/orders/:id`, async ({ request }) => {
      await api.log(request);
      return order ? HttpResponse.json(order) : HttpResponse.json({ error: { code: 'internal', message: 'Down' } }, { status: 503 });
    }),
  );
}

/** From Buy to the thank-you step, through the headings of the locale `m`. */
async function purchase(button: NearbuyButton, m: CheckoutMessages): Promise<void> {
  await openCheckout(button);
  await fillDetails(button);
  await advance(button, m.deliveryHeading);
  await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
  await advance(button, m.paymentHeading);
  fill(button, 'card', '4242 4242 4242 4242');
  await advance(button, m.doneHeading);
}

const rows = (button: NearbuyButton) => [...checkoutOf(button).shadowRoot!.querySelectorAll('[part="timeline"] li')].map((li) => text(li));

describe('the thank-you step: what happens next', () => {
  useWidgetPage();

  it('shows the steps, the placed time, when the order is packed by and the delivery window', async () => {
    answerOrder(shopperOrder());
    const button = await readyButton();
    await purchase(button, en);
    await waitFor(() => inDialog(button, '[part="timeline"]'), 'the timeline');
    const [read] = api.calls('/v1/orders/ord_42');
    expect(read!.url.searchParams.get('token')).to.equal('tok_42');
    expect(read!.headers.get('authorization')).to.equal('Bearer pk_test_nearbuy');
    expect(text(inDialog(button, '[part="timeline"] h4'))).to.equal('What happens next');
    // The shopper's clock is the destination's: no zone named. Packed by the later parcel's time.
    expect(rows(button)).to.deep.equal([
      'Order placed Wed, Nov 25, 12:01 PM',
      'Packed at the store by Wed, Nov 25, 2:30 PM',
      'Picked up',
      'Out for delivery',
      'Delivered today 4 – 8 PM',
    ]);
    const current = checkoutOf(button).shadowRoot!.querySelector('[part="timeline"] [aria-current="step"]');
    expect(current?.getAttribute('data-status')).to.equal('placed');
    await expectAccessible(checkoutOf(button));
  });

  it('names the zone of every time when the destination’s clock is not the shopper’s', async () => {
    answerOrder(shopperOrder('America/New_York'));
    const button = await readyButton();
    await purchase(button, en);
    await waitFor(() => inDialog(button, '[part="timeline"]'), 'the timeline');
    const [placed, packed, , , delivered] = rows(button);
    // 12:01 PM in Phoenix is 2:01 PM in New York.
    expect(placed).to.equal('Order placed Wed, Nov 25, 2:01 PM EST');
    expect(packed).to.equal('Packed at the store by Wed, Nov 25, 4:30 PM EST');
    expect(delivered).to.match(/^Delivered .*6 – 10 PM EST$/);
  });

  for (const [code, m] of Object.entries({ id, fr, ja, zh, ar })) {
    it(`reads in ${code}: the steps' names and times in the shopper's language`, async () => {
      answerOrder(shopperOrder());
      const button = await readyButton({ locale: code });
      await purchase(button, m);
      await waitFor(() => inDialog(button, '[part="timeline"]'), 'the timeline');
      expect(text(inDialog(button, '[part="timeline"] h4'))).to.equal(m.nextHeading);
      const read = rows(button);
      const names = [m.timeline.placed, m.timeline.ready, m.timeline.picked_up, m.timeline.out_for_delivery, m.timeline.delivered];
      expect(read.map((row, i) => row.startsWith(names[i]!))).to.deep.equal([true, true, true, true, true]);
      const hour = new Intl.DateTimeFormat(code, { timeZone: 'America/Phoenix', hour: 'numeric', minute: '2-digit' }).format(
        new Date(PLACED_AT),
      );
      expect(read[0]).to.contain(hour);
      expect(read[1]).to.contain(m.dueBy('').trim());
      expect(read.join(' ')).not.to.match(/Order placed|Packed at|Delivered|\bby\b/);
      await expectAccessible(checkoutOf(button));
    });
  }

  it('leaves the timeline out, and the rest of the step as it is, when the order cannot be read', async () => {
    answerOrder(null);
    const button = await readyButton();
    await purchase(button, en);
    await waitFor(() => api.calls('/v1/orders/ord_42').length === 1, 'the order read');
    await checkoutOf(button).updateComplete;
    expect(inDialog(button, '[part="timeline"]')).to.equal(null);
    expect(text(inDialog(button, '.done'))).to.contain('Order NB-7K4Q-2M · Track your order');
  });
});
