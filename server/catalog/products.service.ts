/** The merchant's products (`app.products`): what the admin API and the console change. Prices in minor units. */
import fp from 'fastify-plugin';
import type { CreateProductBody, UpdateProductBody } from '../../contract/admin.js';
import type { Db } from '../db/port.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import type { WriteTransactions } from '../db/writes.js';
import type { Merchant } from '../merchants/merchant.js';
import {
  deleteProduct,
  getProduct,
  insertProduct,
  listProducts,
  searchProducts,
  updateProduct,
  type ProductRecord,
} from './products.repository.js';

function checkCurrency(merchant: Merchant, currency: string): void {
  if (currency !== merchant.currency)
    throw unprocessable(`Prices must be in the merchant's currency ${merchant.currency}, not ${currency}`);
}

export class ProductService {
  constructor(
    private readonly db: Db,
    private readonly changes: WriteTransactions,
  ) {}

  list(merchant: Merchant, limit: number, after?: string): Promise<ProductRecord[]> {
    return listProducts(this.db, merchant.id, limit, after);
  }

  /** A page of products whose SKU or title contains `text` (all when null), by SKU, with the count of all that match. */
  search(merchant: Merchant, text: string | null, limit: number, offset: number): Promise<{ items: ProductRecord[]; total: number }> {
    return searchProducts(this.db, merchant.id, text, limit, offset);
  }

  async get(merchant: Merchant, sku: string): Promise<ProductRecord> {
    const p = await getProduct(this.db, merchant.id, sku);
    if (!p) throw notFound(`No product with SKU ${sku}`);
    return p;
  }

  async create(merchant: Merchant, b: CreateProductBody): Promise<ProductRecord> {
    checkCurrency(merchant, b.price.currency);
    return this.changes.transaction(this.db, async (tx) => {
      const p = await insertProduct(tx, merchant.id, b.sku, {
        title: b.title,
        priceMinor: b.price.amount,
        currency: b.price.currency,
        imageUrl: b.imageUrl,
        fastDeliveryEligible: b.fastDeliveryEligible,
      });
      if (!p) throw conflict(`A product with SKU ${b.sku} already exists`);
      return p;
    });
  }

  async update(merchant: Merchant, sku: string, b: UpdateProductBody): Promise<ProductRecord> {
    if (b.price) checkCurrency(merchant, b.price.currency);
    return this.changes.transaction(this.db, async (tx) => {
      const p = await updateProduct(tx, merchant.id, sku, {
        ...(b.title !== undefined ? { title: b.title } : {}),
        ...(b.price ? { priceMinor: b.price.amount, currency: b.price.currency } : {}),
        ...(b.imageUrl !== undefined ? { imageUrl: b.imageUrl } : {}),
        ...(b.fastDeliveryEligible !== undefined ? { fastDeliveryEligible: b.fastDeliveryEligible } : {}),
        ...(b.archived !== undefined ? { archived: b.archived } : {}),
      });
      if (!p) throw notFound(`No product with SKU ${sku}`);
      return p;
    });
  }

  /** Deletes a product and its stock rows. */
  async delete(merchant: Merchant, sku: string): Promise<void> {
    await this.changes.transaction(this.db, async (tx) => {
      if (!(await deleteProduct(tx, merchant.id, sku))) throw notFound(`No product with SKU ${sku}`);
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    products: ProductService;
  }
}

export default fp(
  async function productsPlugin(app) {
    app.decorate('products', new ProductService(app.db, app.changes));
  },
  { name: 'products', dependencies: ['db', 'changes'] },
);
