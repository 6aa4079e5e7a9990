/**
 * Builds the nearbuy API as a tree of plugins, without listening: `server.ts` listens, tests
 * call `inject`. Services (database, change bus, merchant/product/network caches) are plugins
 * that decorate the instance; routes are a schema and a few lines each.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ConfigSchema, type Config } from './config.js';
import type { Db } from './db/port.js';
import errorHandler from './plugins/error-handler.js';
import dbPlugin from './plugins/db.js';
import { dbOptionsFrom } from './db/open.js';
import changes from './services/changes.js';
import merchants from './services/merchants.js';
import catalog from './services/catalog.js';
import networks from './services/networks.js';
import auth from './plugins/auth.js';
import cors from './plugins/cors.js';
import rateLimit from './plugins/rate-limit.js';
import openapi from './plugins/openapi.js';
import health from './routes/health.js';
import promiseRoute from './routes/public/promise.js';
import adminProducts from './routes/admin/products.js';
import adminNodes from './routes/admin/nodes.js';
import adminInventory from './routes/admin/inventory.js';
import adminMerchant from './routes/admin/merchant.js';
import checkoutService from './checkout/plugin.js';
import checkoutRoutes from './routes/public/checkout.js';
import orderRoutes from './routes/public/orders.js';
import memberRoutes from './routes/public/members.js';
import webhookRoutes from './routes/webhooks.js';
import adminOrders from './routes/admin/orders.js';
import orderPage from './routes/order-page.js';
import widgetAssets from './plugins/widget-assets.js';
import demoPlugin from './demo/plugin.js';
import { DemoClock } from './demo/clock.js';

export interface AppOptions {
  /** Defaults to the schema's defaults (not the environment: `server.ts` reads that). */
  config?: Partial<Config>;
  /** An open database the caller owns (tests); otherwise one is opened from the config. */
  db?: Db;
  /** Pino options, or false for silence. */
  logger?: FastifyServerOptions['logger'];
  /** The current instant for promises; tests pin it. */
  clock?: () => number;
  /** PostgreSQL only: work in this schema (tests). */
  schema?: string;
  /** Demo mode (defaults to `NEARBUY_DEMO`): demo shop, storefront, `/demo/` tools, a movable clock. */
  demo?: boolean;
}

/** Pino settings: never log keys or cookies, even when a debug log prints headers. */
export function loggerOptions(config: Pick<Config, 'LOG_LEVEL' | 'LOG_PRETTY'>): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["nearbuy-member-token"]',
        'headers.authorization',
        '*.secretKey',
        '*.secretKeyHash',
      ],
      censor: '[redacted]',
    },
    ...(config.LOG_PRETTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  };
}

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const config = ConfigSchema.parse({}) as Config;
  Object.assign(config, options.config);

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    routerOptions: { maxParamLength: 200 },
    // Slow clients must not hold connections open forever.
    requestTimeout: 30_000,
    // Opening PGlite (WebAssembly PostgreSQL) and migrating takes seconds, more on a busy machine.
    pluginTimeout: 120_000,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // A JSON API: any other body type is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');

  await app.register(errorHandler);
  await app.register(dbPlugin, {
    ...(options.db ? { db: options.db } : {}),
    open: {
      ...dbOptionsFrom(config),
      ...(options.schema ? { schema: options.schema } : {}),
    },
  });
  await app.register(changes);
  await app.register(merchants);
  await app.register(catalog);
  await app.register(networks);
  await app.register(auth);
  await app.register(cors);
  await app.register(rateLimit, {
    perKey: config.RATE_LIMIT_PER_KEY,
    perIp: config.RATE_LIMIT_PER_IP,
    windowMs: config.RATE_LIMIT_WINDOW_MS,
  });
  await app.register(openapi);
  const demoClock = (options.demo ?? config.NEARBUY_DEMO) ? new DemoClock(options.clock ?? Date.now, config.NEARBUY_DEMO_CLOCK) : null;
  const clock = demoClock ? demoClock.now : (options.clock ?? Date.now);
  await app.register(checkoutService, {
    clock,
    holdMs: config.CHECKOUT_HOLD_MINUTES * 60_000,
    sweepMs: config.CHECKOUT_SWEEP_SECONDS * 1000,
    stripe:
      config.STRIPE_SECRET_KEY && config.STRIPE_PUBLISHABLE_KEY && config.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: config.STRIPE_SECRET_KEY,
            publishableKey: config.STRIPE_PUBLISHABLE_KEY,
            webhookSecret: config.STRIPE_WEBHOOK_SECRET,
          }
        : null,
  });

  if (demoClock) await app.register(demoPlugin, { clock: demoClock });

  await app.register(health);
  await app.register(promiseRoute, { prefix: '/v1', clock, cacheMs: config.PROMISE_CACHE_MS });
  await app.register(checkoutRoutes, { prefix: '/v1', clock });
  await app.register(orderRoutes, { prefix: '/v1' });
  await app.register(memberRoutes, { prefix: '/v1' });
  await app.register(webhookRoutes, { prefix: '/v1' });
  await app.register(adminProducts, { prefix: '/v1/admin' });
  await app.register(adminNodes, { prefix: '/v1/admin' });
  await app.register(adminInventory, { prefix: '/v1/admin', bulkBodyLimit: config.BODY_LIMIT * 8 });
  await app.register(adminMerchant, { prefix: '/v1/admin' });
  await app.register(adminOrders, { prefix: '/v1/admin' });
  await app.register(orderPage);
  await app.register(widgetAssets, { dir: config.NEARBUY_WIDGET_DIR });

  return app;
}
