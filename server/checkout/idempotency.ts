/**
 * Idempotency keys for `POST /v1/checkout/sessions`, after the IETF Idempotency-Key draft: the
 * first request with a key owns it while in flight; a retry with the same body gets the stored
 * response; the same key with another body is a 422; the same key still in flight a 409. Keys
 * are kept at least 24 hours. A request that died in flight gives its key up after a lease.
 *
 * A key never seen before is recorded by the hold's own transaction, tied to the session it
 * made (`claimKeysForSessions` with a `fresh` claim): one transaction for key, session and hold.
 * A key already recorded (a retry) is tied there too (`claimKeyForSession`). Either way a retry
 * after a crash resumes that session (its stock already held) instead of making a second one:
 * docs/ARCHITECTURE.md, "Invariants".
 */
import { createHash, randomBytes } from 'node:crypto';
import { Batcher } from '../db/batcher.js';
import type { Db, Queryable } from '../db/port.js';
import { ApiError } from '../errors.js';

/** How long an in-flight request owns its key before a retry may take over. */
const LEASE_MS = 60_000;
/** How long keys are kept. */
export const KEY_RETENTION_MS = 24 * 60 * 60_000;

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/**
 * How a request with a key goes on: it owns the key (`sessionId` set when an earlier attempt
 * made a session that died before answering: resume it), replays a stored answer, or answers
 * with a session another attempt made and is still finishing.
 */
export type IdempotencyStart =
  | { kind: 'owner'; owner: string; sessionId: string | null }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'made'; sessionId: string };

/** A token per attempt: only the attempt that owns a key may tie a session or an answer to it. */
export const newOwner = () => randomBytes(12).toString('base64url');

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

/** A key as a merchant's request names it. */
interface KeyName {
  merchantId: string;
  key: string;
}

/** Whether each key was recorded (in flight or answered): one read for all of them, no write. */
async function keysKnown(db: Queryable, names: KeyName[]): Promise<boolean[]> {
  const rows = await db.query<{ merchant_id: string; key: string }>(
    `SELECT merchant_id, key FROM idempotency_keys
      WHERE (merchant_id, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [names.map((n) => n.merchantId), names.map((n) => n.key)],
  );
  const known = new Set(rows.map((r) => `${r.merchant_id}\u0000${r.key}`));
  return names.map((n) => known.has(`${n.merchantId}\u0000${n.key}`));
}

/** A key as its first request records it: in flight, owned by that attempt. */
interface NewKey {
  merchantId: string;
  key: string;
  digest: string;
  now: number;
  owner: string;
  /** The session the attempt made, when the key is recorded by the hold that made it. */
  sessionId?: string | null;
}

const byKey = (a: KeyName, b: KeyName) =>
  a.merchantId < b.merchantId ? -1 : a.merchantId > b.merchantId ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/**
 * Records new keys, one statement for all; true for each that was new (its attempt owns it).
 * Keys go in one order, so two transactions recording the same keys wait for each other instead
 * of deadlocking; a key another transaction is recording waits for that one to end.
 */
async function insertKeys(db: Queryable, keys: NewKey[]): Promise<boolean[]> {
  const sorted = [...keys].sort(byKey);
  const rows = await db.query<{ owner: string }>(
    `INSERT INTO idempotency_keys (merchant_id, key, request_hash, state, locked_until, created_at, owner, session_id)
     SELECT u.merchant_id, u.key, u.digest, 'in_flight', u.locked_until, u.created_at, u.owner, u.session_id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[])
         AS u(merchant_id, key, digest, locked_until, created_at, owner, session_id)
     ON CONFLICT (merchant_id, key) DO NOTHING RETURNING owner`,
    [
      sorted.map((k) => k.merchantId),
      sorted.map((k) => k.key),
      sorted.map((k) => k.digest),
      sorted.map((k) => new Date(k.now + LEASE_MS).toISOString()),
      sorted.map((k) => new Date(k.now).toISOString()),
      sorted.map((k) => k.owner),
      sorted.map((k) => k.sessionId ?? null),
    ],
  );
  const owners = new Set(rows.map((r) => r.owner));
  return keys.map((k) => owners.has(k.owner));
}

/** The final answer to store for a key, by the attempt that owns it (or would, if it is new). */
interface Finish {
  merchantId: string;
  key: string;
  owner: string;
  digest: string;
  now: number;
  status: number;
  body: unknown;
}

/**
 * Stores final answers: a key this attempt owns, in flight, is answered; a key nobody recorded
 * (its attempt failed before its hold) is recorded with the answer. True for each answer stored;
 * false when another attempt recorded the key, which this one then does not answer for.
 */
async function finishKeys(db: Queryable, finishes: Finish[]): Promise<boolean[]> {
  const rows = await db.query<{ owner: string }>(
    `INSERT INTO idempotency_keys AS k (merchant_id, key, request_hash, state, response_status, response_body, locked_until, created_at, owner)
     SELECT u.merchant_id, u.key, u.digest, 'done', u.status, u.body::jsonb, u.created_at, u.created_at, u.owner
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::int[], $7::text[])
         AS u(merchant_id, key, owner, digest, created_at, status, body)
     ON CONFLICT (merchant_id, key) DO UPDATE SET state = 'done', response_status = excluded.response_status, response_body = excluded.response_body
      WHERE k.owner = excluded.owner AND k.state = 'in_flight'
     RETURNING k.owner`,
    [
      finishes.map((f) => f.merchantId),
      finishes.map((f) => f.key),
      finishes.map((f) => f.owner),
      finishes.map((f) => f.digest),
      finishes.map((f) => new Date(f.now).toISOString()),
      finishes.map((f) => f.status),
      finishes.map((f) => JSON.stringify(f.body)),
    ],
  );
  const stored = new Set(rows.map((r) => r.owner));
  return finishes.map((f) => stored.has(f.owner));
}

/**
 * A process's idempotency keys. A new request's key is recorded by its hold (`fresh` claims), so
 * a session costs no write before its hold; the writes here are a retry's key, and final answers
 * not stored with the payment (a refusal, a resumed session). Those that arrive while one write
 * is in flight go together in the next (docs/ARCHITECTURE.md, "Holds in batches").
 *
 * Neither waits for the WAL flush (`asyncCommit`). A database crash may lose the last of them,
 * which costs nothing that matters: a lost key only means a retry starts afresh, and a key's
 * tie to its session is written in the hold's transaction, which the payment's ordinary commit
 * has flushed before the shopper hears of the session, so a retry after a lost final answer
 * still finds that session. A lost refusal (`out_of_stock`) is asked again by its retry.
 */
export class IdempotencyKeys {
  private readonly inserts: Batcher<NewKey, boolean>;
  private readonly finishes: Batcher<Finish, boolean>;
  private readonly reads: Batcher<KeyName, boolean>;

  constructor(private readonly db: Db) {
    this.inserts = new Batcher((keys) => db.transaction((q) => insertKeys(q, keys), { asyncCommit: true }));
    this.finishes = new Batcher((done) => db.transaction((q) => finishKeys(q, done), { asyncCommit: true }));
    // A sold-out SKU's late shoppers each ask whether their key was ever seen: one read (no
    // transaction) answers everyone waiting, instead of one pooled connection each.
    this.reads = new Batcher((names) => keysKnown(db, names));
  }

  /** Whether a key was recorded (in flight or answered); a read, no write. */
  known(merchantId: string, key: string): Promise<boolean> {
    return this.reads.add({ merchantId, key });
  }

  begin(merchantId: string, key: string, digest: string, now: number): Promise<IdempotencyStart> {
    return beginIdempotent(this.db, merchantId, key, digest, now, (k) => this.inserts.add(k));
  }

  /**
   * Stores the answer of the attempt `claim` names; false when another attempt recorded the key
   * (this attempt then answers as a retry would).
   */
  finish(claim: KeyClaim, request: KeyRequest, status: number, body: unknown): Promise<boolean> {
    const { merchantId, key, owner } = claim;
    return this.finishes.add({ merchantId, key, owner, digest: request.digest, now: request.now, status, body });
  }
}

export async function beginIdempotent(
  db: Db,
  merchantId: string,
  key: string,
  digest: string,
  now: number,
  insert: (key: NewKey) => Promise<boolean> = async (k) => (await insertKeys(db, [k]))[0]!,
): Promise<IdempotencyStart> {
  const owner = newOwner();
  if (await insert({ merchantId, key, digest, now, owner })) return { kind: 'owner', owner, sessionId: null };
  const [row] = await db.query<{
    request_hash: string;
    state: string;
    response_status: number | null;
    response_body: unknown;
    locked_until: Date;
    session_id: string | null;
    payment_ready: boolean | null;
  }>(
    `SELECT k.request_hash, k.state, k.response_status, k.response_body, k.locked_until, k.session_id,
            s.payment_ref IS NOT NULL AS payment_ready
       FROM idempotency_keys k LEFT JOIN checkout_sessions s ON s.id = k.session_id
      WHERE k.merchant_id = $1 AND k.key = $2`,
    [merchantId, key],
  );
  if (!row) return beginIdempotent(db, merchantId, key, digest, now, insert);
  if (row.request_hash !== digest) {
    throw new ApiError(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new checkout',
    );
  }
  if (row.state === 'done') return { kind: 'replay', status: row.response_status ?? 200, body: row.response_body };
  // The session and its payment exist; only the stored answer is missing. Nothing left to race for.
  if (row.session_id && row.payment_ready) return { kind: 'made', sessionId: row.session_id };
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
    `UPDATE idempotency_keys SET locked_until = $3, owner = $5
      WHERE merchant_id = $1 AND key = $2 AND state = 'in_flight' AND locked_until = $4 RETURNING 1`,
    [merchantId, key, new Date(now + LEASE_MS), row.locked_until, owner],
  );
  if (taken.length === 0) {
    throw new ApiError('idempotency_key_in_flight', 'A request with this Idempotency-Key is still being processed; retry in a moment');
  }
  return { kind: 'owner', owner, sessionId: row.session_id };
}

/**
 * Inside the session's transaction: ties the key to the session, if this attempt still owns the
 * key and no session is tied to it yet. False means another attempt took the key over: the
 * caller rolls back, so a key never makes two sessions.
 */
export async function claimKeyForSession(
  tx: Queryable,
  merchantId: string,
  key: string,
  owner: string,
  sessionId: string,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE idempotency_keys SET session_id = $4
      WHERE merchant_id = $1 AND key = $2 AND owner = $3 AND state = 'in_flight' AND session_id IS NULL RETURNING 1`,
    [merchantId, key, owner, sessionId],
  );
  return rows.length > 0;
}

/** What a request under a key asks (its digest) and when it began: what recording the key needs. */
export interface KeyRequest {
  digest: string;
  now: number;
}

/**
 * What ties a session to the request that made it: the key and the attempt that owns it, or
 * (`fresh`) would own it: a key not recorded yet is recorded by the hold itself.
 */
export interface KeyClaim {
  merchantId: string;
  key: string;
  owner: string;
  fresh?: KeyRequest | undefined;
}

/**
 * Ties many sessions to their keys in the hold's transaction (a batch of holds): a fresh key is
 * recorded, in flight and tied to its session, unless another attempt recorded it first; a key
 * already owned is tied as `claimKeyForSession` does. Returns the ids of the sessions whose key
 * was tied to them; the others lost their key to another attempt.
 */
export async function claimKeysForSessions(tx: Queryable, claims: Array<KeyClaim & { sessionId: string }>): Promise<Set<string>> {
  const tied = new Set<string>();
  const fresh = claims.flatMap((c) => (c.fresh ? [{ ...c, ...c.fresh }] : []));
  if (fresh.length > 0) {
    const recorded = await insertKeys(tx, fresh);
    fresh.forEach((c, i) => recorded[i] && tied.add(c.sessionId));
  }
  const owned = claims.filter((c) => !c.fresh);
  if (owned.length === 0) return tied;
  const rows = await tx.query<{ session_id: string }>(
    `UPDATE idempotency_keys k SET session_id = u.session_id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(merchant_id, key, owner, session_id)
      WHERE k.merchant_id = u.merchant_id AND k.key = u.key AND k.owner = u.owner
        AND k.state = 'in_flight' AND k.session_id IS NULL
      RETURNING k.session_id`,
    [owned.map((c) => c.merchantId), owned.map((c) => c.key), owned.map((c) => c.owner), owned.map((c) => c.sessionId)],
  );
  for (const r of rows) tied.add(r.session_id);
  return tied;
}

/**
 * Gives the key up after an unexpected failure, so a retry can run the request again; a key tied
 * to a session still open is kept, its lease ended, so the retry resumes that session at once.
 * Only the attempt that owns the key gives it up: another attempt's key is left alone.
 */
export async function abandonIdempotent(db: Db, claim: KeyClaim, now: number): Promise<void> {
  const { merchantId, key, owner } = claim;
  await db.query(
    `DELETE FROM idempotency_keys k WHERE k.merchant_id = $1 AND k.key = $2 AND k.owner = $3 AND k.state = 'in_flight'
        AND NOT EXISTS (SELECT 1 FROM checkout_sessions s WHERE s.id = k.session_id AND s.status = 'open')`,
    [merchantId, key, owner],
  );
  await db.query(
    `UPDATE idempotency_keys SET locked_until = $4 WHERE merchant_id = $1 AND key = $2 AND owner = $3 AND state = 'in_flight'`,
    [merchantId, key, owner, new Date(now)],
  );
}

export async function purgeIdempotencyKeys(db: Db, now: number): Promise<number> {
  const rows = await db.query(`DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING 1`, [new Date(now - KEY_RETENTION_MS)]);
  return rows.length;
}
