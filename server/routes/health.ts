/** `GET /healthz`: the process is up and its caches are loaded (no database round trip). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const health: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', {
    schema: {
      tags: ['operations'],
      summary: 'Liveness',
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
    },
    handler: async () => ({ status: 'ok' as const, database: app.db.dialect }),
  });
};

export default health;
