/**
 * `GET /healthz` (alive: the process answers; no database round trip) and `GET /readyz` (ready
 * for traffic: the database answers, every migration this build knows has run, the caches are
 * loaded, and the process is not shutting down). A load balancer sends traffic on `/readyz`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Ready = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.boolean(),
  migrations: z.boolean(),
  closing: z.boolean(),
});

const health: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', {
    schema: {
      tags: ['operations'],
      summary: 'Liveness',
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
    },
    handler: async () => ({ status: 'ok' as const, database: app.db.dialect }),
  });

  app.get('/readyz', {
    schema: {
      tags: ['operations'],
      summary: 'Readiness: database reachable, migrations done, caches loaded, not shutting down',
      response: { 200: Ready, 503: Ready },
    },
    handler: async (_request, reply) => {
      const { database, migrations, closing } = await app.readiness();
      const ready = database && migrations && !closing;
      reply.header('cache-control', 'no-store');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', database, migrations, closing });
    },
  });
};

export default health;
