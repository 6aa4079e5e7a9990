/**
 * Buffers (docs/simulation.md, "Buffers"): how much slower a promise is made so that it is kept.
 * Two knobs, both applied around the engine without changing it: the handling time the engine
 * is told, per node kind (the real picking is not slowed, only the promise), and delivery days of
 * slack added to the end of a window, per service and season (a window "Thu–Fri" instead of
 * "Thu"). The defaults below were chosen by the simulation (`npm run simulate -- --choose`).
 */
import { SERVICE_IDS, SERVICES, type NetworkNode, type PromiseOption, type ServiceId } from '../promise/index.js';
import { formatInZone, instantAt, localDayOf } from '../promise/time.js';
import { FAILURES, type FailureParameters, type PerKind, type PerSeason, type Season } from './parameters.js';
import type { Report } from './report.js';

export interface Buffers {
  /** The engine is told handling = stated × this, per node kind. */
  handlingFactor: PerKind;
  /** Delivery days added to the end of each window, per service and season. */
  slackDays: Readonly<Record<ServiceId, PerSeason>>;
}

const noSlack = { normal: 0, peak: 0 };

export const NO_BUFFERS: Buffers = {
  handlingFactor: { fulfillment_center: 1, delivery_station: 1, mall_store: 1, local_store: 1 },
  slackDays: { same_day: noSlack, local_courier: noSlack, next_day: noSlack, two_day: noSlack, standard: noSlack },
};

/** Same-day keeps its name: its window never runs into tomorrow, so it takes no slack. */
export const MAX_SLACK: Readonly<Record<ServiceId, number>> = { same_day: 0, local_courier: 3, next_day: 3, two_day: 3, standard: 3 };

/**
 * The handling the engine is told: the modelled handling's 90th percentile in normal season
 * (median × e^(1.2816 σ)), over the stated time, rounded up to a twentieth.
 */
export function handlingAtP90(failures: FailureParameters): PerKind {
  const h = failures.handling;
  const factor = (kind: keyof PerKind) => Math.ceil(h.medianOfStated[kind] * Math.exp(1.2816 * h.sigma[kind]) * 20) / 20;
  return {
    fulfillment_center: factor('fulfillment_center'),
    delivery_station: factor('delivery_station'),
    mall_store: factor('mall_store'),
    local_store: factor('local_store'),
  };
}

/** The same slack on every service that takes any, in both seasons, and this handling. */
export function uniformSlack(days: number, handlingFactor: PerKind): Buffers {
  const slackDays = {} as Record<ServiceId, PerSeason>;
  for (const s of SERVICE_IDS) {
    const d = Math.min(days, MAX_SLACK[s]);
    slackDays[s] = { normal: d, peak: d };
  }
  return { handlingFactor, slackDays };
}

/**
 * The buffers shipped: handling at its p90 (1.35× stated for warehouses, 1.75× mall stores,
 * 1.85× local shops); slack as `npm run simulate -- --choose` chose it (seed 1, 25,000 shoppers
 * per setting, `chooseSlack`). Same-day reaches no better than about 89% (normal) and 84% (peak)
 * and local courier about 97–98%: see docs/simulation.md, "Buffers", for why.
 */
export const BUFFERS: Buffers = {
  handlingFactor: handlingAtP90(FAILURES),
  slackDays: {
    same_day: { normal: 0, peak: 0 },
    local_courier: { normal: 2, peak: 3 },
    next_day: { normal: 2, peak: 2 },
    two_day: { normal: 2, peak: 2 },
    standard: { normal: 2, peak: 2 },
  },
};

/** The nodes as the engine is shown them: handling stretched per kind. */
export function bufferedNodes(nodes: readonly NetworkNode[], buffers: Buffers): NetworkNode[] {
  return nodes.map((n) => ({ ...n, handlingMinutes: Math.ceil(n.handlingMinutes * buffers.handlingFactor[n.kind]) }));
}

/** An option with its window's end moved on by the service's slack (delivery days). */
export function widen(option: PromiseOption, buffers: Buffers, season: Season, timeZone: string): PromiseOption {
  const days = buffers.slackDays[option.service][season];
  if (days <= 0) return option;
  const rule = SERVICES[option.service];
  let day = localDayOf(timeZone, option.windowEndMs);
  for (let left = days; left > 0;) {
    day++;
    if (rule.deliversOn(day)) left--;
  }
  const windowEndMs = instantAt(timeZone, day, rule.windowEnd);
  return { ...option, windowEndMs, window: { start: option.window.start, end: formatInZone(timeZone, windowEndMs) } };
}

/** One run with one setting of the knobs. */
export interface SlackTrial {
  label: string;
  /** Slack days every service (but same-day) had; -1 for the run without any buffer. */
  days: number;
  report: Report;
}

export interface SlackChoice {
  slackDays: Record<ServiceId, PerSeason>;
  /** Per service and season that cannot reach the target with the slack tried: why, in figures. */
  shortfalls: string[];
}

/**
 * A trial of 25,000 shoppers measures a service's kept rate to within about ±0.2 points, so a
 * setting is chosen only when it clears the target by that much.
 */
export const SAMPLING_MARGIN = 0.002;
/** Where no setting reaches the target, the least slack within this of the best one. */
const NEAR_BEST = 0.005;

/**
 * Per service and season, the least slack whose kept rate reaches `target` (plus the sampling
 * margin); where none does, the least slack within half a point of the best tried (more slack
 * buys almost nothing there), and a sentence saying how close it got.
 */
export function chooseSlack(trials: readonly SlackTrial[], target = 0.99): SlackChoice {
  const ladder = trials.filter((t) => t.days >= 0).sort((a, b) => a.days - b.days);
  const slackDays = {} as Record<ServiceId, PerSeason>;
  const shortfalls: string[] = [];
  for (const service of SERVICE_IDS) {
    const pick = (season: Season): number => {
      const tried = ladder.filter((t) => t.days <= MAX_SLACK[service] && t.report.services[service][season].count > 0);
      const enough = tried.find((t) => t.report.services[service][season].kept >= target + SAMPLING_MARGIN);
      if (enough) return Math.min(enough.days, MAX_SLACK[service]);
      const bestKept = Math.max(...tried.map((t) => t.report.services[service][season].kept));
      const best = tried.find((t) => t.report.services[service][season].kept >= bestKept - NEAR_BEST);
      if (best) {
        const kept = best.report.services[service][season].kept;
        shortfalls.push(
          `${service} ${season}: best ${(kept * 100).toFixed(2)}% kept (${Math.min(best.days, MAX_SLACK[service])} days of slack), short of ${(target * 100).toFixed(0)}%`,
        );
        return Math.min(best.days, MAX_SLACK[service]);
      }
      return 0;
    };
    slackDays[service] = { normal: pick('normal'), peak: pick('peak') };
  }
  return { slackDays, shortfalls };
}

/** How much promise speed each setting costs per point of kept rate, per service and season. */
export function tradeOffRows(
  trials: readonly SlackTrial[],
): Array<{ service: ServiceId; season: Season; label: string; kept: number; promiseHours: number | null; hoursPerPoint: number | null }> {
  const rows: ReturnType<typeof tradeOffRows> = [];
  const ordered = [...trials].sort((a, b) => a.days - b.days);
  for (const service of SERVICE_IDS) {
    for (const season of ['normal', 'peak'] as const) {
      let previous: { kept: number; hours: number } | null = null;
      for (const t of ordered) {
        const s = t.report.services[service][season];
        if (s.count === 0 || s.medianPromiseHours === null) continue;
        const gained = previous ? (s.kept - previous.kept) * 100 : 0;
        const hoursPerPoint = previous && gained > 0.005 ? Number(((s.medianPromiseHours - previous.hours) / gained).toFixed(1)) : null;
        rows.push({ service, season, label: t.label, kept: s.kept, promiseHours: s.medianPromiseHours, hoursPerPoint });
        previous = { kept: s.kept, hours: s.medianPromiseHours };
      }
    }
  }
  return rows;
}
