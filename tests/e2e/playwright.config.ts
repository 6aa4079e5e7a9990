/**
 * End-to-end tests: the real server in demo mode (its own PGlite folder, a pinned demo clock),
 * the demo storefront, and Debian's Chromium (never downloaded; `NEARBUY_CHROMIUM` overrides the
 * path; Playwright's own Chromium is used only when that path does not exist).
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const chromiumPath = process.env.NEARBUY_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  globalSetup: './global-setup.ts',
  timeout: 45_000,
  expect: { timeout: 8_000 },
  // One demo server per worker (started by the global setup): tests in a worker run one after
  // another and share its clock. Two, for the two cores of the machine the suite is sized for:
  // each worker drives a Chromium and its server, so a third only queues for a core.
  workers: Number(process.env.NEARBUY_E2E_WORKERS ?? 2),
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      ...(existsSync(chromiumPath) ? { executablePath: chromiumPath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    locale: 'en-US',
    timezoneId: 'America/Phoenix',
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
