/**
 * `npm run simulate`: plays a seeded fulfilment simulation through the real promise engine and
 * reports how many promises were kept (docs/simulation.md). Prints tables, writes the HTML report,
 * and ends with one JSON line of the headline figures.
 *
 *   npm run simulate -- [--seed 1] [--orders 125000] [--html simulation-report.html]
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildReport, formatTables, renderHtml, simulate, summary } from '../simulate/index.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const USAGE = 'usage: npm run simulate -- [--seed <integer>] [--orders <shoppers, 1–2000000>] [--html <file>]';

function wholeNumber(text: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`--${name} must be a whole number from ${min} to ${max}, not "${text}"\n${USAGE}`);
  return value;
}

let values: { seed?: string; orders?: string; html?: string };
try {
  ({ values } = parseArgs({
    options: { seed: { type: 'string' }, orders: { type: 'string' }, html: { type: 'string' } },
    strict: true,
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
}
const seed = wholeNumber(values.seed, 'seed', 1, 0, 2 ** 31 - 1);
const arrivals = wholeNumber(values.orders, 'orders', 125_000, 1, 2_000_000);
const htmlPath = resolve(values.html ?? 'simulation-report.html');

const started = performance.now();
const result = simulate({ seed, arrivals });
const report = buildReport(result);
const seconds = (performance.now() - started) / 1000;
writeFileSync(htmlPath, renderHtml(report));
console.log(formatTables(report));
console.log(`\n${seconds.toFixed(1)} s; HTML report: ${htmlPath}`);
console.log(JSON.stringify(summary(report)));
