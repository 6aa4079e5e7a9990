/**
 * The app's clock (`app.clock`): every service reads the current instant here, so tests pin it
 * and the demo moves it (docs/ARCHITECTURE.md, "Time").
 */
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The current instant, epoch milliseconds. */
    clock: () => number;
  }
}

export default fp<{ clock: () => number }>(
  async function clockPlugin(app, opts) {
    app.decorate('clock', opts.clock);
  },
  { name: 'clock' },
);
