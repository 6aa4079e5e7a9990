/**
 * `npm start` (after `npm run build:widget`) and `npm run dev`: one process serving the API, the
 * widget bundle and the demo storefront on one port, on the embedded PGlite database in `.data/`,
 * seeded with the demo shop the first time. Demo mode is on unless `NEARBUY_DEMO=false`.
 * Closes gracefully on SIGINT/SIGTERM, so that PGlite's files are left consistent.
 */
import type { FastifyServerOptions } from 'fastify';
import { buildApp, loggerOptions } from '../app.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { DEMO_MEMBER_EMAIL } from '../demo/plugin.js';
import { DEMO_PUBLISHABLE_KEY } from '../seed/demo.js';

const SHUTDOWN_GRACE_MS = 10_000;
/** Fastify's two lines per request drown out what a developer looks for (member codes, errors). */
const REQUEST_LINES = new Set(['incoming request', 'request completed']);

function logger(config: Config): FastifyServerOptions['logger'] {
  const base = loggerOptions(config);
  if (typeof base !== 'object' || base === null || config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace') return base;
  return {
    ...base,
    hooks: {
      logMethod(args, method) {
        const message = args.find((a) => typeof a === 'string');
        if (message !== undefined && REQUEST_LINES.has(message)) return;
        method.apply(this, args);
      },
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig({ NEARBUY_DEMO: 'true', LOG_PRETTY: process.stdout.isTTY ? 'true' : 'false', ...process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const app = await buildApp({ config, logger: logger(config) });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  try {
    await app.listen({ host: config.HOST, port: config.PORT });
  } catch (err) {
    app.log.error({ err }, 'could not start');
    await app.close().catch(() => undefined);
    process.exit(1);
  }

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  const url = `http://${host}:${port}/`;
  const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.NEARBUY_DATA_DIR}/ (delete it to start over)`;
  const lines = [`nearbuy is running at ${url}`, `  API docs     ${url}docs`, `  database     ${where}`];
  if (app.hasDecorator('demo')) {
    const created = app.demo.created;
    lines.splice(
      1,
      0,
      `  storefront   ${url}`,
      `  playground   ${url}playground.html`,
      `  merchant     ${url}merchant.html`,
    );
    lines.push(
      `  keys         publishable ${DEMO_PUBLISHABLE_KEY}` +
        (created?.secretKey ? `; secret ${created.secretKey} (shown once; \`npm run seed\` with the server stopped rolls it)` : ''),
      `  member       ${DEMO_MEMBER_EMAIL} (sign-in codes appear in this log)`,
      `  demo clock   ${new Date(app.demo.clock.now()).toISOString()}${app.demo.clock.offsetMs === 0 ? ' (real time)' : ''}; move it from the storefront or POST ${url}demo/clock`,
    );
  }
  console.log(`\n${lines.join('\n')}\n`);
}

void main();
