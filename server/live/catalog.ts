/**
 * Products on sale in memory (`app.catalog`), per merchant and SKU, so the promise route never
 * reads the database. Reloaded per SKU on change notices (docs/ARCHITECTURE.md, "Live stock").
 * Archived products are left out: promises and checkouts no longer find them.
 */
import fp from 'fastify-plugin';
import type { Queryable } from '../db/port.js';
import { listProducts, productsBySku, type ProductRecord } from '../catalog/products.repository.js';

export class Catalog {
  private byMerchant = new Map<string, Map<string, ProductRecord>>();

  constructor(private readonly db: Queryable) {}

  get(merchantId: string, sku: string): ProductRecord | undefined {
    return this.byMerchant.get(merchantId)?.get(sku);
  }

  async loadAll(): Promise<void> {
    const rows = await this.db.query<{ merchant_id: string }>('SELECT DISTINCT merchant_id FROM products');
    const next = new Map<string, Map<string, ProductRecord>>();
    for (const { merchant_id } of rows) next.set(merchant_id, await this.fetch(merchant_id));
    this.byMerchant = next;
  }

  /** Reloads a merchant's products, or only `skus` of them (deleted ones disappear). */
  async reload(merchantId: string, skus?: string[]): Promise<void> {
    if (!skus) {
      this.byMerchant.set(merchantId, await this.fetch(merchantId));
      return;
    }
    const fresh = await productsBySku(this.db, merchantId, skus);
    const map = this.byMerchant.get(merchantId) ?? new Map<string, ProductRecord>();
    for (const sku of skus) map.delete(sku);
    for (const p of fresh) if (!p.archivedAt) map.set(p.sku, p);
    this.byMerchant.set(merchantId, map);
  }

  private async fetch(merchantId: string): Promise<Map<string, ProductRecord>> {
    const list = await listProducts(this.db, merchantId);
    return new Map(list.filter((p) => !p.archivedAt).map((p) => [p.sku, p]));
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    catalog: Catalog;
  }
}

export default fp(
  async function catalogPlugin(app) {
    const catalog = new Catalog(app.db);
    await catalog.loadAll();
    app.decorate('catalog', catalog);
    app.changes.subscribe(async (change) => {
      if (change.kind === 'products') await catalog.reload(change.merchantId, change.ids);
    });
    app.changes.onResync(() => catalog.loadAll());
  },
  { name: 'catalog', dependencies: ['db', 'changes'] },
);
