/**
 * Merchants in memory (`app.merchants`): looked up by publishable key or secret-key digest on
 * every public call, so no request waits on the database to learn who is calling. Reloaded on
 * change notices.
 */
import fp from 'fastify-plugin';
import { hashSecretKey } from '../merchants/keys.js';
import { getMerchant, listMerchants } from '../merchants/merchants.repository.js';
import { matches, toMerchant, type Merchant, type OriginRules } from '../merchants/merchant.js';

export type { Merchant };

export class MerchantDirectory {
  private byId = new Map<string, Merchant>();
  private byPk = new Map<string, Merchant>();
  private bySkHash = new Map<string, Merchant>();
  private allOrigins: OriginRules = { exact: new Set(), anyPort: new Set() };

  constructor(private readonly db: Parameters<typeof listMerchants>[0]) {}

  async loadAll(): Promise<void> {
    const list = (await listMerchants(this.db)).map(toMerchant);
    this.byId = new Map(list.map((m) => [m.id, m]));
    this.reindex();
  }

  async reload(id: string): Promise<void> {
    const record = await getMerchant(this.db, id);
    if (record) this.byId.set(id, toMerchant(record));
    else this.byId.delete(id);
    this.reindex();
  }

  get(id: string): Merchant | undefined {
    return this.byId.get(id);
  }

  byPublishableKey(key: string): Merchant | undefined {
    return this.byPk.get(key);
  }

  bySecretKey(key: string): Merchant | undefined {
    return this.bySkHash.get(hashSecretKey(key));
  }

  allows(merchant: Merchant, origin: string): boolean {
    return matches(merchant.origins, origin);
  }

  /** Whether any merchant allows this origin: the answer to a CORS preflight, which has no key. */
  anyAllows(origin: string): boolean {
    return matches(this.allOrigins, origin);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  private reindex(): void {
    this.byPk = new Map();
    this.bySkHash = new Map();
    const all: OriginRules = { exact: new Set(), anyPort: new Set() };
    for (const m of this.byId.values()) {
      this.byPk.set(m.publishableKey, m);
      this.bySkHash.set(m.secretKeyHash, m);
      for (const o of m.origins.exact) all.exact.add(o);
      for (const o of m.origins.anyPort) all.anyPort.add(o);
    }
    this.allOrigins = all;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    merchants: MerchantDirectory;
  }
}

export default fp(
  async function merchantsPlugin(app) {
    const directory = new MerchantDirectory(app.db);
    await directory.loadAll();
    app.decorate('merchants', directory);
    app.changes.subscribe(async (change) => {
      if (change.kind === 'merchant') await directory.reload(change.merchantId);
    });
    app.changes.onResync(() => directory.loadAll());
  },
  { name: 'merchants', dependencies: ['db', 'changes'] },
);
