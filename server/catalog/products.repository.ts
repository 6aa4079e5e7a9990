/**
 * SQL for products. Prices are integer minor units (bigint columns, numbers in JS). Every write
 * records its change notice on the `Writes` transaction (docs/ARCHITECTURE.md, "Live stock").
 */
import type { Queryable } from '../db/port.js';
import type { Writes } from '../db/writes.js';

export interface ProductRecord {
  merchantId: string;
  sku: string;
  title: string;
  priceMinor: number;
  currency: string;
  imageUrl: string | null;
  fastDeliveryEligible: boolean;
  /** When the product was archived (no longer sold); null while it is on sale. */
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface ProductRow {
  merchant_id: string;
  sku: string;
  title: string;
  price_minor: string | number;
  currency: string;
  image_url: string | null;
  fast_delivery_eligible: boolean;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'merchant_id, sku, title, price_minor, currency, image_url, fast_delivery_eligible, archived_at, created_at, updated_at';

function toRecord(r: ProductRow): ProductRecord {
  return {
    merchantId: r.merchant_id,
    sku: r.sku,
    title: r.title,
    // bigint arrives as a string from `pg` and a bigint/number from PGlite.
    priceMinor: Number(r.price_minor),
    currency: r.currency,
    imageUrl: r.image_url,
    fastDeliveryEligible: r.fast_delivery_eligible,
    archivedAt: r.archived_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface ProductFields {
  title: string;
  priceMinor: number;
  currency: string;
  imageUrl: string | null;
  fastDeliveryEligible: boolean;
}

/** Inserts a product; returns null when the SKU already exists for this merchant. */
export async function insertProduct(q: Writes, merchantId: string, sku: string, f: ProductFields): Promise<ProductRecord | null> {
  q.changed({ merchantId, kind: 'products', ids: [sku] });
  const rows = await q.query<ProductRow>(
    `INSERT INTO products (merchant_id, sku, title, price_minor, currency, image_url, fast_delivery_eligible)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (merchant_id, sku) DO NOTHING RETURNING ${COLUMNS}`,
    [merchantId, sku, f.title, f.priceMinor, f.currency, f.imageUrl, f.fastDeliveryEligible],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Creates or replaces a product (used by the seed). */
export async function upsertProduct(q: Writes, merchantId: string, sku: string, f: ProductFields): Promise<ProductRecord> {
  q.changed({ merchantId, kind: 'products', ids: [sku] });
  const rows = await q.query<ProductRow>(
    `INSERT INTO products (merchant_id, sku, title, price_minor, currency, image_url, fast_delivery_eligible)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (merchant_id, sku) DO UPDATE SET title = EXCLUDED.title, price_minor = EXCLUDED.price_minor,
       currency = EXCLUDED.currency, image_url = EXCLUDED.image_url,
       fast_delivery_eligible = EXCLUDED.fast_delivery_eligible, updated_at = now()
     RETURNING ${COLUMNS}`,
    [merchantId, sku, f.title, f.priceMinor, f.currency, f.imageUrl, f.fastDeliveryEligible],
  );
  return toRecord(rows[0]!);
}

/** `archived`: true archives the product (keeping the first archiving's time), false puts it back on sale. */
export async function updateProduct(
  q: Writes,
  merchantId: string,
  sku: string,
  f: Partial<ProductFields> & { archived?: boolean },
): Promise<ProductRecord | null> {
  q.changed({ merchantId, kind: 'products', ids: [sku] });
  const rows = await q.query<ProductRow>(
    `UPDATE products SET
       title = COALESCE($3, title),
       price_minor = COALESCE($4, price_minor),
       currency = COALESCE($5, currency),
       image_url = CASE WHEN $6::boolean THEN $7 ELSE image_url END,
       fast_delivery_eligible = COALESCE($8, fast_delivery_eligible),
       archived_at = CASE WHEN $9::boolean IS NULL THEN archived_at WHEN $9 THEN COALESCE(archived_at, now()) ELSE NULL END,
       updated_at = now()
     WHERE merchant_id = $1 AND sku = $2 RETURNING ${COLUMNS}`,
    [
      merchantId,
      sku,
      f.title ?? null,
      f.priceMinor ?? null,
      f.currency ?? null,
      f.imageUrl !== undefined,
      f.imageUrl ?? null,
      f.fastDeliveryEligible ?? null,
      f.archived ?? null,
    ],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function deleteProduct(q: Writes, merchantId: string, sku: string): Promise<boolean> {
  // Its stock rows go with it (ON DELETE CASCADE), so stock changes too.
  q.changed({ merchantId, kind: 'products', ids: [sku] });
  q.changed({ merchantId, kind: 'stock', ids: [sku] });
  const rows = await q.query(`DELETE FROM products WHERE merchant_id = $1 AND sku = $2 RETURNING sku`, [merchantId, sku]);
  return rows.length > 0;
}

export async function getProduct(q: Queryable, merchantId: string, sku: string): Promise<ProductRecord | null> {
  const rows = await q.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE merchant_id = $1 AND sku = $2`, [merchantId, sku]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function listProducts(q: Queryable, merchantId: string, limit?: number, after?: string): Promise<ProductRecord[]> {
  const rows = await q.query<ProductRow>(
    `SELECT ${COLUMNS} FROM products WHERE merchant_id = $1 AND ($2::text IS NULL OR sku > $2)
     ORDER BY sku ${limit ? 'LIMIT $3' : ''}`,
    limit ? [merchantId, after ?? null, limit] : [merchantId, after ?? null],
  );
  return rows.map(toRecord);
}

/**
 * A page of the merchant's products whose SKU or title contains `text` (any case; every product
 * when null), by SKU, and how many match in all: the console's picker over thousands of products.
 */
export async function searchProducts(
  q: Queryable,
  merchantId: string,
  text: string | null,
  limit: number,
  offset: number,
): Promise<{ items: ProductRecord[]; total: number }> {
  // The text is matched literally: LIKE's wildcards and its escape character are escaped.
  const pattern = text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = `merchant_id = $1 AND ($2::text IS NULL OR sku ILIKE $2 OR title ILIKE $2)`;
  const [rows, count] = await Promise.all([
    q.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE ${where} ORDER BY sku LIMIT $3 OFFSET $4`, [
      merchantId,
      pattern,
      limit,
      offset,
    ]),
    q.query<{ n: number | string }>(`SELECT count(*)::int AS n FROM products WHERE ${where}`, [merchantId, pattern]),
  ]);
  return { items: rows.map(toRecord), total: Number(count[0]?.n ?? 0) };
}

/** SKUs among `skus` this merchant has no product for. */
export async function missingSkus(q: Queryable, merchantId: string, skus: string[]): Promise<string[]> {
  const rows = await q.query<{ sku: string }>(
    `SELECT s.sku FROM unnest($2::text[]) AS s(sku)
     WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.merchant_id = $1 AND p.sku = s.sku) ORDER BY s.sku`,
    [merchantId, skus],
  );
  return rows.map((r) => r.sku);
}

export async function productsBySku(q: Queryable, merchantId: string, skus: string[]): Promise<ProductRecord[]> {
  const rows = await q.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE merchant_id = $1 AND sku = ANY($2::text[])`, [
    merchantId,
    skus,
  ]);
  return rows.map(toRecord);
}
