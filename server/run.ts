/**
 * Runs the app as a process: reads the configuration (a wrong value stops the process with a
 * message naming the variable), builds the app, listens, and closes gracefully on SIGINT and
 * SIGTERM (in-flight requests finish; new ones get 503; the database closes last). Shared by
 * `server.ts` (production) and `cli/start.ts` (`npm start`).
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp, loggerOptions } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';

const SHUTDOWN_GRACE_MS = 10_000;

export interface RunOptions {
  /** Values used when the environment does not set them. */
  defaults?: Record<string, string>;
  logger?: (config: Config) => FastifyServerOptions['logger'];
}

export interface Running {
  app: FastifyInstance;
  config: Config;
  /** Where a browser on this machine reaches the server. */
  url: string;
}

export async function runServer(options: RunOptions = {}): Promise<Running> {
  let config: Config;
  try {
    config = loadConfig({ ...options.defaults, ...process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const app = await buildApp({ config, logger: (options.logger ?? loggerOptions)(config) });

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
  const host =
    config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return { app, config, url: `http://${host}:${port}/` };
}
