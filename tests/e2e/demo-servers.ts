/**
 * Starts a real demo server as `npm start` starts it (`server/cli/start.ts`, on a free loopback
 * port, with its own PGlite folder copied from the migrated template) and stops it. Plain Node:
 * the global setup starts one per worker before any test runs, and the fixtures start their own
 * only when run without it.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess } from '../server/processes.js';

/** Tuesday 1 December 2026, 9:00 in Arizona: every store is open and same-day is on offer. */
export const TUESDAY_MORNING = '2026-12-01T09:00:00-07:00';

export interface StartedDemoServer {
  url: string;
  stop(): Promise<void>;
}

export interface DemoServerFolders {
  widgetDir: string;
  /** A migrated PGlite folder (tests/support/pglite-template.ts), copied for each server. */
  dataTemplate: string;
  consoleDir?: string;
}

export async function startDemoServer({ widgetDir, dataTemplate, consoleDir }: DemoServerFolders): Promise<StartedDemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nearbuy-e2e-data-'));
  cpSync(dataTemplate, dataDir, { recursive: true });
  const started = await startProcess({
    script: 'server/cli/start.ts',
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      NEARBUY_DEMO: 'true',
      NEARBUY_DEMO_CLOCK: TUESDAY_MORNING,
      NEARBUY_DATA_DIR: dataDir,
      NEARBUY_WIDGET_DIR: widgetDir,
      ...(consoleDir ? { NEARBUY_CONSOLE_DIR: consoleDir } : {}),
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      RATE_LIMIT_PER_KEY: '100000',
      RATE_LIMIT_PER_IP: '100000',
      DATABASE_URL: '',
      STRIPE_SECRET_KEY: '',
      STRIPE_PUBLISHABLE_KEY: '',
      STRIPE_WEBHOOK_SECRET: '',
      // Every courier on time: the tests follow one story, not the simulator's odds.
      COURIER_SIM_LATE_RATE: '0',
      COURIER_SIM_FAILURE_RATE: '0',
    },
    ready: /nearbuy is running at (http:\/\/\S+\/)/,
    // An upper bound for a start that hangs: it takes about 20 s of wall time at a load average
    // of 15 on the project's 2-core machine, and the global setup waits for it before any test.
    timeoutMs: 180_000,
    label: 'The demo server',
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    url: started.match[1]!,
    async stop() {
      await started.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
