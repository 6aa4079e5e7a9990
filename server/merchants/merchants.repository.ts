/**
 * SQL for merchants. Secret keys arrive here already hashed. Writes record their notice on the
 * `Writes` transaction, so every process's merchant directory reloads the row.
 */
import { randomBytes } from 'node:crypto';
import type { DeliveryBuffers, FeePolicySettings, LatePayment } from '../../contract/admin.js';
import type { Queryable } from '../db/port.js';
import type { Writes } from '../db/writes.js';
import { completeBuffers, type StoredPromiseBuffers as StoredBuffers } from '../promise/index.js';

export interface MerchantRecord {
  id: string;
  name: string;
  publishableKey: string;
  secretKeyHash: string;
  allowedOrigins: string[];
  currency: string;
  feePolicy: FeePolicySettings;
  /** A payment after its window can no longer be made: re-promised, or refunded. */
  latePayment: LatePayment;
  /** The merchant's own buffers; null: none. */
  deliveryBuffers: DeliveryBuffers | null;
  createdAt: Date;
  updatedAt: Date;
}

interface MerchantRow {
  id: string;
  name: string;
  publishable_key: string;
  secret_key_hash: string;
  allowed_origins: string[];
  currency: string;
  fee_policy: FeePolicySettings;
  late_payment: LatePayment;
  delivery_buffers: StoredBuffers | null;
  created_at: Date;
  updated_at: Date;
}

/** Buffers as stored, completed: a set saved before safety stock or second sources holds none back and asks none. */
const loadedBuffers = (b: StoredBuffers | null): DeliveryBuffers | null => (b ? completeBuffers(b) : null);

const COLUMNS =
  'id, name, publishable_key, secret_key_hash, allowed_origins, currency, fee_policy, late_payment, delivery_buffers, created_at, updated_at';

function toRecord(r: MerchantRow): MerchantRecord {
  return {
    id: r.id,
    name: r.name,
    publishableKey: r.publishable_key,
    secretKeyHash: r.secret_key_hash,
    allowedOrigins: r.allowed_origins,
    currency: r.currency,
    feePolicy: r.fee_policy,
    latePayment: r.late_payment,
    deliveryBuffers: loadedBuffers(r.delivery_buffers),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function newMerchantId(): string {
  return `mer_${randomBytes(9).toString('base64url')}`;
}

/** A fee policy a new merchant starts with: fees per service, standard free from 50.00. */
export function defaultFeePolicy(): FeePolicySettings {
  return {
    fees: { same_day: 999, local_courier: 599, next_day: 799, two_day: 499, standard: 299 },
    freeShippingThreshold: 5000,
    freeShippingServices: ['standard'],
    memberFreeServices: ['same_day', 'local_courier', 'next_day', 'two_day'],
  };
}

export type NewMerchant = Omit<MerchantRecord, 'id' | 'createdAt' | 'updatedAt' | 'latePayment' | 'deliveryBuffers'> & { id?: string };

/** What the merchant wants when a payment lands after its window can no longer be made. */
export async function latePaymentOf(q: Queryable, merchantId: string): Promise<LatePayment> {
  const rows = await q.query<{ late_payment: LatePayment }>(`SELECT late_payment FROM merchants WHERE id = $1`, [merchantId]);
  return rows[0]?.late_payment ?? 're_promise';
}

export async function insertMerchant(q: Writes, m: NewMerchant): Promise<MerchantRecord> {
  const id = m.id ?? newMerchantId();
  q.changed({ merchantId: id, kind: 'merchant' });
  const rows = await q.query<MerchantRow>(
    `INSERT INTO merchants (id, name, publishable_key, secret_key_hash, allowed_origins, currency, fee_policy)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7::jsonb) RETURNING ${COLUMNS}`,
    [id, m.name, m.publishableKey, m.secretKeyHash, m.allowedOrigins, m.currency, JSON.stringify(m.feePolicy)],
  );
  return toRecord(rows[0]!);
}

export async function listMerchants(q: Queryable): Promise<MerchantRecord[]> {
  return (await q.query<MerchantRow>(`SELECT ${COLUMNS} FROM merchants ORDER BY id`)).map(toRecord);
}

export async function getMerchant(q: Queryable, id: string): Promise<MerchantRecord | null> {
  const rows = await q.query<MerchantRow>(`SELECT ${COLUMNS} FROM merchants WHERE id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function getMerchantByPublishableKey(q: Queryable, key: string): Promise<MerchantRecord | null> {
  const rows = await q.query<MerchantRow>(`SELECT ${COLUMNS} FROM merchants WHERE publishable_key = $1`, [key]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export interface MerchantPatch {
  name?: string;
  allowedOrigins?: string[];
  feePolicy?: FeePolicySettings;
  secretKeyHash?: string;
  latePayment?: LatePayment;
  /** null: back to none. */
  deliveryBuffers?: DeliveryBuffers | null;
}

export async function updateMerchant(q: Writes, id: string, patch: MerchantPatch): Promise<MerchantRecord | null> {
  q.changed({ merchantId: id, kind: 'merchant' });
  const rows = await q.query<MerchantRow>(
    `UPDATE merchants SET
       name = COALESCE($2, name),
       allowed_origins = COALESCE($3::text[], allowed_origins),
       fee_policy = COALESCE($4::jsonb, fee_policy),
       secret_key_hash = COALESCE($5, secret_key_hash),
       late_payment = COALESCE($6, late_payment),
       delivery_buffers = CASE WHEN $7::boolean THEN $8::jsonb ELSE delivery_buffers END,
       updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      id,
      patch.name ?? null,
      patch.allowedOrigins ?? null,
      patch.feePolicy ? JSON.stringify(patch.feePolicy) : null,
      patch.secretKeyHash ?? null,
      patch.latePayment ?? null,
      patch.deliveryBuffers !== undefined,
      patch.deliveryBuffers ? JSON.stringify(patch.deliveryBuffers) : null,
    ],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/** The merchant's own buffers, or null for none (read by the live networks). */
export async function deliveryBuffersOf(q: Queryable, merchantId: string): Promise<DeliveryBuffers | null> {
  const rows = await q.query<{ delivery_buffers: StoredBuffers | null }>('SELECT delivery_buffers FROM merchants WHERE id = $1', [
    merchantId,
  ]);
  return loadedBuffers(rows[0]?.delivery_buffers ?? null);
}
