/** SQL of merchants' webhook endpoints and their signing secrets. */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/port.js';

export interface EndpointRow {
  id: string;
  merchant_id: string;
  url: string;
  description: string;
  event_types: string[];
  enabled: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const newEndpointId = () => `we_${randomBytes(12).toString('base64url')}`;

export async function insertEndpoint(
  q: Queryable,
  e: {
    id: string;
    merchantId: string;
    url: string;
    description: string;
    eventTypes: string[];
    enabled: boolean;
    secret: string;
    now: Date;
  },
): Promise<EndpointRow> {
  const [row] = await q.query<EndpointRow>(
    `INSERT INTO webhook_endpoints (id, merchant_id, url, description, event_types, enabled, secret, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *`,
    [e.id, e.merchantId, e.url, e.description, e.eventTypes, e.enabled, e.secret, e.now],
  );
  return row!;
}

export async function endpointRow(q: Queryable, merchantId: string, id: string): Promise<EndpointRow | undefined> {
  const [row] = await q.query<EndpointRow>(`SELECT * FROM webhook_endpoints WHERE merchant_id = $1 AND id = $2`, [merchantId, id]);
  return row;
}

export async function endpointById(q: Queryable, id: string): Promise<EndpointRow | undefined> {
  const [row] = await q.query<EndpointRow>(`SELECT * FROM webhook_endpoints WHERE id = $1`, [id]);
  return row;
}

export async function listEndpoints(q: Queryable, merchantId: string): Promise<EndpointRow[]> {
  return q.query<EndpointRow>(`SELECT * FROM webhook_endpoints WHERE merchant_id = $1 ORDER BY created_at, id`, [merchantId]);
}

export async function updateEndpoint(
  q: Queryable,
  merchantId: string,
  id: string,
  patch: { url?: string | undefined; description?: string | undefined; eventTypes?: string[] | undefined; enabled?: boolean | undefined },
  now: Date,
): Promise<EndpointRow | undefined> {
  const [row] = await q.query<EndpointRow>(
    `UPDATE webhook_endpoints SET
       url = COALESCE($3, url), description = COALESCE($4, description), event_types = COALESCE($5, event_types),
       enabled = COALESCE($6, enabled), updated_at = $7
     WHERE merchant_id = $1 AND id = $2 RETURNING *`,
    [merchantId, id, patch.url ?? null, patch.description ?? null, patch.eventTypes ?? null, patch.enabled ?? null, now],
  );
  return row;
}

export async function deleteEndpoint(q: Queryable, merchantId: string, id: string): Promise<boolean> {
  const rows = await q.query(`DELETE FROM webhook_endpoints WHERE merchant_id = $1 AND id = $2 RETURNING 1`, [merchantId, id]);
  return rows.length > 0;
}

/** A new secret; the old one keeps signing until `graceUntil`, so receivers can switch over. */
export async function rotateSecret(
  q: Queryable,
  merchantId: string,
  id: string,
  secret: string,
  graceUntil: Date,
  now: Date,
): Promise<EndpointRow | undefined> {
  const [row] = await q.query<EndpointRow>(
    `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = $4, secret = $3, updated_at = $5
      WHERE merchant_id = $1 AND id = $2 RETURNING *`,
    [merchantId, id, secret, graceUntil, now],
  );
  return row;
}
