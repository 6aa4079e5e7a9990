/* global document, location, setTimeout, URLSearchParams */
// The order status page the widget's "Track your order" link leads to (in the demo): reads the
// order with its access token and the shop's publishable key, and follows its status.
import { api, el, money, wallClockWindow, PUBLISHABLE_KEY, SERVICE_NAMES, STATUS_NAMES } from './lib.js';
// The one order timeline of every surface (contract/timeline.ts, through the widget's
// side-effect-free entry): the same rows as the status page and times on the destination's clock.
import { TIMELINE_NAMES, formatMoment, timelineSteps } from '/widget/esm/index.js';

const REFRESH_MS = 4000;
const COURIER = {
  requested: 'Courier requested',
  assigned: 'Courier on the way to the store',
  picked_up: 'Courier collected the parcel',
  en_route: 'On the way to you',
  delayed: 'Running late',
  delivered: 'Dropped off',
  failed: 'Could not deliver',
  cancelled: 'Courier called off',
};
const params = new URLSearchParams(location.search);
const id = params.get('id');
const token = params.get('token');
const title = document.getElementById('order-title');
const lede = document.getElementById('order-lede');
const details = document.getElementById('order-details');
let last = '';

function render(order) {
  const zone = order.timeZone;
  const key = JSON.stringify(order);
  if (key === last) return;
  last = key;
  title.textContent = `Order ${order.number}`;
  document.title = `Order ${order.number} — Loopback & Co.`;
  const f = order.fulfilment;
  const late = f && f.expectedWindow.end !== order.promisedWindow.end;
  lede.textContent =
    order.status === 'cancelled'
      ? `This order was cancelled${f?.refundedAt ? ' and refunded' : ''}.${f?.cancelReason ? ` ${f.cancelReason}.` : ''}`
      : order.status === 'delivered'
        ? 'Delivered. Enjoy!'
        : order.status === 'delivery_failed'
          ? 'The courier could not deliver your parcel. It goes back to the store, which will try again or get in touch.'
          : `${STATUS_NAMES[order.status]} · ${late ? 'running late, now arrives' : 'arrives'} ${wallClockWindow(f?.expectedWindow ?? order.promisedWindow)}`;
  const viewer = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.getElementById('timeline').replaceChildren(
    ...timelineSteps(order).map(({ status, at, current }) => {
      const classes = [at ? 'done' : '', current ? 'current' : ''].filter(Boolean).join(' ');
      return el(
        'li',
        { class: classes || null, 'data-status': status, 'aria-current': current ? 'step' : null },
        el(
          'span',
          {},
          TIMELINE_NAMES[status],
          at ? el('span', { class: 'small muted' }, ` · ${formatMoment(at, zone, 'en-US', viewer)}`) : null,
        ),
      );
    }),
  );
  const address = order.address;
  const facts = [
    ['Items', order.items.map((item) => `${item.title} × ${item.quantity} (${money(item.lineTotal)})`).join(', ')],
    ['Delivery', `${SERVICE_NAMES[order.service] ?? order.service} · ${money(order.amounts.shipping)}`],
    ['Arrives', wallClockWindow(order.promisedWindow)],
    ['From', order.shipments.map((s) => `${s.nodeName} (${Math.round(s.distanceKm)} km away)`).join(', ')],
    [
      'Deliver to',
      [address.name, address.line1, address.line2, `${address.city}, ${address.region} ${address.postalCode}`].filter(Boolean).join(', '),
    ],
    ['Total', money(order.amounts.total)],
    ['Email', order.email],
  ];
  const courier = f?.courier;
  if (courier) {
    const who = courier.courierName ? `${courier.courierName}${courier.vehicle ? ` (${courier.vehicle})` : ''} · ` : '';
    const trail = courier.events.map(
      (e) => `${COURIER[e.kind] ?? e.kind} ${new Date(e.at).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}`,
    );
    facts.push(['Courier', `${who}${COURIER[courier.status] ?? courier.status}`], ['Courier progress', trail.join(' → ')]);
  }
  if (f?.tracking) facts.push(['Tracking', `${f.tracking.carrier} ${f.tracking.number}`]);
  document.getElementById('facts').replaceChildren(...facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
  details.hidden = false;
}

async function load() {
  if (!id || !token) {
    lede.textContent = 'This link is missing the order number or its access token.';
    return;
  }
  try {
    render(
      await api(`/v1/orders/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`, {
        headers: { authorization: `Bearer ${PUBLISHABLE_KEY}` },
      }),
    );
    setTimeout(load, REFRESH_MS);
  } catch (error) {
    lede.textContent = `We could not load this order: ${error.message}`;
  }
}

void load();
