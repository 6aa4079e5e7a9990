/**
 * `npm run merchant -- create --name "Shop" --origin https://shop.example [--origin …] [--currency USD]`
 * creates a merchant and prints its keys; the secret key is shown once and stored hashed.
 * `npm run merchant -- roll-secret --id mer_…` replaces a merchant's secret key.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AllowedOrigin } from '../../contract/admin.js';
import { Text } from '../../contract/primitives.js';
import { CurrencyCode } from '../../contract/primitives.js';
import { ConfigError } from '../config.js';
import { hashSecretKey, newPublishableKey, newSecretKey } from '../keys.js';
import { defaultFeePolicy, insertMerchant, updateMerchant } from '../repositories/merchants.js';
import { ChangeBus } from '../services/changes.js';
import { fail, openConfiguredDb } from './open.js';

const USAGE = `Usage:
  npm run merchant -- create --name "Shop" --origin https://shop.example [--origin …] [--currency USD]
  npm run merchant -- roll-secret --id mer_…`;

const CreateArgs = z.object({
  name: Text(200),
  origin: z.array(AllowedOrigin).min(1, 'Give at least one --origin'),
  currency: CurrencyCode.default('USD'),
});

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      currency: { type: 'string' },
      id: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) fail(USAGE);

  if (command === 'create') {
    const parsed = CreateArgs.safeParse({ name: values.name, origin: values.origin ?? [], currency: values.currency?.toUpperCase() });
    if (!parsed.success) fail(`${parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n')}\n\n${USAGE}`);
    const { db, where } = await openConfiguredDb();
    try {
      const publishableKey = newPublishableKey();
      const secretKey = newSecretKey();
      const m = await insertMerchant(db, {
        name: parsed.data.name,
        publishableKey,
        secretKeyHash: hashSecretKey(secretKey),
        allowedOrigins: [...new Set(parsed.data.origin)],
        currency: parsed.data.currency,
        feePolicy: defaultFeePolicy(),
      });
      await new ChangeBus(db.listen !== undefined).notifyIn(db, { merchantId: m.id, kind: 'merchant' });
      console.log(`Created merchant ${m.id} (${m.name}) in ${where}`);
      console.log(`  allowed origins: ${m.allowedOrigins.join(', ')}`);
      console.log(`  currency:        ${m.currency}`);
      console.log(`  publishable key: ${publishableKey}   (for your web pages)`);
      console.log(`  secret key:      ${secretKey}   (for your server; shown once, stored hashed)`);
    } finally {
      await db.close();
    }
    return;
  }

  if (command === 'roll-secret') {
    if (!values.id) fail(`--id is required\n\n${USAGE}`);
    const { db } = await openConfiguredDb();
    try {
      const secretKey = newSecretKey();
      const m = await updateMerchant(db, values.id, { secretKeyHash: hashSecretKey(secretKey) });
      if (!m) fail(`No merchant with id ${values.id}`);
      await new ChangeBus(db.listen !== undefined).notifyIn(db, { merchantId: m.id, kind: 'merchant' });
      console.log(`New secret key for ${m.id}: ${secretKey}   (shown once; the old one no longer works)`);
    } finally {
      await db.close();
    }
    return;
  }

  fail(`Unknown command "${command}"\n\n${USAGE}`);
}

main().catch((error) => {
  if (error instanceof ConfigError) fail(error.message);
  fail(`merchant: ${error instanceof Error ? error.message : String(error)}`);
});
