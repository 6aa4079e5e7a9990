/**
 * `GET /orders/:id?token=…`: the shopper's order status page, where the widget's "Track your
 * order" link leads. Plain HTML rendered here (no script at all), readable with the order's
 * access token alone, so a link in a confirmation email works too. The JSON is at
 * `GET /v1/orders/:id`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OrderAccessQuery, OrderParams, type Order, type OrderStatus } from '../../../contract/public.js';
import { formatMoney } from '../../../contract/money.js';
import type { Money } from '../../../contract/primitives.js';
import { ApiError } from '../../errors.js';
import { ORDER_STEPS } from '../../orders/status.js';
import { resolveDestination } from '../../promise-service/destination.js';
import { SERVICE_LABELS } from '../../promise-service/options.js';
const STATUS_NAMES: Record<OrderStatus, string> = {
  placed: 'Order placed',
  picked_up: 'Picked up',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const money = (m: Money) => formatMoney(m, 'en-US');

/** The delivery window in the shopper's own zone: "Tue, Mar 10, 4:00 – 8:00 PM". */
function windowText(order: Order): string {
  let timeZone = 'UTC';
  try {
    timeZone = resolveDestination({ postalCode: order.address.postalCode, country: order.address.country }).timeZone;
  } catch {
    // An address the table no longer knows: show the window in UTC rather than fail the page.
  }
  const day = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' });
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  const start = new Date(order.promisedWindow.start);
  const end = new Date(order.promisedWindow.end);
  return `${day.format(start)}, ${time.format(start)} – ${time.format(end)}`;
}

function render(order: Order): string {
  const reached = new Map(order.timeline.map((e) => [e.status, e.at]));
  const steps = order.status === 'cancelled' ? [...ORDER_STEPS.filter((s) => reached.has(s)), 'cancelled' as const] : ORDER_STEPS;
  const timeline = steps
    .map((s) => {
      const at = reached.get(s);
      const when = at ? `<time datetime="${escape(at)}">${escape(new Date(at).toUTCString())}</time>` : '';
      return `<li class="${at ? 'done' : ''}" data-status="${s}"><span>${STATUS_NAMES[s]}</span>${when}</li>`;
    })
    .join('');
  const items = order.items.map((i) => `<tr><td>${escape(i.title)} × ${i.quantity}</td><td>${money(i.lineTotal)}</td></tr>`).join('');
  const from = order.shipments.map((s) => escape(s.nodeName)).join(', ');
  const a = order.address;
  const lede =
    order.status === 'cancelled'
      ? 'This order was cancelled and refunded.'
      : order.status === 'delivered'
        ? 'Delivered.'
        : `${SERVICE_LABELS[order.service]} · arrives ${escape(windowText(order))}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Order ${escape(order.id)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2320;background:#f6f7f6}
main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px}
h1{font-size:1.25rem;margin:0 0 .25rem}ol{list-style:none;padding:0;margin:1.5rem 0}
li{padding:.5rem 0 .5rem 1.75rem;position:relative;color:#6b736f}li time{display:block;font-size:.85em}
li::before{content:"";position:absolute;left:0;top:.85rem;width:.75rem;height:.75rem;border-radius:50%;border:2px solid #b8c0bc}
li.done{color:#1d2320}li.done::before{background:#1f7a4d;border-color:#1f7a4d}
table{width:100%;border-collapse:collapse}td{padding:.25rem 0}td:last-child{text-align:right}
.total td{border-top:1px solid #dde2df;font-weight:600}p.muted{color:#6b736f;font-size:.9em}
@media (prefers-color-scheme:dark){body{background:#111513;color:#e8ece9}main{background:#1b211e}li.done{color:#e8ece9}}
</style></head>
<body><main>
<h1>Order ${escape(order.id)}</h1>
<p>${lede}</p>
<ol>${timeline}</ol>
<table>${items}
<tr><td>Delivery</td><td>${money(order.amounts.shipping)}</td></tr>
<tr class="total"><td>Total</td><td>${money(order.amounts.total)}</td></tr></table>
<p class="muted">To ${escape(a.name)}, ${escape(a.line1)}${a.line2 ? `, ${escape(a.line2)}` : ''}, ${escape(a.city)}, ${escape(a.region)} ${escape(a.postalCode)} · from ${from}</p>
</main></body></html>`;
}

const orderPage: FastifyPluginAsyncZod = async (app) => {
  app.get('/orders/:id', {
    schema: {
      hide: true,
      params: OrderParams,
      querystring: OrderAccessQuery,
    },
    handler: async (request, reply) => {
      let order: Order;
      try {
        order = (await app.orders.forShopper(request.params.id, request.query.token)).order;
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
          .send(render(order))
      );
    },
  });
};

export default orderPage;
