/**
 * `npm start` (after `npm run build:widget`) and `npm run dev`: one process serving the API, the
 * widget bundle and the demo storefront on one port, on the embedded PGlite database in `.data/`,
 * seeded with the demo shop the first time. Demo mode is on unless `NEARBUY_DEMO=false`.
 * Closes gracefully on SIGINT/SIGTERM, so that PGlite's files are left consistent.
 */
import type { FastifyServerOptions } from 'fastify';
import { loggerOptions } from '../app.js';
import type { Config } from '../config.js';
import { runServer } from '../run.js';
import { describeDb } from '../db/open.js';
import { DEMO_MEMBER_EMAIL, DEMO_OWNER_EMAIL } from '../demo/plugin.js';
import { DEMO_PUBLISHABLE_KEY } from '../seed/demo.js';

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
  const { app, config, url } = await runServer({
    defaults: { NEARBUY_DEMO: 'true', LOG_PRETTY: process.stdout.isTTY ? 'true' : 'false' },
    logger,
  });
  const where = config.DATABASE_URL ? describeDb(config) : `${describeDb(config)}/ (delete it to start over)`;
  const lines = [`nearbuy is running at ${url}`, `  API docs     ${url}docs`, `  database     ${where}`];
  if (app.hasDecorator('demo')) {
    const created = app.demo.created;
    lines.splice(1, 0, `  storefront   ${url}`, `  playground   ${url}playground.html`, `  merchant     ${url}merchant.html`);
    lines.push(
      `  keys         publishable ${DEMO_PUBLISHABLE_KEY}` +
        (created?.secretKey ? `; secret ${created.secretKey} (shown once; \`npm run seed\` with the server stopped rolls it)` : ''),
      `  member       ${DEMO_MEMBER_EMAIL} (sign-in codes appear in this log)`,
      `  console      ${url}console/ as ${DEMO_OWNER_EMAIL} (the sign-in code arrives in ${url}demo/mail)`,
      `  demo clock   ${new Date(app.demo.clock.now()).toISOString()}${app.demo.clock.offsetMs === 0 ? ' (real time)' : ''}; move it from the storefront or POST ${url}demo/clock`,
    );
  }
  console.log(`\n${lines.join('\n')}\n`);
}

void main();
