/**
 * `app.readiness()`: whether this process should take traffic: the database answers, every
 * migration this build knows has run, and the process is not shutting down. The caches load
 * before the app is ready, so a process that can answer has them. Read by `GET /readyz`.
 */
import fp from 'fastify-plugin';
import { loadMigrations } from '../db/migrate.js';

export interface Readiness {
  database: boolean;
  migrations: boolean;
  closing: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    readiness(): Promise<Readiness>;
  }
}

export default fp(
  async function readinessPlugin(app) {
    const latest = Math.max(0, ...(await loadMigrations()).map((m) => m.version));
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.decorate('readiness', async (): Promise<Readiness> => {
      try {
        const [row] = await app.db.query<{ v: number | null }>(`SELECT max(version) AS v FROM schema_migrations`);
        return { database: true, migrations: Number(row?.v ?? 0) >= latest, closing };
      } catch (err) {
        app.log.warn({ err }, 'readiness: the database did not answer');
        return { database: false, migrations: false, closing };
      }
    });
  },
  { name: 'readiness', dependencies: ['db'] },
);
