/**
 * A background job that runs every `intervalMs` in this process, one run at a time, and stops
 * with the app (waiting for a run in progress). Outbox and courier workers use it; their work is
 * claimed with leases in the database, so any number of processes can run the same job.
 */
import type { FastifyInstance } from 'fastify';

export function every(app: FastifyInstance, name: string, intervalMs: number, run: () => Promise<unknown>): void {
  if (intervalMs <= 0) return;
  let running: Promise<unknown> | null = null;
  let closing = false;
  const timer = setInterval(() => {
    if (running || closing) return;
    running = run()
      .catch((err: unknown) => app.log.error({ err, job: name }, `${name} failed; it runs again shortly`))
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  app.addHook('onClose', async () => {
    closing = true;
    clearInterval(timer);
    await running;
  });
}
