/**
 * Runs once before the Vitest suite: prepares the PGlite templates every server test starts
 * from (tests/support/pglite-template.ts), so that no two test files build one at once, and,
 * when PostgreSQL is configured, names this run's databases (one per worker, made by the worker's
 * first test that needs one: tests/server/helper.ts) and drops them at the end.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { templateTarball } from './pglite-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Prefix of this run's PostgreSQL databases. */
    nearbuyDatabasePrefix: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  await templateTarball('empty');
  await templateTarball('migrated');
  const url = process.env.NEARBUY_TEST_DATABASE_URL;
  if (!url) return;
  const base = decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
  const prefix = `${base}_${randomBytes(4).toString('hex')}_w`;
  project.provide('nearbuyDatabasePrefix', prefix);
  return async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname.replaceAll('"', '""')}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
}
