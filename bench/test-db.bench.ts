/**
 * How long a server test waits for its database: a new PGlite cluster (the baseline, what every
 * test paid before), against one started from the prepared tarballs of
 * tests/support/pglite-template.ts (empty, and with every migration applied).
 *
 *   npm run bench:test-db        # 6 rounds
 *   npm run bench:test-db -- 10  # chosen rounds
 *
 * Each round opens the three kinds one after another and runs one query, so load on the machine
 * falls on all three alike. Prints the medians, then one JSON line with them and the ratios.
 */
import { readFileSync } from 'node:fs';
import { openPglite } from '../server/db/pglite.js';
import { migrate } from '../server/db/migrate.js';
import { templateTarball } from '../tests/support/pglite-template.js';

const rounds = Number(process.argv[2] ?? 6);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw new Error('rounds must be a whole number from 1 to 50');

const tarballs = {
  empty: new Blob([readFileSync(await templateTarball('empty'))]),
  migrated: new Blob([readFileSync(await templateTarball('migrated'))]),
};

async function timed(open: () => Promise<{ close(): Promise<void> }>): Promise<number> {
  const start = performance.now();
  const db = await open();
  const elapsed = performance.now() - start;
  await db.close();
  return elapsed;
}

const times = { fresh: [] as number[], empty: [] as number[], migrated: [] as number[] };
for (let i = 0; i < rounds; i++) {
  // What a test did before: a new cluster, then the migrations.
  times.fresh.push(
    await timed(async () => {
      const db = await openPglite();
      await migrate(db);
      return db;
    }),
  );
  times.empty.push(
    await timed(async () => {
      const db = await openPglite(undefined, { loadDataDir: tarballs.empty });
      await migrate(db);
      return db;
    }),
  );
  times.migrated.push(
    await timed(async () => {
      const db = await openPglite(undefined, { loadDataDir: tarballs.migrated });
      await migrate(db);
      return db;
    }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const result = {
  rounds,
  freshMs: Math.round(median(times.fresh)),
  emptyTemplateMs: Math.round(median(times.empty)),
  migratedTemplateMs: Math.round(median(times.migrated)),
  emptyRatio: Number((median(times.empty) / median(times.fresh)).toFixed(2)),
  migratedRatio: Number((median(times.migrated) / median(times.fresh)).toFixed(2)),
};
console.log(`A migrated test database, median of ${rounds} rounds:`);
console.log(`  new cluster + migrations        ${result.freshMs} ms (baseline)`);
console.log(`  empty template + migrations     ${result.emptyTemplateMs} ms (${result.emptyRatio}×)`);
console.log(`  migrated template               ${result.migratedTemplateMs} ms (${result.migratedRatio}×)`);
console.log(JSON.stringify(result));
