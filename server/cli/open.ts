/** Opens the database the server would use (same env variables), migrated. For the CLIs. */
import { loadConfig } from '../config.js';
import type { Db } from '../db/port.js';
import { describeDb, dbOptionsFrom, openDb } from '../db/open.js';
import { migrate } from '../db/migrate.js';

export async function openConfiguredDb(): Promise<{ db: Db; where: string }> {
  const config = loadConfig();
  const db = await openDb(dbOptionsFrom(config));
  await migrate(db);
  return { db, where: describeDb(config) };
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
