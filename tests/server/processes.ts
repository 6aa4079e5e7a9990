/**
 * Starts server processes for tests and stops them: `startProcess` for any entry point (the e2e
 * fixtures and the `npm start` test run `server/cli/start.ts`), `startApiProcess` for the API
 * alone (`tests/server/serve.ts`) against one PostgreSQL schema. Plain Node, no vitest: the
 * Playwright fixtures import this file too.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface StartOptions {
  /** The entry point, absolute or relative to the repository root. */
  script: string;
  /** Set on top of this process's environment. */
  env: Record<string, string>;
  /** Tried on everything the process has printed to stdout; the process is up once it matches. */
  ready: RegExp;
  timeoutMs: number;
  /** Names the process in errors ("The demo server did not start within 45 s"). */
  label: string;
}

export interface StartedProcess {
  /** What `ready` matched. */
  match: RegExpExecArray;
  /**
   * Sends `signal` (SIGTERM by default) and resolves with the exit code once the process has
   * exited (null when a signal ended it); at once when it had exited already.
   */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startProcess({ script, env, ready, timeoutMs, label }: StartOptions): Promise<StartedProcess> {
  // Node itself with tsx's loader (not the tsx CLI, which runs the script in a child of its own):
  // the pid is the server's, so a signal (even SIGKILL) really reaches the server.
  // NEARBUY_TEST_NODE_ARGS adds Node flags that NODE_OPTIONS refuses, e.g. to profile the
  // processes a benchmark starts: "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = process.env.NEARBUY_TEST_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  let output = '';
  let started = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    // Keep reading both pipes after the start, so that a chatty server never blocks on a full one.
    child.stdout.on('data', (chunk: Buffer) => {
      if (started) return;
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      started = true;
      clearTimeout(timer);
      resolve({ match, kill });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (!started) output += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code}:\n${output}`));
    });
  });
}

export interface ApiProcess {
  base: string;
  kill: StartedProcess['kill'];
}

export interface ApiProcessOptions {
  /** The clock runs this many times faster than real time from `now` (default: pinned at `now`). */
  clockRate?: number;
  /** More configuration for the process (rate limits, hold minutes). */
  config?: Record<string, unknown>;
  timeoutMs?: number;
}

export async function startApiProcess(
  databaseUrl: string,
  schema: string,
  now?: number,
  options: ApiProcessOptions = {},
): Promise<ApiProcess> {
  const { match, kill } = await startProcess({
    script: SERVE,
    env: {
      NEARBUY_TEST_DATABASE_URL: databaseUrl,
      NEARBUY_TEST_SCHEMA: schema,
      LOG_LEVEL: 'silent',
      ...(now !== undefined ? { NEARBUY_TEST_NOW: String(now) } : {}),
      ...(options.clockRate ? { NEARBUY_TEST_CLOCK_RATE: String(options.clockRate) } : {}),
      ...(options.config ? { NEARBUY_TEST_CONFIG: JSON.stringify(options.config) } : {}),
    },
    ready: /PORT (\d+)/,
    timeoutMs: options.timeoutMs ?? 120_000,
    label: 'API process',
  });
  return { base: `http://127.0.0.1:${match[1]}`, kill };
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
