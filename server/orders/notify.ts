/**
 * What an order's changes tell people, written in the transaction of the change: the shopper's
 * email to the mail outbox, the merchant's webhook events to the webhook outbox. Nothing is sent
 * from here; the outbox workers send it after the commit, so a change and its messages stand or
 * fall together.
 */
import type { Order } from '../../contract/public.js';
import type { WebhookEventType } from '../../contract/fulfilment.js';
import type { Queryable } from '../db/port.js';
import type { Tokens } from '../auth/tokens.js';
import type { MailKind } from '../mail/messages.js';
import type { MailData } from '../mail/render.js';
import { enqueueMail } from '../mail/outbox.repository.js';
import { enqueueWebhook } from '../webhooks/outbox.repository.js';
import { resolveDestination } from '../promise-service/destination.js';
import { orderOut, orderRow, type OrderRow } from './orders.repository.js';
import type { OrderStatus } from './status.js';

export interface NotifyDeps {
  tokens: Tokens;
  /** The merchant's name as shoppers know it. */
  merchantName(merchantId: string): string;
}

export interface NotifyExtra {
  reason?: string | null | undefined;
  place?: string | null | undefined;
  courierName?: string | null | undefined;
  /**
   * A failed delivery tried again the same evening (fulfilment/dispatch.ts): the shopper is told
   * when the driver came and when one comes back instead of "delivery not completed".
   */
  attempt?: { missedAt: string; nextAt: string } | undefined;
}

/** The email each status sends the shopper (none for `ready`: the shopper waits for the pickup). */
const MAIL_FOR: Partial<Record<OrderStatus, MailKind>> = {
  picked_up: 'picked_up',
  out_for_delivery: 'out_for_delivery',
  delivered: 'delivered',
  delivery_failed: 'delivery_failed',
  cancelled: 'cancelled',
};

function zoneOf(row: OrderRow): string {
  try {
    return resolveDestination({ postalCode: row.address.postalCode, country: row.address.country }).timeZone;
  } catch {
    return 'UTC';
  }
}

export function mailData(deps: NotifyDeps, row: OrderRow, extra: NotifyExtra = {}): MailData {
  const money = (amount: string | number) => ({ amount: Number(amount), currency: row.currency });
  return {
    merchantName: deps.merchantName(row.merchant_id),
    orderId: row.id,
    orderNumber: row.number,
    orderPath: `/orders/${encodeURIComponent(row.id)}?token=${encodeURIComponent(deps.tokens.orderAccess(row.id))}`,
    items: row.items.map((i) => ({ title: i.title, quantity: i.quantity, lineTotal: i.lineTotal })),
    shipping: money(row.shipping_minor),
    total: money(row.total_minor),
    window:
      row.revised_window_start && row.revised_window_end
        ? { start: row.revised_window_start, end: row.revised_window_end }
        : { start: row.window_start, end: row.window_end },
    previousWindow: row.promise_change?.previousWindow ?? null,
    timeZone: zoneOf(row),
    place: extra.place ?? row.shipments[0]?.nodeName ?? null,
    courierName: extra.courierName ?? null,
    tracking: row.tracking_number ? { carrier: row.tracking_carrier ?? '', number: row.tracking_number, url: row.tracking_url } : null,
    reason: extra.reason ?? row.cancel_reason ?? null,
    attempt: extra.attempt ?? null,
  };
}

async function mail(tx: Queryable, deps: NotifyDeps, row: OrderRow, kind: MailKind, at: Date, extra?: NotifyExtra): Promise<void> {
  await enqueueMail(tx, {
    merchantId: row.merchant_id,
    orderId: row.id,
    kind,
    to: row.email,
    locale: row.locale,
    data: mailData(deps, row, extra),
    now: at,
  });
}

async function hook(tx: Queryable, row: OrderRow, type: WebhookEventType, data: Record<string, unknown>, at: Date): Promise<void> {
  await enqueueWebhook(tx, { merchantId: row.merchant_id, type, orderId: row.id, data, now: at });
}

/** Reads the order as it is now in this transaction, for the message payloads. */
async function current(tx: Queryable, orderId: string, at: Date): Promise<{ row: OrderRow; order: Order }> {
  const row = (await orderRow(tx, orderId, null))!;
  return { row, order: await orderOut(tx, row, at.getTime()) };
}

export async function notifyPlaced(tx: Queryable, deps: NotifyDeps, orderId: string, at: Date): Promise<void> {
  const { row, order } = await current(tx, orderId, at);
  await mail(tx, deps, row, 'confirmation', at);
  await hook(tx, row, 'order.placed', { order }, at);
}

export async function notifyStatus(
  tx: Queryable,
  deps: NotifyDeps,
  orderId: string,
  from: OrderStatus,
  to: OrderStatus,
  at: Date,
  extra: NotifyExtra = {},
): Promise<void> {
  const { row, order } = await current(tx, orderId, at);
  await hook(tx, row, 'order.status_changed', { orderId, from, to, order }, at);
  if (to === 'cancelled') await hook(tx, row, 'order.cancelled', { orderId, reason: row.cancel_reason, order }, at);
  const kind = to === 'delivery_failed' && extra.attempt ? 'second_attempt' : MAIL_FOR[to];
  if (kind) await mail(tx, deps, row, kind, at, extra);
}

export async function notifyRefunded(tx: Queryable, orderId: string, at: Date): Promise<void> {
  const { row, order } = await current(tx, orderId, at);
  await hook(tx, row, 'order.refunded', { orderId, amount: order.amounts.total, reason: row.cancel_reason, order }, at);
}

/** The parcel will arrive after the promised window: the shopper gets the new window, the merchant an alert. */
export async function notifyLate(
  tx: Queryable,
  deps: NotifyDeps,
  orderId: string,
  at: Date,
  how: { newWindow: { start: string; end: string } | null; reason: string },
): Promise<void> {
  const row = await lateHook(tx, orderId, at, how.reason);
  if (how.newWindow) await mail(tx, deps, row, 'delayed', at);
}

/** Tells the merchant an order runs late (`order.delivery_late`); returns the order's row as it now is. */
async function lateHook(tx: Queryable, orderId: string, at: Date, reason: string): Promise<OrderRow> {
  const { row, order } = await current(tx, orderId, at);
  await hook(
    tx,
    row,
    'order.delivery_late',
    { orderId, promisedWindow: order.promisedWindow, expectedWindow: order.fulfilment.expectedWindow, reason, order },
    at,
  );
  return row;
}

/**
 * No driver took a same-day parcel, posted twice: the merchant is alerted (`notifyLate`) and sends
 * it another way; the shopper is told in words that it will not come as promised.
 */
export async function notifyNoDriver(tx: Queryable, deps: NotifyDeps, orderId: string, at: Date, reason: string): Promise<void> {
  await mail(tx, deps, await lateHook(tx, orderId, at, reason), 'no_driver', at, { reason });
}
