/**
 * PGlite adapter: PostgreSQL compiled to WebAssembly, running inside this process. The default
 * store for one machine; persisted under a folder, or in memory when no folder is given.
 * A PGlite folder belongs to one process at a time, so there is no cross-process notify here.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './port.js';

export interface PgliteOptions {
  /**
   * A tarball of a data directory to start from (`PGlite.dumpDataDir`) instead of creating a
   * new cluster: tests start from one prepared copy, which takes well under half the time.
   */
  loadDataDir?: Blob;
}

export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  return pgliteDb(pg);
}

/** The `Db` port over an open PGlite. */
export function pgliteDb(pg: PGlite): Db {
  const asQueryable = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const result = await q.query<Row>(sql, params ? [...params] : undefined);
      return result.rows;
    },
  });
  const root = asQueryable(pg);
  return {
    dialect: 'pglite',
    query: root.query,
    transaction: (work, options) =>
      pg.transaction(async (tx) => {
        if (options?.asyncCommit) await tx.query('SET LOCAL synchronous_commit = off');
        return work(asQueryable(tx));
      }),
    close: () => pg.close(),
  };
}
