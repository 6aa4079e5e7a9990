/**
 * `stock.low`: after a write that takes stock away (an order placed, on-hand set, a shortage),
 * any (node, SKU) it touched whose available units fell to the threshold or below is reported
 * once, in the same transaction; it is reported again only after it has been above the
 * threshold in between.
 */
import type { Queryable } from '../db/port.js';
import { enqueueWebhook } from './outbox.repository.js';

/** Available units at or below which a level counts as low. */
export const LOW_STOCK_THRESHOLD = 2;

export async function reportLowStock(
  tx: Queryable,
  merchantId: string,
  pairs: ReadonlyArray<{ nodeId: string; sku: string }>,
  now: Date,
): Promise<void> {
  if (pairs.length === 0) return;
  const levels = await tx.query<{ node_id: string; sku: string; on_hand: number; reserved: number; was_low: boolean | null }>(
    `SELECT i.node_id, i.sku, i.on_hand, i.reserved, a.low AS was_low
       FROM inventory_levels i
       JOIN unnest($2::text[], $3::text[]) AS u(node_id, sku) ON i.node_id = u.node_id AND i.sku = u.sku
       LEFT JOIN stock_alerts a ON a.merchant_id = i.merchant_id AND a.node_id = i.node_id AND a.sku = i.sku
      WHERE i.merchant_id = $1
      ORDER BY i.node_id, i.sku`,
    [merchantId, pairs.map((p) => p.nodeId), pairs.map((p) => p.sku)],
  );
  for (const l of levels) {
    const available = l.on_hand - l.reserved;
    const low = available <= LOW_STOCK_THRESHOLD;
    if (low === (l.was_low ?? false)) continue;
    await tx.query(
      `INSERT INTO stock_alerts (merchant_id, node_id, sku, low, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (merchant_id, node_id, sku) DO UPDATE SET low = EXCLUDED.low, updated_at = EXCLUDED.updated_at`,
      [merchantId, l.node_id, l.sku, low, now],
    );
    if (low) {
      await enqueueWebhook(tx, {
        merchantId,
        type: 'stock.low',
        orderId: null,
        data: { nodeId: l.node_id, sku: l.sku, onHand: l.on_hand, reserved: l.reserved, available, threshold: LOW_STOCK_THRESHOLD },
        now,
      });
    }
  }
}
