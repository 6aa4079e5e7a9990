/**
 * Prometheus metrics at `GET /metrics`, with `prom-client` (each app its own registry, so tests
 * and several apps in one process do not share counters):
 *
 * - per process: request counts and latencies by method, route pattern and status, plus Node's
 *   own figures (event-loop lag, heap, GC);
 * - per process: how long change notices from other processes took to reach this one's caches,
 *   from the writer's commit to the notice applied here (docs/ARCHITECTURE.md, "Live stock");
 * - from the database at scrape time, so every process reports the same truth: open holds,
 *   orders by status, payment events by type, and the mail and webhook outbox backlogs.
 *
 * With `METRICS_TOKEN` set the route needs `Authorization: Bearer <token>`; otherwise keep it off
 * the public internet at the load balancer (docs/deployment.md).
 */
import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ApiError } from '../errors.js';

export interface MetricsOptions {
  token?: string | undefined;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export default fp<MetricsOptions>(
  async function metricsPlugin(app, opts) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const requests = new Counter({
      name: 'nearbuy_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    const latency = new Histogram({
      name: 'nearbuy_http_request_duration_seconds',
      help: 'Time to answer, by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    const noticeLag = new Histogram({
      name: 'nearbuy_stock_notice_lag_seconds',
      help: "Time from a change committed in another process to its notice applied to this process's caches, by kind (stock, products, nodes, merchant)",
      labelNames: ['kind'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    app.changes.onNoticeLag((kind, seconds) => noticeLag.observe({ kind }, seconds));

    app.addHook('onResponse', async (request, reply) => {
      // The route pattern, never the raw URL: ids and query strings would make unbounded labels.
      const route = request.routeOptions.url ?? 'unmatched';
      if (route === '/metrics') return;
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });

    const fromDb = (name: string, help: string, labelNames: string[], sql: string) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          const rows = await app.db.query<Record<string, string | number>>(sql);
          this.reset();
          for (const row of rows) {
            const { n, ...labels } = row;
            this.set(labels as Record<string, string>, Number(n));
          }
        },
      });
    fromDb(
      'nearbuy_holds_open',
      'Checkout sessions holding stock, not yet paid',
      [],
      `SELECT count(*) AS n FROM checkout_sessions WHERE status = 'open'`,
    );
    fromDb('nearbuy_orders', 'Orders by status', ['status'], `SELECT status, count(*) AS n FROM orders GROUP BY status`);
    fromDb(
      'nearbuy_payment_events',
      'Payment provider events received, by type (succeeded, failed, canceled …)',
      ['type'],
      `SELECT type, count(*) AS n FROM payment_events GROUP BY type`,
    );
    fromDb(
      'nearbuy_outbox_backlog',
      'Messages waiting to be sent, by outbox',
      ['outbox'],
      `SELECT 'mail' AS outbox, count(*) AS n FROM mail_outbox WHERE status = 'pending'
       UNION ALL SELECT 'webhooks', count(*) FROM webhook_deliveries WHERE status = 'pending'`,
    );

    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (opts.token) {
        const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
        if (!sameSecret(given, opts.token)) throw new ApiError('unauthorized', 'The metrics need the METRICS_TOKEN as a Bearer token');
      }
      const body = await registry.metrics();
      return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(body);
    });
  },
  { name: 'metrics', dependencies: ['db', 'changes'] },
);
