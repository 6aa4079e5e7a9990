/**
 * Step 5 of a checkout: a paid session becomes an order, exactly once however often or late the
 * payment is reported. The hold is committed; a payment that lands after its hold lapsed takes
 * the stock directly if it is still there, and is refunded if not. A payment that lands after
 * its option's order-by keeps its window only if the network can still make it; else the order
 * takes the current window of the same service and says why, or is refunded, as the merchant
 * chooses (docs/promise-model.md, "A promise is kept at payment too").
 */
import { commitStock, releasedLines, releaseStock, takeStockDirectly } from '../inventory/reservations.js';
import { commitCapacity, holdCapacity, releaseCapacity } from '../capacity/capacity.repository.js';
import { latePaymentOf } from '../merchants/merchants.repository.js';
import type { PromiseOption } from '../promise/index.js';
import type { Order } from '../../contract/public.js';
import { insertOrder, newOrderId, orderIdForSession } from '../orders/orders.repository.js';
import type { PaymentEvent } from '../payments/provider.js';
import type { CheckoutDeps } from './deps.js';
import { endSession } from './payment.js';
import { sessionRow, setFailure, setSessionStatus, type SessionRow } from './sessions.repository.js';

/** A re-promised day that filled up while the payment was being placed: nothing is written. */
class FullAtPayment extends Error {}

type Kept = { option: PromiseOption; change: Order['promiseChange'] } | { refund: string };

/**
 * Whether the held option's window still stands for a payment arriving now: the option itself
 * before its order-by; after it, the window its nodes can make now, if no later; else the
 * merchant's choice of the current window (with the reason) or a refund.
 */
async function keptAtPayment(deps: CheckoutDeps, tx: Parameters<typeof latePaymentOf>[0], row: SessionRow): Promise<Kept> {
  const held = row.option;
  if (deps.clock() <= held.orderByMs) return { option: held, change: null };
  const now = deps.promises.replan(row.merchant_id, held, row.address);
  if (now && now.windowEndMs <= held.windowEndMs) return { option: held, change: null };
  const late = `The payment arrived after ${held.orderBy}, the last moment for the window shown (${held.window.start} – ${held.window.end})`;
  if (!now) return { refund: `${late}, and the same place can no longer deliver it; the payment is refunded` };
  if ((await latePaymentOf(tx, row.merchant_id)) === 'refund') {
    return { refund: `${late}; the shop refunds late payments rather than change the window` };
  }
  return {
    option: {
      ...held,
      window: now.window,
      windowStartMs: now.windowStartMs,
      windowEndMs: now.windowEndMs,
      orderBy: now.window.start,
      orderByMs: now.orderByMs,
      shipments: held.shipments.map((s, i) => ({ ...s, pickDay: now.pickDays[i] ?? s.pickDay })),
    },
    change: { previousWindow: held.window, reason: `${late}; the earliest window now is ${now.window.start} – ${now.window.end}` },
  };
}

export type PlaceOutcome =
  | { kind: 'placed'; orderId: string; alreadyPlaced: boolean }
  /** `late`: refunded because the window could no longer be made, not for want of stock. */
  | { kind: 'refunded'; reason: string; late?: boolean }
  | { kind: 'unknown_session' };

export async function placeOrder(deps: CheckoutDeps, sessionId: string, paymentRef: string | null): Promise<PlaceOutcome> {
  const { db, changes, payments, log, clock } = deps;
  const place = () =>
    changes.transaction(db, async (tx): Promise<PlaceOutcome> => {
      const row = await sessionRow(tx, sessionId, true);
      if (!row) return { kind: 'unknown_session' };
      if (row.status === 'completed') {
        return { kind: 'placed', orderId: (await orderIdForSession(tx, sessionId))!, alreadyPlaced: true };
      }
      const kept = await keptAtPayment(deps, tx, row);
      if ('refund' in kept) {
        if (row.status === 'open') {
          await releaseStock(tx, sessionId);
          await releaseCapacity(tx, sessionId);
          await setSessionStatus(tx, sessionId, 'cancelled', kept.refund);
        }
        await setFailure(tx, sessionId, kept.refund);
        return { kind: 'refunded', reason: kept.refund, late: true };
      }
      const { option } = kept;
      const claims = option.shipments.map((s) => ({ nodeId: s.nodeId, day: s.pickDay }));
      if (row.status === 'open') {
        await commitStock(tx, sessionId);
        if (kept.change) {
          // The order now leaves on another day: its place moves to that day, if it has room.
          await releaseCapacity(tx, sessionId);
          if (await holdCapacity(tx, row.merchant_id, sessionId, option.service, claims)) throw new FullAtPayment();
        }
      } else {
        const short = await takeStockDirectly(tx, row.merchant_id, sessionId, await releasedLines(tx, sessionId));
        if (short) {
          const reason = `Paid after the hold on ${short.sku} lapsed, and it has sold out since; the payment is refunded`;
          await setFailure(tx, sessionId, reason);
          return { kind: 'refunded', reason };
        }
        if (await holdCapacity(tx, row.merchant_id, sessionId, option.service, claims)) throw new FullAtPayment();
      }
      await commitCapacity(tx, sessionId);
      const orderId = newOrderId();
      const placedAt = new Date(clock());
      // The order number is drawn inside this transaction, so an order never exists without one.
      await insertOrder(tx, {
        id: orderId,
        merchantId: row.merchant_id,
        sessionId,
        email: row.email,
        address: row.address,
        items: row.items,
        service: row.service,
        shipments: option.shipments.map(({ pickDay: _pickDay, ...shipment }) => shipment),
        window: option.window,
        promiseChange: kept.change,
        currency: row.currency,
        subtotal: row.subtotal_minor,
        shipping: row.shipping_minor,
        total: row.total_minor,
        paymentProvider: row.payment_provider,
        paymentRef: paymentRef ?? row.payment_ref,
        placedAt,
        locale: row.locale,
      });
      await setSessionStatus(tx, sessionId, 'completed', null);
      await deps.onOrderPlaced?.(tx, { orderId, session: { ...row, option }, placedAt });
      return { kind: 'placed', orderId, alreadyPlaced: false };
    });
  let outcome: PlaceOutcome;
  try {
    outcome = await place();
  } catch (error) {
    if (!(error instanceof FullAtPayment)) throw error;
    // Nothing was written: give back what the session holds and refund.
    const reason = 'The payment arrived too late for the window shown, and the next one filled up meanwhile; the payment is refunded';
    await endSession(deps, sessionId, 'cancelled', reason);
    await setFailure(db, sessionId, reason);
    outcome = { kind: 'refunded', reason, late: true };
  }
  if (outcome.kind === 'refunded') {
    const ref = paymentRef ?? (await sessionRow(db, sessionId))?.payment_ref;
    if (ref) await payments.refund(ref).catch((err: unknown) => log.error({ err, sessionId }, 'refund failed; refund it by hand'));
  }
  return outcome;
}

/**
 * Why a verified event does not belong to the session it names, or null when it does: the
 * payment must be the one created for the session and, for a success, for its exact total and
 * currency. A valid signature proves Stripe sent it, not that it pays for this session (another
 * integration on the same account can set the same metadata, an amount can change in Stripe).
 */
function mismatch(row: SessionRow, event: PaymentEvent): string | null {
  if (row.payment_ref === null || event.ref !== row.payment_ref) return `payment ${event.ref} is not the session's (${row.payment_ref})`;
  if (event.kind !== 'succeeded') return null;
  if (event.amount !== Number(row.total_minor)) return `amount ${event.amount} is not the session's total ${row.total_minor}`;
  if (event.currency !== row.currency.toUpperCase()) return `currency ${event.currency} is not the session's ${row.currency}`;
  return null;
}

/**
 * Applies a verified payment event once: success places the order, cancellation releases the
 * hold, failure records why (the shopper may retry until the hold expires). An event that does
 * not match its session changes nothing but the record that it was seen (and a log line).
 */
export async function applyPaymentEvent(deps: CheckoutDeps, event: PaymentEvent): Promise<'applied' | 'duplicate' | 'ignored'> {
  const { db } = deps;
  const seen = await db.query(`SELECT 1 FROM payment_events WHERE event_id = $1`, [event.id]);
  if (seen.length > 0) return 'duplicate';
  let result: 'applied' | 'ignored' = 'ignored';
  let sessionId = event.sessionId;
  if (sessionId && event.kind !== 'other') {
    const row = await sessionRow(db, sessionId);
    const wrong = row ? mismatch(row, event) : null;
    if (wrong) {
      deps.log.error({ eventId: event.id, type: event.type, sessionId }, `payment event does not match its checkout session: ${wrong}`);
      sessionId = null;
    }
  }
  if (sessionId) {
    if (event.kind === 'succeeded') {
      const outcome = await placeOrder(deps, sessionId, event.ref);
      result = outcome.kind === 'unknown_session' ? 'ignored' : 'applied';
    } else if (event.kind === 'canceled') {
      await endSession(deps, sessionId, 'cancelled', 'the payment was cancelled');
      result = 'applied';
    } else if (event.kind === 'failed') {
      await setFailure(db, sessionId, event.failureMessage ?? 'The payment failed', true);
      result = 'applied';
    }
  }
  await db.query(`INSERT INTO payment_events (event_id, type) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING`, [event.id, event.type]);
  return result;
}
