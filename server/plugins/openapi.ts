/**
 * OpenAPI generated from the routes' zod schemas (`@fastify/swagger` with the zod transform),
 * served as JSON at `/openapi.json` and as a readable page at `/docs` (Scalar).
 */
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export default fp(
  async function openapiPlugin(app) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'nearbuy API',
          version: '1.0.0',
          description: 'Delivery promises from live stock, checkout and admin. Errors are always `{ error: { code, message, details? } }`.',
        },
        components: {
          securitySchemes: {
            publishableKey: {
              type: 'http',
              scheme: 'bearer',
              description: 'pk_… — safe in a web page; browsers must come from an allowed origin',
            },
            secretKey: { type: 'http', scheme: 'bearer', description: 'sk_… — servers only; never from a browser' },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    app.after(() => {
      app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    });
    await app.register(scalar, {
      routePrefix: '/docs',
      configuration: { title: 'nearbuy API', url: '/openapi.json' },
      logLevel: 'warn',
    });
  },
  { name: 'openapi' },
);
