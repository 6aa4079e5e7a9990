/**
 * Reservations: the only code that writes `inventory_levels.reserved` (docs/ARCHITECTURE.md,
 * "Invariants"). Every function here runs inside the caller's transaction and touches inventory
 * rows in one fixed order (node, SKU), so concurrent checkouts never deadlock on each other, and
 * records the stock notice for what it changed.
 *
 * A hold is a conditional `UPDATE … WHERE on_hand - reserved >= quantity`: PostgreSQL re-checks
 * the condition on the locked row, so two checkouts cannot both take the last unit, whatever
 * the number of processes. Many holds at once (`allocateStock` then `reserveStock`, one
 * transaction for a batch of checkouts: docs/ARCHITECTURE.md, "Holds in batches") lock every row
 * they touch first, in the same order, and decide under those locks.
 */
import type { Queryable } from '../db/port.js';
import type { Writes } from '../db/writes.js';

export interface StockLine {
  nodeId: string;
  sku: string;
  quantity: number;
}

/** Lines merged per (node, SKU) and sorted into the one lock order. */
function ordered(lines: StockLine[]): StockLine[] {
  const merged = new Map<string, StockLine>();
  for (const l of lines) {
    const key = `${l.nodeId}\u0000${l.sku}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, quantity: seen.quantity + l.quantity } : { ...l });
  }
  return [...merged.values()].sort((a, b) =>
    a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0,
  );
}

const skusOf = (lines: ReadonlyArray<{ sku: string }>) => [...new Set(lines.map((l) => l.sku))];

/**
 * Holds every line for a session, or none: returns the first line that could not be held, and
 * the caller must then roll the transaction back.
 */
export async function holdStock(tx: Writes, merchantId: string, sessionId: string, lines: StockLine[]): Promise<StockLine | null> {
  const sorted = ordered(lines);
  tx.changed({ merchantId, kind: 'stock', ids: skusOf(sorted) });
  for (const line of sorted) {
    const held = await tx.query(
      `UPDATE inventory_levels SET reserved = reserved + $4, updated_at = now()
        WHERE merchant_id = $1 AND node_id = $2 AND sku = $3 AND on_hand - reserved >= $4
        RETURNING 1`,
      [merchantId, line.nodeId, line.sku, line.quantity],
    );
    if (held.length === 0) return line;
  }
  await tx.query(
    `INSERT INTO reservations (session_id, merchant_id, node_id, sku, quantity, status)
     SELECT $1, $2, u.node_id, u.sku, u.quantity, 'held'
       FROM unnest($3::text[], $4::text[], $5::int[]) AS u(node_id, sku, quantity)`,
    [sessionId, merchantId, sorted.map((l) => l.nodeId), sorted.map((l) => l.sku), sorted.map((l) => l.quantity)],
  );
  return null;
}

/** Stock a checkout session asks to hold: every line or none. */
export interface HoldRequest {
  merchantId: string;
  sessionId: string;
  lines: StockLine[];
}

const rowKey = (merchantId: string, nodeId: string, sku: string) => `${merchantId}\u0000${nodeId}\u0000${sku}`;

/**
 * Locks the inventory rows of every request (one statement, in the one lock order: merchant,
 * node, SKU) and decides, in the order given, which requests get all their lines from what is
 * available. Writes nothing: the caller passes the granted requests to `reserveStock` in the same
 * transaction, while the rows are still locked. Returns the indexes of the granted requests.
 */
export async function allocateStock(tx: Writes, requests: HoldRequest[]): Promise<number[]> {
  const wanted = new Map<string, { merchantId: string; nodeId: string; sku: string }>();
  for (const r of requests) for (const l of r.lines) wanted.set(rowKey(r.merchantId, l.nodeId, l.sku), { merchantId: r.merchantId, ...l });
  const keys = [...wanted.values()];
  const rows = await tx.query<{ merchant_id: string; node_id: string; sku: string; available: number }>(
    `SELECT merchant_id, node_id, sku, on_hand - reserved AS available FROM inventory_levels
      WHERE (merchant_id, node_id, sku) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))
      ORDER BY merchant_id, node_id, sku FOR UPDATE`,
    [keys.map((k) => k.merchantId), keys.map((k) => k.nodeId), keys.map((k) => k.sku)],
  );
  const available = new Map(rows.map((r) => [rowKey(r.merchant_id, r.node_id, r.sku), Number(r.available)]));
  const granted: number[] = [];
  requests.forEach((r, index) => {
    const lines = ordered(r.lines);
    const fits = lines.every((l) => (available.get(rowKey(r.merchantId, l.nodeId, l.sku)) ?? 0) >= l.quantity);
    if (!fits) return;
    for (const l of lines) {
      const k = rowKey(r.merchantId, l.nodeId, l.sku);
      available.set(k, available.get(k)! - l.quantity);
    }
    granted.push(index);
  });
  return granted;
}

/**
 * Holds the stock of requests `allocateStock` granted in this transaction: one conditional
 * `UPDATE` for all their rows and one insert of their reservations. Throws (and the caller's
 * transaction rolls back) if a row no longer has the units, which the locks make impossible.
 */
export async function reserveStock(tx: Writes, requests: HoldRequest[]): Promise<void> {
  if (requests.length === 0) return;
  const perRow = new Map<string, { merchantId: string; nodeId: string; sku: string; quantity: number }>();
  const reservations: Array<{ sessionId: string; merchantId: string } & StockLine> = [];
  for (const r of requests) {
    for (const l of ordered(r.lines)) {
      reservations.push({ sessionId: r.sessionId, merchantId: r.merchantId, ...l });
      const k = rowKey(r.merchantId, l.nodeId, l.sku);
      const seen = perRow.get(k);
      perRow.set(k, { merchantId: r.merchantId, nodeId: l.nodeId, sku: l.sku, quantity: (seen?.quantity ?? 0) + l.quantity });
    }
  }
  const byMerchant = new Map<string, Set<string>>();
  for (const row of perRow.values()) byMerchant.set(row.merchantId, (byMerchant.get(row.merchantId) ?? new Set()).add(row.sku));
  for (const [merchantId, skus] of byMerchant) tx.changed({ merchantId, kind: 'stock', ids: [...skus] });
  const rows = [...perRow.values()];
  const held = await tx.query(
    `UPDATE inventory_levels i SET reserved = i.reserved + u.quantity, updated_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS u(merchant_id, node_id, sku, quantity)
      WHERE i.merchant_id = u.merchant_id AND i.node_id = u.node_id AND i.sku = u.sku AND i.on_hand - i.reserved >= u.quantity
      RETURNING 1`,
    [rows.map((r) => r.merchantId), rows.map((r) => r.nodeId), rows.map((r) => r.sku), rows.map((r) => r.quantity)],
  );
  if (held.length !== rows.length) throw new Error('stock changed under a lock: a hold was allocated more than was there');
  await tx.query(
    `INSERT INTO reservations (session_id, merchant_id, node_id, sku, quantity, status)
     SELECT u.session_id, u.merchant_id, u.node_id, u.sku, u.quantity, 'held'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS u(session_id, merchant_id, node_id, sku, quantity)`,
    [
      reservations.map((r) => r.sessionId),
      reservations.map((r) => r.merchantId),
      reservations.map((r) => r.nodeId),
      reservations.map((r) => r.sku),
      reservations.map((r) => r.quantity),
    ],
  );
}

type Transition = 'commit' | 'release' | 'return';

const TRANSITIONS: Record<Transition, { from: string; to: string; onHand: string; reserved: string }> = {
  // Paid: the units leave the shelf and stop being held.
  commit: { from: 'held', to: 'committed', onHand: '- r.quantity', reserved: '- r.quantity' },
  // Not paid in time, or cancelled before payment: the hold goes away.
  release: { from: 'held', to: 'released', onHand: '', reserved: '- r.quantity' },
  // An order was cancelled: the units go back on the shelf.
  return: { from: 'committed', to: 'returned', onHand: '+ r.quantity', reserved: '' },
};

/**
 * Moves a session's reservations from one state to the next and adjusts stock to match.
 * Returns how many lines moved (0 when the session had none in the `from` state).
 */
async function transition(tx: Writes, sessionId: string, kind: Transition): Promise<number> {
  const t = TRANSITIONS[kind];
  const lines = await tx.query<{ merchant_id: string; node_id: string; sku: string; quantity: number }>(
    `SELECT merchant_id, node_id, sku, quantity FROM reservations
      WHERE session_id = $1 AND status = $2 ORDER BY node_id, sku FOR UPDATE`,
    [sessionId, t.from],
  );
  if (lines.length === 0) return 0;
  const merchantId = lines[0]!.merchant_id;
  tx.changed({ merchantId, kind: 'stock', ids: skusOf(lines) });
  // Lock the inventory rows in the fixed order before changing them.
  await tx.query(
    `SELECT 1 FROM inventory_levels
      WHERE merchant_id = $1 AND (node_id, sku) IN (SELECT * FROM unnest($2::text[], $3::text[]))
      ORDER BY node_id, sku FOR UPDATE`,
    [merchantId, lines.map((l) => l.node_id), lines.map((l) => l.sku)],
  );
  const sets = [
    t.onHand ? `on_hand = i.on_hand ${t.onHand}` : null,
    t.reserved ? `reserved = i.reserved ${t.reserved}` : null,
    'updated_at = now()',
  ].filter(Boolean);
  await tx.query(
    `UPDATE inventory_levels i SET ${sets.join(', ')}
       FROM reservations r
      WHERE r.session_id = $1 AND r.status = $2
        AND i.merchant_id = r.merchant_id AND i.node_id = r.node_id AND i.sku = r.sku`,
    [sessionId, t.from],
  );
  await tx.query(`UPDATE reservations SET status = $3, updated_at = now() WHERE session_id = $1 AND status = $2`, [
    sessionId,
    t.from,
    t.to,
  ]);
  return lines.length;
}

export const commitStock = (tx: Writes, sessionId: string) => transition(tx, sessionId, 'commit');
export const releaseStock = (tx: Writes, sessionId: string) => transition(tx, sessionId, 'release');
export const returnStock = (tx: Writes, sessionId: string) => transition(tx, sessionId, 'return');

/** The lines of a session's reservations that were released (its hold lapsed). */
export async function releasedLines(q: Queryable, sessionId: string): Promise<StockLine[]> {
  return q.query<StockLine>(`SELECT node_id AS "nodeId", sku, quantity FROM reservations WHERE session_id = $1 AND status = 'released'`, [
    sessionId,
  ]);
}

/**
 * Takes stock for a session whose hold already lapsed (a payment that arrived after expiry):
 * straight from available stock, all lines or none. Returns the line that could not be taken.
 */
export async function takeStockDirectly(tx: Writes, merchantId: string, sessionId: string, lines: StockLine[]): Promise<StockLine | null> {
  tx.changed({ merchantId, kind: 'stock', ids: skusOf(lines) });
  for (const line of ordered(lines)) {
    const taken = await tx.query(
      `UPDATE inventory_levels SET on_hand = on_hand - $4, updated_at = now()
        WHERE merchant_id = $1 AND node_id = $2 AND sku = $3 AND on_hand - reserved >= $4
        RETURNING 1`,
      [merchantId, line.nodeId, line.sku, line.quantity],
    );
    if (taken.length === 0) return line;
  }
  await tx.query(`UPDATE reservations SET status = 'committed', updated_at = now() WHERE session_id = $1 AND status = 'released'`, [
    sessionId,
  ]);
  return null;
}

/**
 * When the units held by unpaid checkouts may come back, per SKU: the earliest expiry of an open
 * session holding some. The live index keeps it so that a promise with every unit held can say
 * when to look again without reading the database (docs/ARCHITECTURE.md, "Live stock").
 */
export async function heldUntilBySku(q: Queryable, merchantId: string, skus?: string[]): Promise<Map<string, number>> {
  const rows = await q.query<{ sku: string; until: Date | string }>(
    `SELECT r.sku, min(s.expires_at) AS until
       FROM reservations r JOIN checkout_sessions s ON s.id = r.session_id
      WHERE r.merchant_id = $1 AND r.status = 'held' AND s.status = 'open'${skus ? ' AND r.sku = ANY($2::text[])' : ''}
      GROUP BY r.sku`,
    skus ? [merchantId, skus] : [merchantId],
  );
  return new Map(rows.map((r) => [r.sku, new Date(r.until).getTime()]));
}
