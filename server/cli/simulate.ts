/**
 * `npm run simulate`: plays a seeded fulfilment simulation through the real promise engine and
 * reports how many promises were kept (docs/simulation.md). First a ladder of buffer settings on
 * a shorter run (the kept-against-speed curves and the trade-off), then the full run with the
 * recommended buffers. Prints tables, writes the HTML report, and ends with one JSON line of the full
 * run's headline figures.
 *
 *   npm run simulate -- [--seed 1] [--orders 125000] [--trial-orders 25000] [--buffers recommended|none]
 *                       [--dispatch early|aimed|plain] [--choose [--write]] [--html simulation-report.html]
 *   npm run simulate -- --calibrate-shelf [--seed 1] [--orders 125000]
 *
 * `--choose --write` rewrites the recommended buffers (`server/promise/buffer-defaults.ts`)
 * with the buffers the ladder chose. `--calibrate-shelf` only solves the phantom-stock model's
 * mean shortfall per node kind so that the run misses as many picks as `SHELF_MISS_TARGETS`
 * (docs/simulation.md, "Stock on the shelf"), and prints it for parameters.ts.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BUFFERS,
  FAILURES,
  AIMED_DISPATCH,
  NO_BUFFERS,
  PLAIN_DISPATCH,
  SAFETY_LADDER,
  SECOND_SOURCE_LADDER,
  SAME_DAY_DISPATCH,
  SHELF_MISS_TARGETS,
  buildReport,
  calibratePhantomStock,
  chooseSafetyStock,
  chooseSecondSource,
  chooseSameDayCutoff,
  chooseSlack,
  defaultsFile,
  formatTables,
  handlingAtP90,
  missRates,
  renderHtml,
  simulate,
  summary,
  tradeOffRows,
  uniformSlack,
  withSecondSource,
  withStoreSafetyStock,
  type SafetyTrial,
  type SecondSourceTrial,
  type SlackTrial,
} from '../simulate/index.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const USAGE =
  'usage: npm run simulate -- [--seed <integer>] [--orders <shoppers, 1–2000000>] [--trial-orders <shoppers per setting, 0 to skip>] [--buffers recommended|none] [--dispatch early|aimed|plain] [--choose [--write]] [--html <file>] [--calibrate-shelf]';

function wholeNumber(text: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`--${name} must be a whole number from ${min} to ${max}, not "${text}"\n${USAGE}`);
  return value;
}

let values: {
  seed?: string;
  orders?: string;
  'trial-orders'?: string;
  buffers?: string;
  dispatch?: string;
  choose?: boolean;
  write?: boolean;
  html?: string;
  'calibrate-shelf'?: boolean;
};
try {
  ({ values } = parseArgs({
    options: {
      seed: { type: 'string' },
      orders: { type: 'string' },
      'trial-orders': { type: 'string' },
      buffers: { type: 'string' },
      dispatch: { type: 'string' },
      choose: { type: 'boolean' },
      write: { type: 'boolean' },
      html: { type: 'string' },
      'calibrate-shelf': { type: 'boolean' },
    },
    strict: true,
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
}
const seed = wholeNumber(values.seed, 'seed', 1, 0, 2 ** 31 - 1);
const arrivals = wholeNumber(values.orders, 'orders', 125_000, 1, 2_000_000);
const trialArrivals = wholeNumber(values['trial-orders'], 'trial-orders', 25_000, 0, 2_000_000);
if (values.buffers !== undefined && values.buffers !== 'recommended' && values.buffers !== 'none') {
  fail(`--buffers is "recommended" or "none", not "${values.buffers}"\n${USAGE}`);
}
if (values.write && (!values.choose || values['trial-orders'] === '0')) fail(`--write needs --choose and a ladder of trials\n${USAGE}`);
const buffers = values.buffers === 'none' ? NO_BUFFERS : BUFFERS;
const DISPATCHES = { early: SAME_DAY_DISPATCH, aimed: AIMED_DISPATCH, plain: PLAIN_DISPATCH } as const;
if (values.dispatch !== undefined && !Object.hasOwn(DISPATCHES, values.dispatch)) {
  fail(`--dispatch is "early", "aimed" or "plain", not "${values.dispatch}"\n${USAGE}`);
}
const dispatch = DISPATCHES[(values.dispatch ?? 'early') as keyof typeof DISPATCHES];
const htmlPath = resolve(values.html ?? 'simulation-report.html');

const percent = (share: number, digits = 2) => `${(share * 100).toFixed(digits)}%`;
const kindRates = (rates: Record<string, number>) =>
  Object.entries(rates)
    .map(([kind, rate]) => `${kind} ${percent(rate)}`)
    .join(', ');

if (values['calibrate-shelf']) {
  const { phantomStock, rounds } = calibratePhantomStock({ seed, arrivals, buffers, dispatch }, SHELF_MISS_TARGETS);
  console.log(`Targets (share of first picks missing): ${kindRates(SHELF_MISS_TARGETS)}`);
  rounds.forEach((r, i) => {
    const means = Object.entries(r.phantomStock)
      .map(([kind, m]) => `${kind} ${m.short}×${m.meanUnits}`)
      .join(', ');
    console.log(`round ${i}: short×mean ${means}\n         missed ${kindRates(r.realised)}`);
  });
  console.log(`phantomStock: ${JSON.stringify(phantomStock, (_, v: unknown) => (v === Infinity ? 'Infinity' : v))}`);
  process.exit(0);
}

/** Minutes the ladder tries bringing same-day's cut-off forward by. */
const SAME_DAY_EARLIER = [30, 60, 120];

const started = performance.now();
const trials: SlackTrial[] = [];
if (trialArrivals > 0) {
  trials.push({ label: 'no buffer', days: -1, report: buildReport(simulate({ seed, arrivals: trialArrivals, dispatch })) });
  const handling = handlingAtP90(FAILURES);
  for (const days of [0, 1, 2, 3]) {
    const report = buildReport(simulate({ seed, arrivals: trialArrivals, buffers: uniformSlack(days, handling), dispatch }));
    trials.push({ label: `p90 handling, ${days} d slack`, days, sameDayEarlierMinutes: 0, report });
  }
  // Same-day takes no slack; what it can buy is margin before its drivers: an earlier cut-off.
  for (const minutes of SAME_DAY_EARLIER) {
    const report = buildReport(simulate({ seed, arrivals: trialArrivals, buffers: uniformSlack(2, handling, minutes), dispatch }));
    trials.push({ label: `same-day cut-off −${minutes} min`, days: 2, sameDayEarlierMinutes: minutes, report });
  }
}
// Safety stock at stores, on top of the buffers the full run uses: kept against offers lost.
const safetyTrials: SafetyTrial[] = [];
if (trialArrivals > 0) {
  for (const units of SAFETY_LADDER) {
    const r = simulate({ seed, arrivals: trialArrivals, buffers: withStoreSafetyStock(buffers, units), dispatch });
    safetyTrials.push({
      units,
      report: buildReport(r),
      unservedShare: r.unserved / r.arrivals,
      offered: r.offered,
      missing: missRates(r.shelf),
    });
  }
}
// A second source for same-day and the courier, on the full run's buffers: kept against offers lost.
const secondTrials: SecondSourceTrial[] = [];
if (trialArrivals > 0) {
  for (const { label, secondSource } of SECOND_SOURCE_LADDER) {
    const r = simulate({ seed, arrivals: trialArrivals, buffers: withSecondSource(buffers, secondSource), dispatch });
    secondTrials.push({ label, secondSource, report: buildReport(r), unservedShare: r.unserved / r.arrivals, offered: r.offered });
  }
}
const trialSeconds = (performance.now() - started) / 1000;
const result = simulate({ seed, arrivals, buffers, dispatch });
const report = buildReport(result);
const seconds = (performance.now() - started) / 1000 - trialSeconds;

const lines: string[] = [formatTables(report)];
lines.push('', `Stock missing at the pick (share of first picks, per node kind): ${kindRates(missRates(result.shelf))}`);
lines.unshift(buffers === NO_BUFFERS ? 'Buffers: none (the engine as it is)' : `Buffers: recommended (${JSON.stringify(BUFFERS)})`);
lines.unshift(`Same-day dispatch: ${JSON.stringify(dispatch)}`);
const notes: string[] = [];
if (trials.length > 0) {
  lines.push('', `Trade-off (${trialArrivals} shoppers per setting): kept and median promise hours, and hours per point of kept gained`);
  lines.push(
    `${'service'.padEnd(14)} ${'season'.padEnd(7)} ${'setting'.padEnd(26)} ${'kept'.padStart(8)} ${'promise h'.padStart(10)} ${'h / point'.padStart(10)}`,
  );
  for (const r of tradeOffRows(trials)) {
    lines.push(
      `${r.service.padEnd(14)} ${r.season.padEnd(7)} ${r.label.padEnd(26)} ${`${(r.kept * 100).toFixed(2)}%`.padStart(8)} ${String(r.promiseHours ?? '—').padStart(10)} ${String(r.hoursPerPoint ?? '—').padStart(10)}`,
    );
  }
  lines.push('', 'Same-day cut-off brought forward (normal season): same-day orders, kept, median promise hours');
  const sameDayRows = trials.filter((t) => t.sameDayEarlierMinutes !== undefined && (t.days === 2 || t.sameDayEarlierMinutes > 0));
  for (const t of sameDayRows) {
    const s = t.report.services.same_day.normal;
    lines.push(
      `${t.label.padEnd(26)} ${String(s.count).padStart(7)} orders ${`${(s.kept * 100).toFixed(2)}%`.padStart(8)} ${String(s.medianPromiseHours ?? '—').padStart(6)} h`,
    );
  }
  lines.push(
    '',
    `Safety stock at stores (units per SKU at mall stores and local shops, on the full run's buffers; ${trialArrivals} shoppers per setting)`,
    `${'units'.padEnd(6)} ${'same_day n/p'.padStart(16)} ${'courier n/p'.padStart(16)} ${'mall n'.padStart(8)} ${'local n'.padStart(8)} ${'missing m/l'.padStart(12)} ${'no option'.padStart(10)} ${'same-day shown'.padStart(15)} ${'courier shown'.padStart(14)} ${'promise h sd/lc'.padStart(16)}`,
  );
  /** Shoppers shown a service in a trial, and the change against the ladder's first setting (none). */
  const shownAgainst =
    (first: { offered: SafetyTrial['offered'] } | undefined) =>
    (t: { offered: SafetyTrial['offered'] }, service: 'same_day' | 'local_courier') => {
      const none = first?.offered[service] ?? 0;
      return `${t.offered[service]}${none > 0 ? ` (${percent(t.offered[service] / none - 1, 1)})` : ''}`;
    };
  const shownAgainstNone = shownAgainst(safetyTrials[0]);
  for (const t of safetyTrials) {
    const sd = t.report.services.same_day;
    const lc = t.report.services.local_courier;
    lines.push(
      `${String(t.units).padEnd(6)} ${`${percent(sd.normal.kept)}/${percent(sd.peak.kept)}`.padStart(16)} ${`${percent(lc.normal.kept)}/${percent(lc.peak.kept)}`.padStart(16)} ${percent(t.report.kinds.mall_store.normal.kept).padStart(8)} ${percent(t.report.kinds.local_store.normal.kept).padStart(8)} ${`${percent(t.missing.mall_store, 1)}/${percent(t.missing.local_store, 1)}`.padStart(12)} ${percent(t.unservedShare).padStart(10)} ${shownAgainstNone(t, 'same_day').padStart(15)} ${shownAgainstNone(t, 'local_courier').padStart(14)} ${`${sd.normal.medianPromiseHours ?? '—'}/${lc.normal.medianPromiseHours ?? '—'}`.padStart(16)}`,
    );
  }
  lines.push(
    '',
    `Second source required (same-day and local courier offered from these kinds only where another place in reach holds the parcel; on the full run's buffers; ${trialArrivals} shoppers per setting)`,
    `${'setting'.padEnd(20)} ${'same_day n/p'.padStart(16)} ${'courier n/p'.padStart(16)} ${'no option'.padStart(10)} ${'same-day shown'.padStart(15)} ${'courier shown'.padStart(14)} ${'promise h sd/lc'.padStart(16)}`,
  );
  const shownAgainstNoSecond = shownAgainst(secondTrials[0]);
  // A setting that leaves a service no orders has no kept rate.
  const keptOf = (s: { count: number; kept: number }) => (s.count > 0 ? percent(s.kept) : '—');
  for (const t of secondTrials) {
    const sd = t.report.services.same_day;
    const lc = t.report.services.local_courier;
    lines.push(
      `${t.label.padEnd(20)} ${`${keptOf(sd.normal)}/${keptOf(sd.peak)}`.padStart(16)} ${`${keptOf(lc.normal)}/${keptOf(lc.peak)}`.padStart(16)} ${percent(t.unservedShare).padStart(10)} ${shownAgainstNoSecond(t, 'same_day').padStart(15)} ${shownAgainstNoSecond(t, 'local_courier').padStart(14)} ${`${sd.normal.medianPromiseHours ?? '—'}/${lc.normal.medianPromiseHours ?? '—'}`.padStart(16)}`,
    );
  }
  const second = chooseSecondSource(secondTrials);
  lines.push(`Second source the ladder would choose: ${JSON.stringify(second.secondSource)}`);
  notes.push(...second.notes.map((n) => `Second source: ${n}.`));
  const choice = chooseSlack(trials);
  const sameDay = chooseSameDayCutoff(trials);
  const safety = chooseSafetyStock(safetyTrials);
  lines.push(`Safety stock the ladder would choose: ${JSON.stringify(safety.safetyStock)}`);
  notes.push(...safety.shortfalls.map((s) => `Cannot reach 99% with safety stock: ${s}.`));
  // Slack and the cut-off are tried without a second source: where the ladder's second source
  // takes same-day to the target, their same-day shortfall is not the shipped set's.
  const sameDaySecond = second.secondSource.same_day.length > 0;
  const slackShortfalls = choice.shortfalls.filter((s) => !(sameDaySecond && s.startsWith('same_day')));
  notes.push(...slackShortfalls.map((s) => `Cannot reach 99%: ${s}.`));
  if (sameDaySecond) {
    notes.push(
      `Same-day reaches 99% only with its second source: no slack or earlier cut-off does (best ${(sameDay.kept * 100).toFixed(2)}% normal, without one).`,
    );
  } else if (sameDay.kept < 0.99) {
    notes.push(
      `Cannot reach 99%: same_day normal: best ${(sameDay.kept * 100).toFixed(2)}% kept (cut-off ${sameDay.minutes} min earlier); an empty store shelf, or a failed attempt with no time left for a second, pushes the parcel to tomorrow, which no same-day window can absorb.`,
    );
  }
  if (values.choose) {
    const chosen = {
      ...uniformSlack(0, handlingAtP90(FAILURES), sameDay.minutes),
      slackDays: choice.slackDays,
      safetyStock: safety.safetyStock,
      secondSource: second.secondSource,
    };
    lines.push('', `Chosen buffers: ${JSON.stringify(chosen)}`);
    if (values.write) {
      const file = fileURLToPath(new URL('../promise/buffer-defaults.ts', import.meta.url));
      writeFileSync(file, defaultsFile(chosen, seed));
      lines.push(`Written to ${file}`);
    }
  }
  lines.push(...notes.map((n) => `  ${n}`));
}
lines.push(
  '',
  `${seconds.toFixed(1)} s for the run${trials.length > 0 ? `, ${trialSeconds.toFixed(1)} s for ${trials.length + safetyTrials.length + secondTrials.length} trial settings` : ''}; HTML report: ${htmlPath}`,
);
// The curves follow the slack ladder; the same-day cut-off trials are a table of their own.
writeFileSync(
  htmlPath,
  renderHtml(
    report,
    trials.filter((t) => !t.sameDayEarlierMinutes),
    notes,
    tradeOffRows(trials),
    safetyTrials,
    secondTrials,
  ),
);
console.log(lines.join('\n'));
console.log(JSON.stringify(summary(report)));
