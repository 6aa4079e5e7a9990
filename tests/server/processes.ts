/** Starts API processes (tests/checkout/serve.ts) against one PostgreSQL schema, and stops them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

export interface ApiProcess {
  base: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startApiProcess(databaseUrl: string, schema: string, now?: number): Promise<ApiProcess> {
  const child = spawn(process.execPath, [TSX, SERVE], {
    env: {
      ...process.env,
      NEARBUY_TEST_DATABASE_URL: databaseUrl,
      NEARBUY_TEST_SCHEMA: schema,
      LOG_LEVEL: 'silent',
      ...(now !== undefined ? { NEARBUY_TEST_NOW: String(now) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`API process did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /PORT (\d+)/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        base: `http://127.0.0.1:${m[1]}`,
        child,
        kill: (signal = 'SIGTERM') =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`API process exited with ${code}:\n${output}`));
    });
  });
}
