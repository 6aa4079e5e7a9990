/**
 * `GET /orders/:id?token=…`: the shopper's order status page, where the widget's "Track your
 * order" link and every order email lead. Plain HTML rendered here (no script at all), readable
 * with the order's access token alone: the timeline, the courier's progress for same-day, the
 * tracking number for carrier services, a new window after a delay. It reloads itself while the
 * order can still change. The JSON is at `GET /v1/orders/:id`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OrderAccessQuery, OrderParams, type Order } from '../../../contract/public.js';
import { TIMELINE_NAMES, formatMoment, isTimeZone, namesZone, timelineSteps } from '../../../contract/timeline.js';
import { formatMoney } from '../../../contract/money.js';
import type { Money } from '../../../contract/primitives.js';
import { ApiError } from '../../errors.js';
import { resolveDestination } from '../../promise-service/destination.js';
import { OPTION_LABELS } from '../../promise-service/options.js';
import { optionName } from '../../promise/index.js';

const COURIER_NAMES: Record<string, string> = {
  requested: 'Courier requested',
  assigned: 'Courier on the way to the store',
  picked_up: 'Courier collected the parcel',
  en_route: 'On the way to you',
  delayed: 'Running late',
  delivered: 'Dropped off',
  failed: 'Could not deliver',
  cancelled: 'Courier called off',
};

/** While the order can still change, the page reloads itself this often (it runs no script). */
const REFRESH_SECONDS = 30;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const money = (m: Money) => formatMoney(m, 'en-US');

function zoneOf(order: Order): string {
  try {
    return resolveDestination({ postalCode: order.address.postalCode, country: order.address.country }).timeZone;
  } catch {
    // An address the table no longer knows: show times in UTC rather than fail the page.
    return 'UTC';
  }
}

/**
 * A delivery window on the destination's clock: "Tue, Mar 10, 4:00 – 8:00 PM", its zone named
 * ("… 8:00 PM MST") unless the viewer's clock reads the same (contract/timeline.ts); a window
 * that spans days by its first and last day.
 */
function windowText(order: Order, viewerZone: string | null, window = order.promisedWindow): string {
  const timeZone = zoneOf(order);
  const day = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' });
  const start = new Date(window.start);
  const end = new Date(window.end);
  const named = namesZone(window.end, timeZone, viewerZone);
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  const endTime = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    ...(named ? { timeZoneName: 'short' } : {}),
  });
  // A range of days (the buffers' slack) reads as the widget shows it: "Wed, Mar 11 – Fri, Mar 13".
  if (day.format(start) !== day.format(end)) return `${day.format(start)} – ${day.format(end)}`;
  return `${day.format(start)}, ${time.format(start)} – ${endTime.format(end)}`;
}

/** An instant on the destination's clock, its zone named unless the viewer's reads the same. */
function momentText(order: Order, iso: string, viewerZone: string | null): string {
  return formatMoment(iso, zoneOf(order), 'en-US', viewerZone);
}

/** The courier's progress (same-day) or the carrier's tracking number. */
function progress(order: Order, viewerZone: string | null): string {
  const { courier, tracking } = order.fulfilment;
  if (tracking) {
    const number = tracking.url
      ? `<a href="${escape(tracking.url)}" rel="noreferrer">${escape(tracking.number)}</a>`
      : escape(tracking.number);
    return `<section aria-labelledby="tracking"><h2 id="tracking">Tracking</h2><p>${escape(tracking.carrier)} · tracking number <strong>${number}</strong></p></section>`;
  }
  if (!courier) return '';
  const who = courier.courierName ? `${escape(courier.courierName)}${courier.vehicle ? ` (${escape(courier.vehicle)})` : ''}` : 'A courier';
  const eta =
    courier.dropoffEta && courier.status !== 'delivered' && courier.status !== 'failed' && courier.status !== 'cancelled'
      ? `<p>Expected at your door around ${escape(momentText(order, courier.dropoffEta, viewerZone))}.</p>`
      : '';
  const steps = courier.events
    .map(
      (e) =>
        `<li data-courier="${escape(e.kind)}"><span>${escape(COURIER_NAMES[e.kind] ?? e.kind)}</span>${e.note && e.kind !== 'assigned' && e.kind !== 'picked_up' && e.kind !== 'en_route' && e.kind !== 'delivered' ? ` · ${escape(e.note)}` : ''}<time datetime="${escape(e.at)}">${escape(momentText(order, e.at, viewerZone))}</time></li>`,
    )
    .join('');
  return `<section aria-labelledby="courier"><h2 id="courier">Courier</h2><p>${who} · ${escape(COURIER_NAMES[courier.status] ?? courier.status)}</p>${eta}<ol class="courier">${steps}</ol></section>`;
}

function render(order: Order, merchantName: string, viewerZone: string | null): string {
  // The one timeline of every surface (contract/timeline.ts).
  const timeline = timelineSteps(order)
    .map(({ status, at, current }) => {
      const when = at ? `<time datetime="${escape(at)}">${escape(momentText(order, at, viewerZone))}</time>` : '';
      return `<li class="${at ? 'done' : ''}"${current ? ' aria-current="step"' : ''} data-status="${status}"><span>${TIMELINE_NAMES[status]}</span>${when}</li>`;
    })
    .join('');
  const items = order.items.map((i) => `<tr><td>${escape(i.title)} × ${i.quantity}</td><td>${money(i.lineTotal)}</td></tr>`).join('');
  const from = order.shipments.map((s) => escape(s.nodeName)).join(', ');
  const a = order.address;
  const f = order.fulfilment;
  const delayed = f.expectedWindow.end !== order.promisedWindow.end;
  // Named as the shopper was shown it: by the promised window's last day (docs/promise-model.md).
  const label = OPTION_LABELS[optionName(order.service, zoneOf(order), Date.parse(order.placedAt), Date.parse(order.promisedWindow.end))];
  const lede =
    order.status === 'cancelled'
      ? `This order was cancelled${f.refundedAt ? ' and refunded' : ''}.${f.cancelReason ? ` ${escape(f.cancelReason)}.` : ''}`
      : order.status === 'delivered'
        ? `Delivered ${f.deliveredAt ? escape(momentText(order, f.deliveredAt, viewerZone)) : ''}.`
        : order.status === 'delivery_failed'
          ? 'The courier could not deliver your parcel. It goes back to the store, which will try again or get in touch.'
          : delayed
            ? `${label} · running late: now arrives <strong>${escape(windowText(order, viewerZone, f.expectedWindow))}</strong> (promised ${escape(windowText(order, viewerZone))})`
            : order.promiseChange
              ? `${label} · arrives <strong>${escape(windowText(order, viewerZone))}</strong>, not ${escape(windowText(order, viewerZone, order.promiseChange.previousWindow))} as shown at checkout: the payment arrived after the last moment to order for that window.`
              : `${label} · arrives ${escape(windowText(order, viewerZone))}`;
  const live = order.status !== 'delivered' && order.status !== 'cancelled';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Order ${escape(order.number)} · ${escape(merchantName)}</title>
${live ? `<meta http-equiv="refresh" content="${REFRESH_SECONDS}">` : ''}
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2320;background:#f6f7f6}
main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px}
h1{font-size:1.25rem;margin:0 0 .25rem}ol{list-style:none;padding:0;margin:1.5rem 0}
li{padding:.5rem 0 .5rem 1.75rem;position:relative;color:#6b736f}li time{display:block;font-size:.85em}
li::before{content:"";position:absolute;left:0;top:.85rem;width:.75rem;height:.75rem;border-radius:50%;border:2px solid #b8c0bc}
li.done{color:#1d2320}li.done::before{background:#1f7a4d;border-color:#1f7a4d}
h2{font-size:1rem;margin:1.25rem 0 .25rem}ol.courier li{padding:.25rem 0 .25rem 1.75rem}ol.courier{margin:.5rem 0}
table{width:100%;border-collapse:collapse}td{padding:.25rem 0}td:last-child{text-align:right}
.total td{border-top:1px solid #dde2df;font-weight:600}p.muted{color:#6b736f;font-size:.9em}
@media (prefers-color-scheme:dark){body{background:#111513;color:#e8ece9}main{background:#1b211e}li.done{color:#e8ece9}}
</style></head>
<body><main>
<p class="muted">${escape(merchantName)}</p>
<h1>Order ${escape(order.number)}</h1>
<p>${lede}</p>
<ol>${timeline}</ol>
${progress(order, viewerZone)}
<table>${items}
<tr><td>Delivery</td><td>${money(order.amounts.shipping)}</td></tr>
<tr class="total"><td>Total</td><td>${money(order.amounts.total)}</td></tr></table>
<p class="muted">To ${escape(a.name)}, ${escape(a.line1)}${a.line2 ? `, ${escape(a.line2)}` : ''}, ${escape(a.city)}, ${escape(a.region)} ${escape(a.postalCode)} · from ${from}</p>
</main></body></html>`;
}

/**
 * The access token, and the viewer's IANA zone when the link carries it (the widget's "Track your
 * order" adds the browser's): times then name their zone only where the viewer's clock differs.
 * Without it (links in emails) every time names its zone.
 */
const OrderPageQuery = OrderAccessQuery.extend({ tz: z.string().max(64).optional() });

const orderPage: FastifyPluginAsyncZod = async (app) => {
  app.get('/orders/:id', {
    schema: {
      hide: true,
      params: OrderParams,
      querystring: OrderPageQuery,
    },
    handler: async (request, reply) => {
      let order: Order;
      let merchantName: string;
      try {
        ({ order, merchantName } = await app.orders.forShopper(request.params.id, request.query.token));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found') {
          return reply
            .code(404)
            .header('content-security-policy', "default-src 'none'")
            .type('text/html; charset=utf-8')
            .send('<!doctype html><meta charset="utf-8"><title>Order not found</title><p>No order matches this link.</p>');
        }
        throw error;
      }
      return (
        reply
          .header('cache-control', 'private, no-store')
          .header('referrer-policy', 'no-referrer')
          .header('x-content-type-options', 'nosniff')
          // No script on this page at all; its one style block is ours.
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
          .type('text/html; charset=utf-8')
          .send(render(order, merchantName, request.query.tz && isTimeZone(request.query.tz) ? request.query.tz : null))
      );
    },
  });
};

export default orderPage;
