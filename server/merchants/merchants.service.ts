/**
 * Merchants: creating one (the CLI, tests, later the console), rolling its secret key, and its
 * settings (`app.merchantSettings`: name, allowed origins, fee policy). Secret keys are shown
 * once and stored only as a digest.
 */
import fp from 'fastify-plugin';
import type { UpdateMerchantSettingsBody } from '../../contract/admin.js';
import type { Db } from '../db/port.js';
import { notFound } from '../errors.js';
import { hashSecretKey, newPublishableKey, newSecretKey } from './keys.js';
import type { WriteTransactions } from '../db/writes.js';
import type { Merchant } from './merchant.js';
import { defaultFeePolicy, insertMerchant, updateMerchant, type MerchantRecord } from './merchants.repository.js';

export interface NewMerchantInput {
  name: string;
  allowedOrigins: string[];
  currency: string;
  /** Keys chosen by the caller (the demo's fixed publishable key); fresh random ones otherwise. */
  publishableKey?: string;
  secretKey?: string;
}

/** Creates a merchant; the secret key is returned here once and only its digest is stored. */
export async function createMerchant(
  db: Db,
  changes: WriteTransactions,
  input: NewMerchantInput,
): Promise<{ merchant: MerchantRecord; publishableKey: string; secretKey: string }> {
  const publishableKey = input.publishableKey ?? newPublishableKey();
  const secretKey = input.secretKey ?? newSecretKey();
  const merchant = await changes.transaction(db, (tx) =>
    insertMerchant(tx, {
      name: input.name,
      publishableKey,
      secretKeyHash: hashSecretKey(secretKey),
      allowedOrigins: [...new Set(input.allowedOrigins)],
      currency: input.currency,
      feePolicy: defaultFeePolicy(),
    }),
  );
  return { merchant, publishableKey, secretKey };
}

/** Gives a merchant a new secret key (the old one stops working at once); null for an unknown id. */
export async function rollSecretKey(
  db: Db,
  changes: WriteTransactions,
  merchantId: string,
): Promise<{ merchant: MerchantRecord; secretKey: string } | null> {
  const secretKey = newSecretKey();
  const merchant = await changes.transaction(db, (tx) => updateMerchant(tx, merchantId, { secretKeyHash: hashSecretKey(secretKey) }));
  return merchant ? { merchant, secretKey } : null;
}

export class MerchantSettingsService {
  constructor(
    private readonly db: Db,
    private readonly changes: WriteTransactions,
  ) {}

  /** A new secret key, shown once (the console's keys page); the old one stops working at once. */
  async rollSecretKey(merchant: Merchant): Promise<string> {
    const rolled = await rollSecretKey(this.db, this.changes, merchant.id);
    if (!rolled) throw notFound(`No merchant ${merchant.id}`);
    return rolled.secretKey;
  }

  async update(merchant: Merchant, b: UpdateMerchantSettingsBody): Promise<MerchantRecord> {
    return this.changes.transaction(this.db, async (tx) => {
      const r = await updateMerchant(tx, merchant.id, {
        ...(b.name !== undefined ? { name: b.name } : {}),
        ...(b.allowedOrigins !== undefined ? { allowedOrigins: [...new Set(b.allowedOrigins)] } : {}),
        ...(b.feePolicy !== undefined ? { feePolicy: b.feePolicy } : {}),
        ...(b.latePayment !== undefined ? { latePayment: b.latePayment } : {}),
        ...(b.deliveryBuffers !== undefined ? { deliveryBuffers: b.deliveryBuffers } : {}),
      });
      if (!r) throw notFound(`No merchant ${merchant.id}`);
      return r;
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    merchantSettings: MerchantSettingsService;
  }
}

export default fp(
  async function merchantSettingsPlugin(app) {
    app.decorate('merchantSettings', new MerchantSettingsService(app.db, app.changes));
  },
  { name: 'merchant-settings', dependencies: ['db', 'changes'] },
);
