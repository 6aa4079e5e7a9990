/**
 * `npm run seed`: loads the demo merchant, products, network and stock (idempotent) and prints
 * the keys. The secret key is rolled on every run, since only its hash is stored.
 * With PGlite, run it while the server is stopped (one process per data folder).
 */
import { ConfigError } from '../config.js';
import { seedDemo, DEMO_NODES, DEMO_PRODUCTS } from '../seed/demo.js';
import { fail, openConfiguredDb } from './open.js';

try {
  const { db, where } = await openConfiguredDb();
  try {
    const r = await seedDemo(db, { rollSecretKey: true });
    console.log(`Seeded the demo merchant into ${where}: ${DEMO_PRODUCTS.length} products, ${DEMO_NODES.length} nodes.`);
    console.log(`  merchant:        ${r.merchantId}${r.created ? ' (created)' : ' (updated)'}`);
    console.log(`  publishable key: ${r.publishableKey}`);
    console.log(`  secret key:      ${r.secretKey}   (shown once; running seed again rolls it)`);
    console.log(
      '  try: curl -H "Authorization: Bearer pk_demo_nearbuy_storefront" "http://127.0.0.1:8787/v1/promise?sku=TEE-BLK-M&postal_code=85226"',
    );
  } finally {
    await db.close();
  }
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  fail(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
}
