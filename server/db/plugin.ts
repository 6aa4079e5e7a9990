/**
 * The database as a service: `app.db`. Opens the configured store (or uses one handed in by a
 * test), runs pending migrations before anything else loads, and closes it last.
 */
import fp from 'fastify-plugin';
import type { Db } from './port.js';
import { openDb, type DbOptions } from './open.js';
import { migrate } from './migrate.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export interface DbPluginOptions {
  /** A database opened by the caller; the caller closes it. */
  db?: Db;
  open?: DbOptions;
}

export default fp<DbPluginOptions>(
  async function dbPlugin(app, opts) {
    const db =
      opts.db ??
      (await openDb({
        ...opts.open,
        onBackgroundError: (error) => app.log.warn({ err: error }, 'database connection trouble'),
      }));
    const applied = await migrate(db);
    if (applied.length > 0) app.log.info({ migrations: applied }, 'applied migrations');
    app.decorate('db', db);
    if (!opts.db) app.addHook('onClose', () => db.close());
  },
  { name: 'db' },
);
