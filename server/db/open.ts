import type { Db } from './port.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface DbOptions {
  /** PostgreSQL URL; PGlite when absent. */
  databaseUrl?: string;
  /** PostgreSQL only: schema to work in (created if missing). */
  schema?: string;
  /** PGlite only: folder for the files; in memory when absent. */
  dataDir?: string;
  onBackgroundError?: (error: Error) => void;
}

/** Opens the configured database: PostgreSQL when a URL is given, otherwise PGlite. */
export async function openDb(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) {
    return openPostgres({
      connectionString: options.databaseUrl,
      ...(options.schema ? { schema: options.schema } : {}),
      ...(options.onBackgroundError ? { onBackgroundError: options.onBackgroundError } : {}),
    });
  }
  return openPglite(options.dataDir);
}

/** The store the configuration names: PostgreSQL with DATABASE_URL, else PGlite in the data folder. */
export function dbOptionsFrom(config: { DATABASE_URL?: string | undefined; NEARBUY_DATA_DIR: string }): DbOptions {
  return config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.NEARBUY_DATA_DIR };
}

/** Where that store is, for people: never the URL itself, which may hold a password. */
export function describeDb(config: { DATABASE_URL?: string | undefined; NEARBUY_DATA_DIR: string }): string {
  return config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.NEARBUY_DATA_DIR}`;
}
