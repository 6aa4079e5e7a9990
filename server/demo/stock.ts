/** The demo merchant page's view of stock: every node with its levels (read only). */
import type { Queryable } from '../db/port.js';

export interface DemoNodeStock {
  id: string;
  name: string;
  kind: string;
  levels: Array<{ sku: string; title: string; onHand: number; reserved: number; available: number }>;
}

export async function demoStock(q: Queryable, merchantId: string): Promise<DemoNodeStock[]> {
  const rows = await q.query<{
    node_id: string;
    name: string;
    kind: string;
    sku: string;
    title: string;
    on_hand: number;
    reserved: number;
  }>(
    `SELECT n.id AS node_id, n.name, n.kind, i.sku, p.title, i.on_hand, i.reserved
       FROM nodes n
       JOIN inventory_levels i ON i.merchant_id = n.merchant_id AND i.node_id = n.id
       JOIN products p ON p.merchant_id = i.merchant_id AND p.sku = i.sku
      WHERE n.merchant_id = $1
      ORDER BY n.name, i.sku`,
    [merchantId],
  );
  const nodes = new Map<string, DemoNodeStock>();
  for (const r of rows) {
    let node = nodes.get(r.node_id);
    if (!node) nodes.set(r.node_id, (node = { id: r.node_id, name: r.name, kind: r.kind, levels: [] }));
    node.levels.push({ sku: r.sku, title: r.title, onHand: r.on_hand, reserved: r.reserved, available: r.on_hand - r.reserved });
  }
  return [...nodes.values()];
}
