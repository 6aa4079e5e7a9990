#!/usr/bin/env node
/* global process, console, Buffer */
/**
 * Runs npm scripts side by side and fails if any fails: `node tests/support/parallel.mjs
 * format:check typecheck lint`. `npm test` runs its three static checks this way, each a single
 * thread of its own, so that both cores of a small machine work on them. Each script's output is
 * printed whole when it ends, so that the three never interleave.
 */
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node tests/support/parallel.mjs <npm script>...');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    let settled = false;
    const finish = (code, why) => {
      if (settled) return;
      settled = true;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const status = code === 0 ? 'passed' : `failed (${why})`;
      process.stdout.write(`\n> ${script}: ${status} in ${seconds} s\n${Buffer.concat(output).toString()}`);
      resolve({ script, code });
    };
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.once('error', (error) => finish(1, error.message));
    child.once('close', (code, signal) => finish(code ?? 1, signal ?? `exit ${code}`));
  });
}

const results = await Promise.all(scripts.map(run));
const failed = results.filter((r) => r.code !== 0).map((r) => r.script);
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
