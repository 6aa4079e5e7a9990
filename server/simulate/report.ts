/**
 * What a simulation run says (docs/simulation.md, "The report"): promises kept, how late the
 * broken ones were and how fast the promises were, per service, per node kind and overall, for
 * normal season and peak apart.
 */
import { NODE_KINDS, SERVICE_IDS, SERVICES, type NodeKind, type ServiceId } from '../promise/index.js';
import { CAUSES, type Cause, type OrderOutcome, type SimulationResult } from './simulate.js';

export const PERIODS = ['all', 'normal', 'peak'] as const;
export type Period = (typeof PERIODS)[number];

export interface Stats {
  /** Orders (for node kinds: parcels) counted. */
  count: number;
  /** Share delivered inside the promised window (carrier parcels early count as kept). */
  kept: number;
  /** Share that came before a carrier window: kept, reported apart. */
  early: number;
  /** Share never delivered (no other node could send a missing item). */
  lost: number;
  /** Hours after the window's end, among broken promises that were delivered. */
  medianLateHours: number | null;
  p90LateHours: number | null;
  /** Hours from the order to the promised window's end. */
  medianPromiseHours: number | null;
}

export interface Report {
  seed: number;
  arrivals: number;
  unserved: number;
  orders: number;
  overall: Record<Period, Stats>;
  services: Record<ServiceId, Record<Period, Stats>>;
  kinds: Record<NodeKind, Record<Period, Stats>>;
  /**
   * Per service, among its broken promises: how many, and how many of them met each thing that
   * can go wrong (an order can meet several; the share says which failures to buffer for).
   */
  broken: Record<ServiceId, { count: number; causes: Record<Cause, number> }>;
}

/** One observation: an order, or a parcel of it. */
interface Observation {
  kept: boolean;
  early: boolean;
  lost: boolean;
  lateHours: number | null;
  promiseHours: number;
}

/** The value at quantile `q` (nearest rank) of numbers sorted ascending; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

export function statsOf(observations: readonly Observation[]): Stats {
  const late: number[] = [];
  const promise: number[] = [];
  let kept = 0;
  let early = 0;
  let lost = 0;
  for (const o of observations) {
    if (o.kept) kept++;
    if (o.early) early++;
    if (o.lost) lost++;
    if (o.lateHours !== null) late.push(o.lateHours);
    promise.push(o.promiseHours);
  }
  late.sort((a, b) => a - b);
  promise.sort((a, b) => a - b);
  const n = observations.length;
  return {
    count: n,
    kept: n === 0 ? 0 : round(kept / n, 4)!,
    early: n === 0 ? 0 : round(early / n, 4)!,
    lost: n === 0 ? 0 : round(lost / n, 4)!,
    medianLateHours: round(quantile(late, 0.5), 1),
    p90LateHours: round(quantile(late, 0.9), 1),
    medianPromiseHours: round(quantile(promise, 0.5), 1),
  };
}

const HOUR = 3_600_000;

function orderObservation(o: OrderOutcome): Observation {
  return {
    kept: o.kept,
    early: o.early,
    lost: o.deliveredMs === null,
    lateHours: !o.kept && o.deliveredMs !== null ? Math.max(0, o.deliveredMs - o.windowEndMs) / HOUR : null,
    promiseHours: (o.windowEndMs - o.placedMs) / HOUR,
  };
}

function parcelObservations(o: OrderOutcome): Array<Observation & { kind: NodeKind }> {
  const carrier = SERVICES[o.service].carrier;
  return o.shipments.map((s) => {
    const at = s.deliveredMs;
    const kept = at !== null && at <= o.windowEndMs && (carrier || at >= o.windowStartMs);
    return {
      kind: s.kind,
      kept,
      early: kept && at < o.windowStartMs,
      lost: at === null,
      lateHours: !kept && at !== null ? Math.max(0, at - o.windowEndMs) / HOUR : null,
      promiseHours: (o.windowEndMs - o.placedMs) / HOUR,
    };
  });
}

function byPeriod<T extends { season: 'normal' | 'peak' }>(rows: readonly T[], observe: (row: T) => Observation[]): Record<Period, Stats> {
  const all: Observation[] = [];
  const normal: Observation[] = [];
  const peak: Observation[] = [];
  for (const row of rows) {
    const seen = observe(row);
    all.push(...seen);
    (row.season === 'peak' ? peak : normal).push(...seen);
  }
  return { all: statsOf(all), normal: statsOf(normal), peak: statsOf(peak) };
}

export function buildReport(result: SimulationResult): Report {
  const orders = result.orders;
  const services = {} as Record<ServiceId, Record<Period, Stats>>;
  for (const service of SERVICE_IDS) {
    services[service] = byPeriod(
      orders.filter((o) => o.service === service),
      (o) => [orderObservation(o)],
    );
  }
  const kinds = {} as Record<NodeKind, Record<Period, Stats>>;
  for (const kind of NODE_KINDS) {
    kinds[kind] = byPeriod(orders, (o) => parcelObservations(o).filter((p) => p.kind === kind));
  }
  const broken = {} as Report['broken'];
  for (const service of SERVICE_IDS) {
    const causes = Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<Cause, number>;
    let count = 0;
    for (const o of orders) {
      if (o.service !== service || o.kept) continue;
      count++;
      const met = new Set(o.shipments.flatMap((s) => s.causes));
      for (const c of met) causes[c]++;
    }
    broken[service] = { count, causes };
  }
  return {
    seed: result.seed,
    arrivals: result.arrivals,
    unserved: result.unserved,
    orders: orders.length,
    overall: byPeriod(orders, (o) => [orderObservation(o)]),
    services,
    kinds,
    broken,
  };
}

/** The run's last line: the figures the issue asks for, as one JSON object. */
export function summary(report: Report): {
  orders: number;
  kept: number;
  services: Record<string, { orders: number; kept: number; p90LateHours: number | null; medianPromiseHours: number | null }>;
  peak: { kept: number };
} {
  const services: Record<string, { orders: number; kept: number; p90LateHours: number | null; medianPromiseHours: number | null }> = {};
  for (const service of SERVICE_IDS) {
    const s = report.services[service].all;
    services[service] = { orders: s.count, kept: s.kept, p90LateHours: s.p90LateHours, medianPromiseHours: s.medianPromiseHours };
  }
  return { orders: report.orders, kept: report.overall.all.kept, services, peak: { kept: report.overall.peak.kept } };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const hours = (x: number | null) => (x === null ? '—' : x.toFixed(1));

/** The report as plain-text tables, one row per group and period. */
export function formatTables(report: Report): string {
  const lines: string[] = [];
  const header = `${'group'.padEnd(20)} ${'period'.padEnd(7)} ${'count'.padStart(8)} ${'kept'.padStart(8)} ${'early'.padStart(7)} ${'lost'.padStart(6)} ${'late p50 h'.padStart(10)} ${'late p90 h'.padStart(10)} ${'promise p50 h'.padStart(13)}`;
  const row = (group: string, period: Period, s: Stats) =>
    `${group.padEnd(20)} ${period.padEnd(7)} ${String(s.count).padStart(8)} ${pct(s.kept).padStart(8)} ${pct(s.early).padStart(7)} ${pct(s.lost).padStart(6)} ${hours(s.medianLateHours).padStart(10)} ${hours(s.p90LateHours).padStart(10)} ${hours(s.medianPromiseHours).padStart(13)}`;
  const section = (title: string, groups: Array<[string, Record<Period, Stats>]>) => {
    lines.push('', title, header);
    for (const [name, byPeriod] of groups)
      for (const period of PERIODS) if (byPeriod[period].count > 0) lines.push(row(name, period, byPeriod[period]));
  };
  lines.push(
    `seed ${report.seed}: ${report.arrivals} shoppers, ${report.orders} orders, ${report.unserved} shown no option (nothing in stock reached them)`,
  );
  section(
    'Orders by service',
    SERVICE_IDS.map((s) => [s, report.services[s]]),
  );
  section(
    'Parcels by node kind',
    NODE_KINDS.map((k) => [k, report.kinds[k]]),
  );
  section('All orders', [['overall', report.overall]]);
  lines.push('', "What the broken promises met (share of each service's broken orders)");
  lines.push(`${'cause'.padEnd(16)}${SERVICE_IDS.map((s) => s.padStart(14)).join('')}`);
  lines.push(`${'broken orders'.padEnd(16)}${SERVICE_IDS.map((s) => String(report.broken[s].count).padStart(14)).join('')}`);
  for (const cause of CAUSES) {
    const cells = SERVICE_IDS.map((s) => {
      const b = report.broken[s];
      return (b.count === 0 ? '—' : pct(b.causes[cause] / b.count)).padStart(14);
    });
    lines.push(`${cause.padEnd(16)}${cells.join('')}`);
  }
  return lines.join('\n');
}
