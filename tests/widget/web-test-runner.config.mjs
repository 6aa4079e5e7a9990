/* global process, URL */
// Web Test Runner for the widget: Chromium through Playwright, msw's service worker for the API,
// a fake Stripe.js served in place of js.stripe.com, and a static API for the CSP/Trusted Types
// page (which runs the built bundle from dist/widget, so `npm run build:widget` comes first).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { cspApiMiddleware } from './helpers/csp-api.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

// Debian's Chromium by default (no browser download, ever); NEARBUY_CHROMIUM overrides it; when
// the path does not exist, Playwright's own Chromium (if one is installed) is used.
const chromiumPath = process.env.NEARBUY_CHROMIUM ?? '/usr/bin/chromium';
const executablePath = existsSync(chromiumPath) ? chromiumPath : undefined;

const mockServiceWorker = readFileSync(fileURLToPath(import.meta.resolve('msw/mockServiceWorker.js')), 'utf8');
const fakeStripeJs = readFileSync(here('./helpers/fake-stripe.js'), 'utf8');

/** Server-side commands the tests call through `executeServerCommand`. */
function nearbuyCommands() {
  return {
    name: 'nearbuy-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'offline-module' || command === 'online-module') {
        // The widget's own lazy chunks failing to load (the shopper went offline): requests for
        // the module path `payload` are aborted until 'online-module' lifts it.
        const context = session.browser.getPage(session.id).context();
        const pattern = `**${payload}*`;
        await context.unroute(pattern);
        if (command === 'offline-module') await context.route(pattern, (route) => route.abort('internetdisconnected'));
        return true;
      }
      if (command !== 'stub-stripe-js') return undefined;
      // Stripe.js comes from js.stripe.com; the tests get a fake with the same surface (or, with
      // payload 'unreachable', a network failure). Routed on the context so that requests passing
      // through msw's service worker are caught too.
      const context = session.browser.getPage(session.id).context();
      await context.unroute('https://js.stripe.com/**');
      await context.route('https://js.stripe.com/**', (route) =>
        payload === 'unreachable'
          ? route.abort('internetdisconnected')
          : route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeStripeJs }),
      );
      return true;
    },
  };
}

export default {
  rootDir: root,
  files: ['tests/widget/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  // WTR_GREP=… runs only the matching tests (mocha's grep), for debugging.
  testFramework: { config: { timeout: 10_000, ...(process.env.WTR_GREP ? { grep: process.env.WTR_GREP } : {}) } },
  testsFinishTimeout: Number(process.env.WTR_FINISH_TIMEOUT ?? 120_000),
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
      // The shopper's clock is the fixtures' destination zone (America/Phoenix), so that times read
      // the same on any machine; a test with a destination elsewhere sees the zone named.
      createBrowserContext: ({ browser }) => browser.newContext({ timezoneId: 'America/Phoenix' }),
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: here('../../tsconfig.json') }), nearbuyCommands()],
  middleware: [
    function serveMockServiceWorker(context, next) {
      if (context.path !== '/mockServiceWorker.js') return next();
      context.type = 'text/javascript';
      context.body = mockServiceWorker;
      return undefined;
    },
    cspApiMiddleware,
  ],
  // Lit's development build says so once per page; nothing to act on.
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
};
