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
