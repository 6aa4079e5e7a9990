/**
 * SQL for stock levels. This module sets `on_hand` only; `reserved` changes only through
 * reservations (`reservations.ts`), so that the invariant reserved <= on_hand has one writer per
 * column and the CHECK constraint is the last line of defence. Writes record their stock notice
 * on the `Writes` transaction (docs/ARCHITECTURE.md, "Live stock").
 */
import type { Queryable } from '../db/port.js';
import type { Writes } from '../db/writes.js';
import type { NodeKind } from '../promise/index.js';

export interface LevelRow {
  nodeId: string;
  sku: string;
  onHand: number;
  reserved: number;
}

export interface LevelInput {
  nodeId: string;
  sku: string;
  onHand: number;
}

/** Rows whose new on-hand would fall below what is already reserved, locked until commit. */
export async function levelsBelowReserved(q: Queryable, merchantId: string, levels: LevelInput[]): Promise<LevelRow[]> {
  const rows = await q.query<{ node_id: string; sku: string; on_hand: number; reserved: number }>(
    `SELECT i.node_id, i.sku, u.on_hand, i.reserved
       FROM inventory_levels i
       JOIN unnest($2::text[], $3::text[], $4::int[]) AS u(node_id, sku, on_hand)
         ON i.node_id = u.node_id AND i.sku = u.sku
      WHERE i.merchant_id = $1 AND i.reserved > u.on_hand
      ORDER BY i.node_id, i.sku
      FOR UPDATE OF i`,
    [merchantId, levels.map((l) => l.nodeId), levels.map((l) => l.sku), levels.map((l) => l.onHand)],
  );
  return rows.map((r) => ({ nodeId: r.node_id, sku: r.sku, onHand: r.on_hand, reserved: r.reserved }));
}

/**
 * Sets on-hand for many (node, SKU) pairs in one statement; reserved is left as it is.
 * `keepReserved` raises on-hand to what is reserved instead of failing (the idempotent seed).
 */
export async function upsertOnHand(q: Writes, merchantId: string, levels: LevelInput[], keepReserved = false): Promise<number> {
  q.changed({ merchantId, kind: 'stock', ids: [...new Set(levels.map((l) => l.sku))] });
  const rows = await q.query<{ sku: string }>(
    `INSERT INTO inventory_levels (merchant_id, node_id, sku, on_hand)
     SELECT $1, u.node_id, u.sku, u.on_hand FROM unnest($2::text[], $3::text[], $4::int[]) AS u(node_id, sku, on_hand)
     ON CONFLICT (merchant_id, node_id, sku) DO UPDATE SET
       on_hand = CASE WHEN $5::boolean THEN GREATEST(EXCLUDED.on_hand, inventory_levels.reserved) ELSE EXCLUDED.on_hand END,
       updated_at = now()
     RETURNING sku`,
    [merchantId, levels.map((l) => l.nodeId), levels.map((l) => l.sku), levels.map((l) => l.onHand), keepReserved],
  );
  return rows.length;
}

export async function levelsForMerchant(q: Queryable, merchantId: string, skus?: string[]): Promise<LevelRow[]> {
  const rows = await q.query<{ node_id: string; sku: string; on_hand: number; reserved: number }>(
    skus
      ? `SELECT node_id, sku, on_hand, reserved FROM inventory_levels WHERE merchant_id = $1 AND sku = ANY($2::text[])`
      : `SELECT node_id, sku, on_hand, reserved FROM inventory_levels WHERE merchant_id = $1`,
    skus ? [merchantId, skus] : [merchantId],
  );
  return rows.map((r) => ({ nodeId: r.node_id, sku: r.sku, onHand: r.on_hand, reserved: r.reserved }));
}

export interface SkuLevel extends LevelRow {
  nodeName: string;
  nodeKind: NodeKind;
}

export async function levelsForSku(q: Queryable, merchantId: string, sku: string): Promise<SkuLevel[]> {
  const rows = await q.query<{ node_id: string; sku: string; on_hand: number; reserved: number; name: string; kind: NodeKind }>(
    `SELECT i.node_id, i.sku, i.on_hand, i.reserved, n.name, n.kind
       FROM inventory_levels i JOIN nodes n ON n.merchant_id = i.merchant_id AND n.id = i.node_id
      WHERE i.merchant_id = $1 AND i.sku = $2 ORDER BY i.node_id`,
    [merchantId, sku],
  );
  return rows.map((r) => ({ nodeId: r.node_id, sku: r.sku, onHand: r.on_hand, reserved: r.reserved, nodeName: r.name, nodeKind: r.kind }));
}
