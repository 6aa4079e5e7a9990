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
import { ChangeBus } from '../live/changes.js';
import { createMerchant, rollSecretKey } from '../merchants/merchants.service.js';
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
      const {
        merchant: m,
        publishableKey,
        secretKey,
      } = await createMerchant(db, new ChangeBus(db.listen !== undefined), {
        name: parsed.data.name,
        allowedOrigins: parsed.data.origin,
        currency: parsed.data.currency,
      });
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
      const rolled = await rollSecretKey(db, new ChangeBus(db.listen !== undefined), values.id);
      if (!rolled) fail(`No merchant with id ${values.id}`);
      console.log(`New secret key for ${rolled.merchant.id}: ${rolled.secretKey}   (shown once; the old one no longer works)`);
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
