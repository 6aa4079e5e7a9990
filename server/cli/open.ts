/** Opens the database the server would use (same env variables), migrated. For the CLIs. */
import { loadConfig } from '../config.js';
import type { Db } from '../db/port.js';
import { openDb } from '../db/open.js';
import { migrate } from '../db/migrate.js';

export async function openConfiguredDb(): Promise<{ db: Db; where: string }> {
  const config = loadConfig();
  const db = await openDb(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.NEARBUY_DATA_DIR });
  await migrate(db);
  const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.NEARBUY_DATA_DIR}`;
  return { db, where };
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
