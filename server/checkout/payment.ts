/**
 * Step 4 of a checkout: the payment is created only after the hold committed, so no call to the
 * provider happens while stock rows are locked. Its compensation sits beside it: when creating
 * the payment fails, the session ends and its hold is released.
 */
import { ApiError } from '../errors.js';
import type { Merchant } from '../merchants/merchant.js';
import { releaseStock } from '../inventory/reservations.js';
import { releaseCapacity } from '../capacity/capacity.repository.js';
import type { CheckoutDeps } from './deps.js';
import type { CreatedPayment } from '../payments/provider.js';
import { sessionRow, setPayment, setSessionStatus, type KeyAnswer } from './sessions.repository.js';

/**
 * Creates the payment and records it on the session. `answer`, given the payment, is the answer
 * to store for the session's Idempotency-Key in the same statement (the session as the shopper
 * will receive it).
 */
export async function startPayment(
  deps: CheckoutDeps,
  merchant: Merchant,
  sessionId: string,
  total: number,
  email: string,
  answer?: (payment: CreatedPayment) => KeyAnswer,
): Promise<CreatedPayment> {
  try {
    const payment = await deps.payments.create({ sessionId, merchantId: merchant.id, amount: total, currency: merchant.currency, email });
    await setPayment(deps.db, sessionId, payment.ref, payment.clientSecret, answer?.(payment));
    return payment;
  } catch (error) {
    deps.log.error({ err: error, sessionId }, 'creating the payment failed; releasing the hold');
    await endSession(deps, sessionId, 'cancelled', 'the payment could not be started');
    throw new ApiError('unavailable', 'Payments are unavailable right now. Nothing was charged; please try again in a moment.');
  }
}

/** Ends an open session and releases its hold; a session in any other state is left alone. */
export async function endSession(deps: CheckoutDeps, sessionId: string, status: 'expired' | 'cancelled', reason: string): Promise<boolean> {
  return deps.changes.transaction(deps.db, async (tx) => {
    const row = await sessionRow(tx, sessionId, true);
    if (!row || row.status !== 'open') return false;
    await releaseStock(tx, sessionId);
    await releaseCapacity(tx, sessionId);
    await setSessionStatus(tx, sessionId, status, reason);
    return true;
  });
}
