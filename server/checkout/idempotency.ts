/**
 * Idempotency keys for `POST /v1/checkout/sessions`, after the IETF Idempotency-Key draft: the
 * first request with a key owns it while in flight; a retry with the same body gets the stored
 * response; the same key with another body is a 422; the same key still in flight a 409. Keys
 * are kept at least 24 hours. A request that died in flight gives its key up after a lease.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/port.js';
import { ApiError } from '../errors.js';

/** How long an in-flight request owns its key before a retry may take over. */
const LEASE_MS = 60_000;
/** How long keys are kept. */
export const KEY_RETENTION_MS = 24 * 60 * 60_000;

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export type IdempotencyStart = { kind: 'owner' } | { kind: 'replay'; status: number; body: unknown };

/** A stable digest of what the request asks for, to tell a retry from a different request. */
export function requestDigest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export function checkKey(key: string | string[] | undefined): string {
  if (key === undefined || key === '') {
    throw new ApiError(
      'idempotency_key_missing',
      'Send an Idempotency-Key header (a fresh random string per checkout attempt) so that retries are safe',
    );
  }
  if (Array.isArray(key) || !KEY_SHAPE.test(key)) {
    throw new ApiError('invalid_request', 'The Idempotency-Key header must be one value of 1–255 visible ASCII characters');
  }
  return key;
}

export async function beginIdempotent(db: Db, merchantId: string, key: string, digest: string, now: number): Promise<IdempotencyStart> {
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (merchant_id, key, request_hash, state, locked_until, created_at)
     VALUES ($1, $2, $3, 'in_flight', $4, $5)
     ON CONFLICT (merchant_id, key) DO NOTHING RETURNING 1`,
    [merchantId, key, digest, new Date(now + LEASE_MS), new Date(now)],
  );
  if (inserted.length > 0) return { kind: 'owner' };
  const [row] = await db.query<{
    request_hash: string;
    state: string;
    response_status: number | null;
    response_body: unknown;
    locked_until: Date;
  }>(`SELECT request_hash, state, response_status, response_body, locked_until FROM idempotency_keys WHERE merchant_id = $1 AND key = $2`, [
    merchantId,
    key,
  ]);
  if (!row) return beginIdempotent(db, merchantId, key, digest, now);
  if (row.request_hash !== digest) {
    throw new ApiError(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new checkout',
    );
  }
  if (row.state === 'done') return { kind: 'replay', status: row.response_status ?? 200, body: row.response_body };
  if (new Date(row.locked_until).getTime() > now) {
    throw new ApiError(
      'idempotency_key_in_flight',
      'A request with this Idempotency-Key is still being processed; retry in a moment',
      undefined,
      {
        'retry-after': '1',
      },
    );
  }
  // The owner died in flight: take the key over, unless another retry just did.
  const taken = await db.query(
    `UPDATE idempotency_keys SET locked_until = $3 WHERE merchant_id = $1 AND key = $2 AND state = 'in_flight' AND locked_until = $4 RETURNING 1`,
    [merchantId, key, new Date(now + LEASE_MS), row.locked_until],
  );
  if (taken.length === 0) {
    throw new ApiError('idempotency_key_in_flight', 'A request with this Idempotency-Key is still being processed; retry in a moment');
  }
  return { kind: 'owner' };
}

/** Stores the final response for replays. */
export async function finishIdempotent(db: Db, merchantId: string, key: string, status: number, body: unknown): Promise<void> {
  await db.query(
    `UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4 WHERE merchant_id = $1 AND key = $2`,
    [merchantId, key, status, JSON.stringify(body)],
  );
}

/** Gives the key up after an unexpected failure, so a retry can run the request again. */
export async function abandonIdempotent(db: Db, merchantId: string, key: string): Promise<void> {
  await db.query(`DELETE FROM idempotency_keys WHERE merchant_id = $1 AND key = $2 AND state = 'in_flight'`, [merchantId, key]);
}

export async function purgeIdempotencyKeys(db: Db, now: number): Promise<number> {
  const rows = await db.query(`DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING 1`, [new Date(now - KEY_RETENTION_MS)]);
  return rows.length;
}
