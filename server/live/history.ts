/**
 * Promises from history (docs/ARCHITECTURE.md, "Promises from history"): each node's recent
 * deliveries, read from its parcels, turned into the handling and the slack its promises are
 * made with once there are enough of them to trust.
 */
import type { Queryable } from '../db/port.js';
import { MAX_SLACK_DAYS, SERVICE_IDS, type NetworkNode, type NodeHistory, type ServiceId } from '../promise/index.js';

/** Deliveries a node (and a service from it) needs before its own figures replace the buffers. */
export const MIN_DELIVERIES = 30;
/** The most recent deliveries per node that are read: recent enough to follow a change. */
export const RECENT_DELIVERIES = 60;
/** Carrier handling is planned at this percentile of the node's real handling (as the buffers' p90). */
const HANDLING_PERCENTILE = 0.9;
/** Slack covers this share of the node's deliveries on a service: the 99% the promise aims at. */
const KEPT_TARGET = 0.99;
const MINUTE = 60_000;
const DAY = 86_400_000;

export interface DeliveryRow {
  node_id: string;
  service: ServiceId;
  ready_by: Date;
  ready_at: Date | null;
  delivered_at: Date;
  /** The promised window's start, in the destination's zone with its offset. */
  window_start: string;
}

/** Each node's last deliveries (parcels delivered), newest first. */
export async function recentDeliveries(db: Queryable, merchantId: string): Promise<DeliveryRow[]> {
  return db.query<DeliveryRow>(
    `SELECT node_id, service, ready_by, ready_at, delivered_at, window_start FROM (
       SELECT p.node_id, o.service, p.ready_by, p.ready_at, p.delivered_at, o.window_start,
              row_number() OVER (PARTITION BY p.node_id ORDER BY p.delivered_at DESC) AS k
         FROM parcels p JOIN orders o ON o.id = p.order_id
        WHERE p.merchant_id = $1 AND p.delivered_at IS NOT NULL
     ) recent WHERE k <= ${RECENT_DELIVERIES}`,
    [merchantId],
  );
}

/** The value at or below which `share` of the sorted values fall (nearest rank). */
function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
}

/** Calendar days from the window's first day to the day it arrived, on the window's own clock. */
function daysAfterStart(row: DeliveryRow): number {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(row.window_start);
  const shift = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * MINUTE : 0;
  const startDay = Date.parse(`${row.window_start.slice(0, 10)}T00:00:00Z`) / DAY;
  const deliveredDay = Math.floor((new Date(row.delivered_at).getTime() + shift) / DAY);
  return Math.max(0, deliveredDay - startDay);
}

/**
 * Per node with at least `MIN_DELIVERIES` deliveries: the handling its carrier parcels are planned
 * with (its stated handling plus the 90th percentile of how late it was ready; picks sent to
 * gig drivers and couriers count too) and, per service with enough deliveries of its own, the
 * slack that would have covered 99% of them: calendar days past the window's first day (a
 * delivery day is never more than a calendar day, so this errs long).
 */
export function calibrate(rows: readonly DeliveryRow[], nodes: ReadonlyMap<string, NetworkNode>): Map<string, NodeHistory> {
  const byNode = new Map<string, DeliveryRow[]>();
  for (const r of rows) {
    let list = byNode.get(r.node_id);
    if (!list) byNode.set(r.node_id, (list = []));
    list.push(r);
  }
  const out = new Map<string, NodeHistory>();
  for (const [nodeId, list] of byNode) {
    const node = nodes.get(nodeId);
    if (!node || list.length < MIN_DELIVERIES) continue;
    const history: NodeHistory = { deliveries: list.length };
    const late = list
      .filter((r) => r.ready_at !== null)
      .map((r) => (new Date(r.ready_at!).getTime() - new Date(r.ready_by).getTime()) / MINUTE)
      .sort((a, b) => a - b);
    if (late.length >= MIN_DELIVERIES) {
      history.handlingMinutes = Math.max(1, Math.ceil(node.handlingMinutes + percentile(late, HANDLING_PERCENTILE)));
    }
    const slackDays: Partial<Record<ServiceId, number>> = {};
    for (const service of SERVICE_IDS) {
      if (MAX_SLACK_DAYS[service] === 0) continue;
      const days = list
        .filter((r) => r.service === service)
        .map(daysAfterStart)
        .sort((a, b) => a - b);
      if (days.length >= MIN_DELIVERIES) slackDays[service] = Math.min(MAX_SLACK_DAYS[service], percentile(days, KEPT_TARGET));
    }
    if (Object.keys(slackDays).length > 0) history.slackDays = slackDays;
    if (history.handlingMinutes !== undefined || history.slackDays) out.set(nodeId, history);
  }
  return out;
}
