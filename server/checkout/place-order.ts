/**
 * Step 5 of a checkout: a paid session becomes an order, exactly once however often or late the
 * payment is reported. The hold is committed; a payment that lands after its hold lapsed takes
 * the stock directly if it is still there, and is refunded if not.
 */
import { commitStock, releasedLines, takeStockDirectly } from '../inventory/reservations.js';
import { commitCapacity } from '../capacity/capacity.repository.js';
import { insertOrder, newOrderId, orderIdForSession } from '../orders/orders.repository.js';
import type { PaymentEvent } from '../payments/provider.js';
import type { CheckoutDeps } from './deps.js';
import { endSession } from './payment.js';
import { sessionRow, setFailure, setSessionStatus, type SessionRow } from './sessions.repository.js';

export type PlaceOutcome =
  { kind: 'placed'; orderId: string; alreadyPlaced: boolean } | { kind: 'refunded'; reason: string } | { kind: 'unknown_session' };

export async function placeOrder(deps: CheckoutDeps, sessionId: string, paymentRef: string | null): Promise<PlaceOutcome> {
  const { db, changes, payments, log, clock } = deps;
  const outcome = await changes.transaction(db, async (tx): Promise<PlaceOutcome> => {
    const row = await sessionRow(tx, sessionId, true);
    if (!row) return { kind: 'unknown_session' };
    if (row.status === 'completed') {
      return { kind: 'placed', orderId: (await orderIdForSession(tx, sessionId))!, alreadyPlaced: true };
    }
    if (row.status === 'open') {
      await commitStock(tx, sessionId);
      await commitCapacity(tx, sessionId);
    } else {
      const short = await takeStockDirectly(tx, row.merchant_id, sessionId, await releasedLines(tx, sessionId));
      if (short) {
        const reason = `Paid after the hold on ${short.sku} lapsed, and it has sold out since; the payment is refunded`;
        await setFailure(tx, sessionId, reason);
        return { kind: 'refunded', reason };
      }
    }
    const orderId = newOrderId();
    const placedAt = new Date(clock());
    await insertOrder(tx, {
      id: orderId,
      merchantId: row.merchant_id,
      sessionId,
      email: row.email,
      address: row.address,
      items: row.items,
      service: row.service,
      shipments: row.option.shipments,
      window: row.option.window,
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
    await deps.onOrderPlaced?.(tx, { orderId, session: row, placedAt });
    return { kind: 'placed', orderId, alreadyPlaced: false };
  });
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
