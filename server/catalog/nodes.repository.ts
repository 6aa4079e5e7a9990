/**
 * SQL for nodes: every field of the engine's `NetworkNode`, plus timestamps. Every write records
 * its change notice on the `Writes` transaction (docs/ARCHITECTURE.md, "Live stock"); a node's
 * notice reloads the merchant's whole network, stock included.
 */
import type { Queryable } from '../db/port.js';
import type { Writes } from '../db/writes.js';
import type { NetworkNode, NodeCalendar, NodeKind, ServiceId } from '../promise/index.js';

export interface NodeRecord extends NetworkNode {
  merchantId: string;
  createdAt: Date;
  updatedAt: Date;
}

interface NodeRow {
  merchant_id: string;
  id: string;
  name: string;
  kind: NodeKind;
  lat: number;
  lng: number;
  time_zone: string;
  handling_minutes: number;
  calendar: NodeCalendar;
  cutoffs: Partial<Record<ServiceId, string>>;
  carrier_pickup: string | null;
  air_cutoff: string | null;
  saturday_delivery: boolean;
  service_closed_dates: Partial<Record<ServiceId, string[]>>;
  capacities: Partial<Record<ServiceId, number>>;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'merchant_id, id, name, kind, lat, lng, time_zone, handling_minutes, calendar, cutoffs, carrier_pickup, air_cutoff, ' +
  'saturday_delivery, service_closed_dates, capacities, created_at, updated_at';

function toRecord(r: NodeRow): NodeRecord {
  return {
    merchantId: r.merchant_id,
    id: r.id,
    name: r.name,
    kind: r.kind,
    lat: Number(r.lat),
    lng: Number(r.lng),
    timeZone: r.time_zone,
    handlingMinutes: r.handling_minutes,
    calendar: { closedWeekdays: r.calendar.closedWeekdays ?? [], closedDates: r.calendar.closedDates ?? [] },
    cutoffs: r.cutoffs,
    ...(r.carrier_pickup !== null ? { carrierPickup: r.carrier_pickup } : {}),
    ...(r.air_cutoff !== null ? { airCutoff: r.air_cutoff } : {}),
    saturdayDelivery: r.saturday_delivery,
    serviceClosedDates: r.service_closed_dates ?? {},
    capacities: r.capacities ?? {},
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The engine's view of a stored node (no merchant, no timestamps). */
export function toNetworkNode(n: NetworkNode): NetworkNode {
  return {
    id: n.id,
    name: n.name,
    kind: n.kind,
    lat: n.lat,
    lng: n.lng,
    timeZone: n.timeZone,
    handlingMinutes: n.handlingMinutes,
    calendar: n.calendar,
    cutoffs: n.cutoffs,
    ...(n.carrierPickup !== undefined ? { carrierPickup: n.carrierPickup } : {}),
    ...(n.airCutoff !== undefined ? { airCutoff: n.airCutoff } : {}),
    saturdayDelivery: n.saturdayDelivery ?? false,
    serviceClosedDates: n.serviceClosedDates ?? {},
    capacities: n.capacities ?? {},
  };
}

function params(merchantId: string, n: NetworkNode): unknown[] {
  return [
    merchantId,
    n.id,
    n.name,
    n.kind,
    n.lat,
    n.lng,
    n.timeZone,
    n.handlingMinutes,
    JSON.stringify(n.calendar),
    JSON.stringify(n.cutoffs),
    n.carrierPickup ?? null,
    n.airCutoff ?? null,
    n.saturdayDelivery ?? false,
    JSON.stringify(n.serviceClosedDates ?? {}),
    JSON.stringify(n.capacities ?? {}),
  ];
}

/** Inserts a node; null when the id is taken for this merchant. */
export async function insertNode(q: Writes, merchantId: string, n: NetworkNode): Promise<NodeRecord | null> {
  q.changed({ merchantId, kind: 'nodes', ids: [n.id] });
  const rows = await q.query<NodeRow>(
    `INSERT INTO nodes (merchant_id, id, name, kind, lat, lng, time_zone, handling_minutes, calendar, cutoffs,
       carrier_pickup, air_cutoff, saturday_delivery, service_closed_dates, capacities)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13, $14::jsonb, $15::jsonb)
     ON CONFLICT (merchant_id, id) DO NOTHING RETURNING ${COLUMNS}`,
    params(merchantId, n),
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Creates or replaces a node (updates and the seed). */
export async function upsertNode(q: Writes, merchantId: string, n: NetworkNode): Promise<NodeRecord> {
  q.changed({ merchantId, kind: 'nodes', ids: [n.id] });
  const rows = await q.query<NodeRow>(
    `INSERT INTO nodes (merchant_id, id, name, kind, lat, lng, time_zone, handling_minutes, calendar, cutoffs,
       carrier_pickup, air_cutoff, saturday_delivery, service_closed_dates, capacities)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13, $14::jsonb, $15::jsonb)
     ON CONFLICT (merchant_id, id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, lat = EXCLUDED.lat,
       lng = EXCLUDED.lng, time_zone = EXCLUDED.time_zone, handling_minutes = EXCLUDED.handling_minutes,
       calendar = EXCLUDED.calendar, cutoffs = EXCLUDED.cutoffs, carrier_pickup = EXCLUDED.carrier_pickup,
       air_cutoff = EXCLUDED.air_cutoff, saturday_delivery = EXCLUDED.saturday_delivery,
       service_closed_dates = EXCLUDED.service_closed_dates, capacities = EXCLUDED.capacities, updated_at = now()
     RETURNING ${COLUMNS}`,
    params(merchantId, n),
  );
  return toRecord(rows[0]!);
}

export async function getNode(q: Queryable, merchantId: string, id: string, forUpdate = false): Promise<NodeRecord | null> {
  const rows = await q.query<NodeRow>(`SELECT ${COLUMNS} FROM nodes WHERE merchant_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [
    merchantId,
    id,
  ]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function listNodes(q: Queryable, merchantId: string, limit?: number, after?: string): Promise<NodeRecord[]> {
  const rows = await q.query<NodeRow>(
    `SELECT ${COLUMNS} FROM nodes WHERE merchant_id = $1 AND ($2::text IS NULL OR id > $2)
     ORDER BY id ${limit ? 'LIMIT $3' : ''}`,
    limit ? [merchantId, after ?? null, limit] : [merchantId, after ?? null],
  );
  return rows.map(toRecord);
}

export async function deleteNode(q: Writes, merchantId: string, id: string): Promise<boolean> {
  q.changed({ merchantId, kind: 'nodes', ids: [id] });
  const rows = await q.query(`DELETE FROM nodes WHERE merchant_id = $1 AND id = $2 RETURNING id`, [merchantId, id]);
  return rows.length > 0;
}

/** Node ids among `ids` this merchant has no node for. */
export async function missingNodeIds(q: Queryable, merchantId: string, ids: string[]): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT s.id FROM unnest($2::text[]) AS s(id)
     WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.merchant_id = $1 AND n.id = s.id) ORDER BY s.id`,
    [merchantId, ids],
  );
  return rows.map((r) => r.id);
}
