/**
 * Stock corrections found at the shelf (docs/ARCHITECTURE.md, "Invariants"): an order's
 * committed units that were not really there move to another place, or are written off. Never
 * touches `reserved` (only `reservations.ts` does); changes `on_hand` and the order's committed
 * reservation rows together, so that cancelling the order later returns only units it really
 * took. Records its stock notices like every writer.
 */
import type { Writes } from '../db/writes.js';

/**
 * Moves `quantity` committed units of `sku` of a session from `fromNode` to `toNode`, taking them
 * from `toNode`'s available stock; or, with `toNode` null, writes them off. False (and nothing
 * written) when `toNode` does not have them available.
 */
export async function moveCommitted(
  tx: Writes,
  merchantId: string,
  sessionId: string,
  sku: string,
  quantity: number,
  fromNode: string,
  toNode: string | null,
): Promise<boolean> {
  if (toNode) {
    tx.changed({ merchantId, kind: 'stock', ids: [sku] });
    const taken = await tx.query(
      `UPDATE inventory_levels SET on_hand = on_hand - $4, updated_at = now()
        WHERE merchant_id = $1 AND node_id = $2 AND sku = $3 AND on_hand - reserved >= $4 RETURNING 1`,
      [merchantId, toNode, sku, quantity],
    );
    if (taken.length === 0) return false;
    await tx.query(
      `INSERT INTO reservations (session_id, merchant_id, node_id, sku, quantity, status) VALUES ($1, $2, $3, $4, $5, 'committed')
       ON CONFLICT (session_id, node_id, sku) DO UPDATE SET quantity = reservations.quantity + EXCLUDED.quantity, status = 'committed', updated_at = now()`,
      [sessionId, merchantId, toNode, sku, quantity],
    );
  }
  // Delete first: a row just decremented to the quantity must not then count as used up.
  await tx.query(
    `DELETE FROM reservations WHERE session_id = $1 AND node_id = $2 AND sku = $3 AND status = 'committed' AND quantity <= $4`,
    [sessionId, fromNode, sku, quantity],
  );
  await tx.query(
    `UPDATE reservations SET quantity = quantity - $4, updated_at = now()
      WHERE session_id = $1 AND node_id = $2 AND sku = $3 AND status = 'committed' AND quantity > $4`,
    [sessionId, fromNode, sku, quantity],
  );
  return true;
}
