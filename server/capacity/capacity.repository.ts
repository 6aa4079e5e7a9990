/**
 * Capacity: how many orders a node hands over on a service per local day, and which sessions
 * took them (docs/ARCHITECTURE.md, "Capacity"; the model: docs/promise-model.md, "Capacity").
 * The only writer of `capacity_usage` and `capacity_holds`.
 *
 * A hold takes one order of capacity per shipment, in the same transaction as its stock, with a
 * conditional upsert: PostgreSQL re-checks `used < capacity` on the locked row, so concurrent
 * holds in any number of processes never take more than the day has. Rows are touched in one
 * fixed order (node, service, day), always after the stock rows, so holds and releases never
 * deadlock on each other. A service without a capacity is unlimited and costs one read.
 */
import type { Queryable } from '../db/port.js';
import type { Writes } from '../db/writes.js';
import type { ServiceId } from '../promise/index.js';

/** One shipment's claim: a node hands over one order on `service` on its local date `day`. */
export interface CapacityClaim {
  nodeId: string;
  day: string;
}

export interface CapacityUse {
  nodeId: string;
  service: ServiceId;
  date: string;
  used: number;
}

const byNode = (a: CapacityClaim, b: CapacityClaim) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0);

/** Per node (keyed `merchantId/nodeId`), its orders a day per service; nodes without any are absent. */
export type NodeCapacities = Map<string, Map<string, number>>;

/**
 * Takes one order of capacity per claim for a session, or none: returns the first claim whose
 * day is full, and the caller must then roll the transaction back.
 */
export async function holdCapacity(
  tx: Writes,
  merchantId: string,
  sessionId: string,
  service: ServiceId,
  claims: CapacityClaim[],
  known?: NodeCapacities,
): Promise<CapacityClaim | null> {
  const sorted = [...new Map(claims.map((c) => [c.nodeId, c])).values()].sort(byNode);
  const limits =
    known ??
    (await nodesWithCapacity(
      tx,
      sorted.map((c) => ({ merchantId, nodeId: c.nodeId })),
    ));
  const perDay = new Map<string, number>();
  for (const c of sorted) {
    const limit = limits.get(`${merchantId}/${c.nodeId}`)?.get(service);
    if (limit !== undefined) perDay.set(c.nodeId, limit);
  }
  if (perDay.size === 0) return null;
  const taken: CapacityClaim[] = [];
  for (const claim of sorted) {
    const limit = perDay.get(claim.nodeId);
    if (limit === undefined) continue;
    const rows = await tx.query(
      `INSERT INTO capacity_usage AS u (merchant_id, node_id, service, day, used)
       SELECT $1, $2, $3, $4::date, 1 WHERE $5::int >= 1
       ON CONFLICT (merchant_id, node_id, service, day)
       DO UPDATE SET used = u.used + 1, updated_at = now() WHERE u.used < $5::int
       RETURNING used`,
      [merchantId, claim.nodeId, service, claim.day, limit],
    );
    if (rows.length === 0) return claim;
    taken.push(claim);
  }
  if (taken.length > 0) {
    tx.changed({ merchantId, kind: 'capacity', ids: taken.map((c) => c.nodeId) });
    await tx.query(
      `INSERT INTO capacity_holds (session_id, merchant_id, node_id, service, day, status)
       SELECT $1, $2, u.node_id, $3, u.day, 'held' FROM unnest($4::text[], $5::date[]) AS u(node_id, day)
       ON CONFLICT (session_id, node_id) DO UPDATE SET service = EXCLUDED.service, day = EXCLUDED.day, status = 'held', updated_at = now()`,
      [sessionId, merchantId, service, taken.map((c) => c.nodeId), taken.map((c) => c.day)],
    );
  }
  return null;
}

/** Of these nodes, the capacities of those that have any: one read for a whole batch of holds. */
export async function nodesWithCapacity(q: Queryable, nodes: Array<{ merchantId: string; nodeId: string }>): Promise<NodeCapacities> {
  const limited: NodeCapacities = new Map();
  if (nodes.length === 0) return limited;
  const rows = await q.query<{ merchant_id: string; id: string; capacities: Record<string, number> }>(
    `SELECT merchant_id, id, capacities FROM nodes
      WHERE (merchant_id, id) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND capacities <> '{}'::jsonb`,
    [nodes.map((n) => n.merchantId), nodes.map((n) => n.nodeId)],
  );
  for (const r of rows) limited.set(`${r.merchant_id}/${r.id}`, new Map(Object.entries(r.capacities).map(([k, v]) => [k, Number(v)])));
  return limited;
}

/**
 * Gives a session's held capacity back (its hold was released or expired). Exactly once: only
 * rows still `held` move, and the move and the count change share the caller's transaction.
 */
export async function releaseCapacity(tx: Writes, sessionId: string): Promise<number> {
  return giveBack(tx, sessionId, 'held');
}

/**
 * A placed order's capacity given back (the order was cancelled before it was handed over), or
 * only one node's (a shortage took that node's whole parcel elsewhere).
 */
export async function returnCapacity(tx: Writes, sessionId: string, nodeId?: string): Promise<number> {
  return giveBack(tx, sessionId, 'committed', nodeId);
}

/** A paid session keeps what it held: the orders now belong to an order. */
export async function commitCapacity(tx: Writes, sessionId: string): Promise<void> {
  await tx.query(`UPDATE capacity_holds SET status = 'committed', updated_at = now() WHERE session_id = $1 AND status = 'held'`, [
    sessionId,
  ]);
}

async function giveBack(tx: Writes, sessionId: string, from: 'held' | 'committed', nodeId?: string): Promise<number> {
  const rows = await tx.query<{ merchant_id: string; node_id: string; service: string; day: string }>(
    `UPDATE capacity_holds SET status = 'released', updated_at = now()
      WHERE session_id = $1 AND status = $2 AND ($3::text IS NULL OR node_id = $3)
     RETURNING merchant_id, node_id, service, to_char(day, 'YYYY-MM-DD') AS day`,
    [sessionId, from, nodeId ?? null],
  );
  if (rows.length === 0) return 0;
  rows.sort((a, b) => (a.node_id < b.node_id ? -1 : a.node_id > b.node_id ? 1 : 0));
  for (const r of rows) {
    await tx.query(
      `UPDATE capacity_usage SET used = used - 1, updated_at = now()
        WHERE merchant_id = $1 AND node_id = $2 AND service = $3 AND day = $4::date AND used > 0`,
      [r.merchant_id, r.node_id, r.service, r.day],
    );
  }
  tx.changed({ merchantId: rows[0]!.merchant_id, kind: 'capacity', ids: rows.map((r) => r.node_id) });
  return rows.length;
}

/** Orders taken per node, service and day from `fromDate` on: what the promise route must know. */
export async function capacityUsage(q: Queryable, merchantId: string, fromDate: string): Promise<CapacityUse[]> {
  return q.query<CapacityUse>(
    `SELECT node_id AS "nodeId", service, to_char(day, 'YYYY-MM-DD') AS date, used FROM capacity_usage
      WHERE merchant_id = $1 AND day >= $2::date AND used > 0`,
    [merchantId, fromDate],
  );
}
