/**
 * Prepared PGlite databases for tests. Creating a PGlite cluster (its initdb, in WebAssembly) is
 * most of what a server test waits for; starting from a tarball of one prepared cluster takes
 * well under half the time (`npm run bench:test-db` measures it). Two kinds:
 * - `empty`: a fresh cluster, exactly what `PGlite.create()` gives;
 * - `migrated`: that cluster with every migration applied, without the `template0` and `template1`
 *   databases (no test creates a database) and with 1 MB WAL segments instead of 16 MB: the
 *   tarball is a third of the size, and a test's start unpacks it.
 * Tarballs are cached under node_modules/.cache/nearbuy, keyed by the PGlite version and the
 * migrations' contents, so a changed migration builds a new one.
 *
 * Run directly (`tsx tests/support/pglite-template.ts <folder>`) it writes a migrated cluster
 * into a folder, for the end-to-end tests' demo servers to copy.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDb } from '../../server/db/pglite.js';
import { loadMigrations, migrate } from '../../server/db/migrate.js';

export type TemplateKind = 'empty' | 'migrated';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'nearbuy');

async function cacheKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json')));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const m of await loadMigrations()) hash.update(`${m.name}\0${m.sql}\0`);
  return hash.digest('hex').slice(0, 16);
}

/** The path of a tarball of a prepared cluster, built now unless cached. */
export async function templateTarball(kind: TemplateKind): Promise<string> {
  const file = join(CACHE, `pglite-${kind}-${await cacheKey()}.tar`);
  if (existsSync(file)) return file;
  const pg = await PGlite.create(kind === 'migrated' ? { initDbStartParams: ['--wal-segsize=1'] } : {});
  if (kind === 'migrated') {
    await migrate(pgliteDb(pg));
    await pg.exec(`UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')`);
    await pg.exec('DROP DATABASE template0');
    await pg.exec('DROP DATABASE template1');
    await pg.exec('CHECKPOINT');
  }
  const tarball = await pg.dumpDataDir('none');
  await pg.close();
  mkdirSync(CACHE, { recursive: true });
  // Written aside and renamed, so a reader never sees half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
  renameSync(partial, file);
  return file;
}

/** A migrated cluster in `folder`, as the server would leave it on its first start. */
export async function writeMigratedFolder(folder: string): Promise<void> {
  mkdirSync(folder, { recursive: true });
  const pg = await PGlite.create({ dataDir: folder });
  await migrate(pgliteDb(pg));
  await pg.close();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: tsx tests/support/pglite-template.ts <folder>');
    process.exit(2);
  }
  await writeMigratedFolder(folder);
}
