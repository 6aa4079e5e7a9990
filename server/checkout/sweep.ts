/**
 * Releasing holds whose time ran out, and forgetting idempotency keys older than a day. Each
 * batch locks its sessions with SKIP LOCKED, so any number of processes can sweep at once
 * without releasing a hold twice.
 */
import { releaseStock } from '../inventory/reservations.js';
import { releaseCapacity } from '../capacity/capacity.repository.js';
import type { CheckoutDeps } from './deps.js';
import { purgeIdempotencyKeys } from './idempotency.js';
import { expiredSessions, setSessionStatus } from './sessions.repository.js';

const SWEEP_BATCH = 100;

/** Sweeps until no expired hold is left; returns how many sessions it expired. */
export async function sweep(deps: CheckoutDeps): Promise<number> {
  const { db, changes, payments, log, clock } = deps;
  await purgeIdempotencyKeys(db, clock());
  let total = 0;
  for (;;) {
    const expired = await changes.transaction(db, async (tx) => {
      const rows = await expiredSessions(tx, clock(), SWEEP_BATCH);
      for (const row of rows) {
        await releaseStock(tx, row.id);
        await releaseCapacity(tx, row.id);
        await setSessionStatus(tx, row.id, 'expired', 'the hold expired');
      }
      return rows;
    });
    total += expired.length;
    if (payments.name === 'stripe') {
      for (const row of expired) {
        // A payment that lands anyway is placed from stock if it is still there, else refunded.
        if (row.payment_ref) {
          await payments
            .cancel(row.payment_ref)
            .catch((err: unknown) => log.warn({ err, sessionId: row.id }, 'could not cancel the PaymentIntent'));
        }
      }
    }
    if (expired.length < SWEEP_BATCH) return total;
  }
}
