/**
 * Once for the run: builds the widget (or copies the build `npm test` made a moment before) and the
 * merchant console, each into a folder of its own (so that a build running at the same time cannot
 * empty it under the tests), and prepares a migrated PGlite folder that each worker's demo server
 * copies instead of creating a cluster of its own (the slow part of its start). Hands the three
 * paths to the workers.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export default function globalSetup(): () => void {
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
  execFileSync(process.execPath, [VITE, 'build', '-c', 'vite.console.config.ts', '--outDir', consoleDir, '--emptyOutDir'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  process.env.NEARBUY_E2E_CONSOLE_DIR = consoleDir;
  const data = mkdtempSync(join(tmpdir(), 'nearbuy-e2e-template-'));
  execFileSync(process.execPath, [TSX, 'tests/support/pglite-template.ts', data], { cwd: ROOT, stdio: 'inherit' });
  process.env.NEARBUY_E2E_DATA_TEMPLATE = data;
  return () => {
    for (const folder of [dir, consoleDir, data]) rmSync(folder, { recursive: true, force: true });
  };
}
