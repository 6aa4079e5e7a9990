/**
 * `npm run dev`: `npm start` with reload on change — the widget rebuilt by `vite build --watch`,
 * the server restarted by `tsx watch` (the demo pages are read from disk on every request).
 * Both run as children of this process; Ctrl+C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const bin = (path: string) => fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));

const children: ChildProcess[] = [
  spawn(process.execPath, [bin('vite/bin/vite.js'), 'build', '-c', 'vite.widget.config.ts', '--watch'], { cwd: ROOT, stdio: 'inherit' }),
  spawn(process.execPath, [bin('tsx/dist/cli.mjs'), 'watch', '--clear-screen=false', '--include', 'contract/**', 'server/cli/start.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, LOG_PRETTY: process.env.LOG_PRETTY ?? 'true' },
  }),
];

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
  void Promise.all(children.map((child) => (child.exitCode === null ? new Promise((done) => child.once('exit', done)) : null))).then(() =>
    process.exit(code),
  );
}
for (const child of children) child.once('exit', (code) => stop(code ?? 1));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
