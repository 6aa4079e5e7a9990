/** Starts API processes (tests/checkout/serve.ts) against one PostgreSQL schema, and stops them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ApiProcess {
  base: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startApiProcess(databaseUrl: string, schema: string, now?: number): Promise<ApiProcess> {
  // Node itself with tsx's loader (not the tsx CLI, which runs the server in a child of its own):
  // the pid is the server's, so a SIGKILL really kills the server.
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE], {
    cwd: ROOT,
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

/** `POST /v1/checkout/sessions` over real HTTP to a process, as a shopper's browser would. */
export async function checkoutOverHttp(
  base: string,
  publishableKey: string,
  origin: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: { error?: { code: string }; id?: string } }> {
  const res = await fetch(`${base}/v1/checkout/sessions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${publishableKey}`,
      origin,
      'content-type': 'application/json',
      'idempotency-key': randomBytes(8).toString('hex'),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string }; id?: string } };
}
