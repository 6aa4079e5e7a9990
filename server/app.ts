/**
 * Builds the nearbuy API as a tree of plugins, without listening: `server.ts` listens, tests
 * call `inject`. Services (database, change bus, live caches, one service per room) are plugins
 * that decorate the instance; routes are a schema and a few lines each. The layers and the
 * one-way flow between them: docs/ARCHITECTURE.md.
 */
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ConfigSchema, type Config } from './config.js';
import type { Db } from './db/port.js';
import { dbOptionsFrom } from './db/open.js';
import dbPlugin from './db/plugin.js';
import errorHandler, { sendError } from './plugins/error-handler.js';
import clockPlugin from './plugins/clock.js';
import securityHeaders, { ERROR_SECURITY_HEADERS } from './plugins/security-headers.js';
import cors from './plugins/cors.js';
import rateLimit from './plugins/rate-limit.js';
import openapi from './plugins/openapi.js';
import widgetAssets from './plugins/widget-assets.js';
import changes from './live/changes.js';
import merchants from './live/merchants.js';
import catalog from './live/catalog.js';
import networks from './live/networks.js';
import auth from './auth/plugin.js';
import tokens from './auth/tokens.js';
import mailer, { type Mailer } from './mail/mailer.js';
import mail from './mail/mail.service.js';
import webhooks from './webhooks/webhooks.service.js';
import fulfilment from './fulfilment/fulfilment.service.js';
import type { CourierProvider } from './fulfilment/courier.js';
import adminFulfilment from './routes/admin/fulfilment.js';
import adminWebhooks from './routes/admin/webhooks.js';
import payments from './payments/plugin.js';
import promises from './promise-service/plugin.js';
import products from './catalog/products.service.js';
import nodes from './catalog/nodes.service.js';
import inventory from './inventory/inventory.service.js';
import merchantSettings from './merchants/merchants.service.js';
import members from './members/members.service.js';
import orders from './orders/orders.service.js';
import checkout from './checkout/checkout.service.js';
import health from './routes/health.js';
import metrics from './plugins/metrics.js';
import readiness from './plugins/readiness.js';
import promiseRoute from './routes/public/promise.js';
import checkoutRoutes from './routes/public/checkout.js';
import orderRoutes from './routes/public/orders.js';
import memberRoutes from './routes/public/members.js';
import webhookRoutes from './routes/webhooks.js';
import adminProducts from './routes/admin/products.js';
import adminNodes from './routes/admin/nodes.js';
import adminInventory from './routes/admin/inventory.js';
import adminMerchant from './routes/admin/merchant.js';
import adminOrders from './routes/admin/orders.js';
import adminMembers from './routes/admin/members.js';
import orderPage from './routes/pages/order.js';
import consoleService from './console/console.service.js';
import consoleGuard from './console/guard.js';
import consoleAuth from './routes/console/auth.js';
import consoleKeys from './routes/console/keys.js';
import consoleOrders from './routes/console/orders.js';
import consoleStaff from './routes/console/staff.js';
import consoleStock from './routes/console/stock.js';
import consoleProducts from './routes/console/products.js';
import consolePlaces from './routes/console/places.js';
import consoleDelivery from './routes/console/delivery.js';
import consoleAssets from './plugins/console-assets.js';
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
  /** Where member codes go; the development mailer (log and memory) by default, SMTP when configured. */
  mailer?: Mailer;
  /**
   * Run an SMTP server inside the process and send shopper email to it (read back through
   * `app.mail.inbox`); on in demo mode. Ignored when SMTP_HOST is set.
   */
  captureMail?: boolean;
  /** A courier other than the simulated one. */
  courier?: CourierProvider;
  /** The real time, for webhook signature timestamps; tests may pin it. */
  wallClock?: () => number;
  /**
   * Told of every route as it is added, hidden ones included: the hostile-input test walks the
   * console's routes, which the OpenAPI document leaves out.
   */
  onRoute?: (route: RouteOptions) => void;
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
    // The request line without the `key` query parameter (docs/ARCHITECTURE.md, "The HTTP contract").
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: request.url.replace(/([?&]key=)[^&#]*/gi, '$1[redacted]'),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
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
    // A path the router refuses (a segment past maxParamLength, broken percent-encoding) leaves
    // in the one error shape too, not Fastify's own.
    frameworkErrors: (error, request, reply) => void sendError(request, reply.headers(ERROR_SECURITY_HEADERS), error),
    // Slow clients must not hold connections open forever.
    requestTimeout: 30_000,
    // Opening PGlite (WebAssembly PostgreSQL) and migrating takes seconds, more on a busy machine.
    pluginTimeout: 120_000,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  // A JSON API: any other body type is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');

  const demoClock = (options.demo ?? config.NEARBUY_DEMO) ? new DemoClock(options.clock ?? Date.now, config.NEARBUY_DEMO_CLOCK) : null;
  const clock = demoClock ? demoClock.now : (options.clock ?? Date.now);

  // Cross-cutting: errors, time, storage.
  await app.register(errorHandler);
  await app.register(securityHeaders);
  await app.register(clockPlugin, { clock });
  await app.register(dbPlugin, {
    ...(options.db ? { db: options.db } : {}),
    open: { ...dbOptionsFrom(config), ...(options.schema ? { schema: options.schema } : {}) },
  });
  // Live caches that serve promises from memory, and the bus that keeps them in line.
  await app.register(changes);
  await app.register(merchants);
  await app.register(catalog);
  await app.register(networks);
  // Who is calling, and how much.
  await app.register(auth);
  await app.register(cors);
  await app.register(rateLimit, {
    perKey: config.RATE_LIMIT_PER_KEY,
    perIp: config.RATE_LIMIT_PER_IP,
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    redisUrl: config.REDIS_URL,
  });
  await app.register(openapi);
  // Services: one per room, each a plugin that decorates the app.
  await app.register(tokens);
  await app.register(mail, {
    smtp: config.SMTP_HOST
      ? {
          host: config.SMTP_HOST,
          port: config.SMTP_PORT,
          secure: config.SMTP_SECURE,
          user: config.SMTP_USER,
          password: config.SMTP_PASSWORD,
        }
      : null,
    capture: options.captureMail ?? demoClock !== null,
    from: config.MAIL_FROM,
    intervalMs: config.MAIL_WORKER_INTERVAL_MS,
    publicUrl: config.PUBLIC_URL,
  });
  await app.register(mailer, options.mailer ? { mailer: options.mailer } : {});
  await app.register(webhooks, {
    intervalMs: config.WEBHOOK_WORKER_INTERVAL_MS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    ...(options.wallClock ? { wallClock: options.wallClock } : {}),
  });
  await app.register(payments, {
    stripe:
      config.STRIPE_SECRET_KEY && config.STRIPE_PUBLISHABLE_KEY && config.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: config.STRIPE_SECRET_KEY,
            publishableKey: config.STRIPE_PUBLISHABLE_KEY,
            webhookSecret: config.STRIPE_WEBHOOK_SECRET,
          }
        : null,
  });
  await app.register(promises, { cacheMs: config.PROMISE_CACHE_MS });
  await app.register(products);
  await app.register(nodes);
  await app.register(inventory);
  await app.register(merchantSettings);
  await app.register(members);
  await app.register(orders);
  await app.register(fulfilment, {
    ...(options.courier ? { courier: options.courier } : {}),
    simulation: { seed: config.COURIER_SIM_SEED, lateRate: config.COURIER_SIM_LATE_RATE, failureRate: config.COURIER_SIM_FAILURE_RATE },
    intervalMs: config.COURIER_WORKER_INTERVAL_MS,
    ifNobodyIn: config.SAME_DAY_IF_NOBODY_IN,
  });
  await app.register(checkout, { holdMs: config.CHECKOUT_HOLD_MINUTES * 60_000, sweepMs: config.CHECKOUT_SWEEP_SECONDS * 1000 });

  await app.register(consoleService);
  await app.register(consoleGuard);

  if (demoClock) await app.register(demoPlugin, { clock: demoClock });

  // Routes: a schema and a few lines each, calling the services above.
  await app.register(readiness);
  await app.register(health);
  await app.register(metrics, { token: config.METRICS_TOKEN });
  await app.register(promiseRoute, { prefix: '/v1' });
  await app.register(checkoutRoutes, { prefix: '/v1' });
  await app.register(orderRoutes, { prefix: '/v1' });
  await app.register(memberRoutes, { prefix: '/v1' });
  await app.register(webhookRoutes, { prefix: '/v1' });
  await app.register(adminProducts, { prefix: '/v1/admin' });
  await app.register(adminNodes, { prefix: '/v1/admin' });
  await app.register(adminInventory, { prefix: '/v1/admin', bulkBodyLimit: config.BODY_LIMIT * 8 });
  await app.register(adminMerchant, { prefix: '/v1/admin' });
  await app.register(adminOrders, { prefix: '/v1/admin' });
  await app.register(adminMembers, { prefix: '/v1/admin' });
  await app.register(adminFulfilment, { prefix: '/v1/admin' });
  await app.register(adminWebhooks, { prefix: '/v1/admin' });
  await app.register(orderPage);
  await app.register(consoleAuth, { prefix: '/console/api' });
  await app.register(consoleKeys, { prefix: '/console/api', publicUrl: config.PUBLIC_URL });
  await app.register(consoleOrders, { prefix: '/console/api' });
  await app.register(consoleStaff, { prefix: '/console/api' });
  await app.register(consoleStock, { prefix: '/console/api' });
  await app.register(consoleProducts, { prefix: '/console/api' });
  await app.register(consolePlaces, { prefix: '/console/api' });
  await app.register(consoleDelivery, { prefix: '/console/api' });
  await app.register(consoleAssets, { dir: config.NEARBUY_CONSOLE_DIR });
  await app.register(widgetAssets, { dir: config.NEARBUY_WIDGET_DIR });

  return app;
}
