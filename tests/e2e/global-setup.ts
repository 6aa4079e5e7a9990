/**
 * Once for the run: builds the widget (or copies the build `npm test` made a moment before) and the
 * merchant console, each into a folder of its own (so that a build running at the same time cannot
 * empty it under the tests), prepares a migrated PGlite folder that each demo server copies
 * instead of creating a cluster of its own, and starts one demo server per worker, all at once,
 * before any test or fixture timer runs: on a busy machine a server's start (mostly loading the
 * server's modules) takes tens of seconds, and a worker starting its own spent that inside its
 * first test's budget. Hands the folders and the servers' addresses to the workers.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import { startDemoServer, type StartedDemoServer } from './demo-servers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'nearbuy-e2e-widget-'));
  // `npm test` has just built the widget for the browser tests (`npm run build:widget`) and says
  // so: a copy of that build is the same bundle `npm start` serves, without building it twice.
  const built = process.env.NEARBUY_E2E_WIDGET_BUILT;
  if (built) {
    const entry = join(ROOT, built, 'nearbuy.js');
    if (!existsSync(entry)) throw new Error(`Expected a built widget at ${entry} (NEARBUY_E2E_WIDGET_BUILT), got none`);
    cpSync(join(ROOT, built), dir, { recursive: true });
  } else {
    execFileSync(process.execPath, [VITE, 'build', '-c', 'vite.widget.config.ts', '--outDir', dir, '--emptyOutDir'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    // The side-effect-free entry too: the demo's order page takes the shared timeline from it.
    execFileSync(
      process.execPath,
      [VITE, 'build', '-c', 'vite.widget.config.ts', '--mode', 'esm', '--outDir', join(dir, 'esm'), '--emptyOutDir'],
      { cwd: ROOT, stdio: 'inherit' },
    );
  }
  process.env.NEARBUY_E2E_WIDGET_DIR = dir;
  const consoleDir = mkdtempSync(join(tmpdir(), 'nearbuy-e2e-console-'));
  const data = mkdtempSync(join(tmpdir(), 'nearbuy-e2e-template-'));
  const folders = [dir, consoleDir, data];
  const servers: StartedDemoServer[] = [];
  const teardown = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  };
  try {
    // The console's build and the database template do not depend on each other: side by side.
    await Promise.all([
      run([VITE, 'build', '-c', 'vite.console.config.ts', '--outDir', consoleDir, '--emptyOutDir']),
      run([TSX, 'tests/support/pglite-template.ts', data]),
    ]);
    process.env.NEARBUY_E2E_CONSOLE_DIR = consoleDir;
    process.env.NEARBUY_E2E_DATA_TEMPLATE = data;
    const starts = Array.from({ length: config.workers }, () =>
      startDemoServer({ widgetDir: dir, dataTemplate: data, consoleDir }).then((s) => {
        servers.push(s);
        return s.url;
      }),
    );
    // Every start settles before a failure is reported, so that none is left running.
    const settled = await Promise.allSettled(starts);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    process.env.NEARBUY_E2E_SERVERS = JSON.stringify(settled.map((r) => (r as PromiseFulfilledResult<string>).value));
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

/** Runs a Node script from the repository root, its output passed through. */
function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.slice(0, 2).join(' ')} exited with ${code}`))));
  });
}
