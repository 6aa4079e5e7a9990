/**
 * Buffers (docs/ARCHITECTURE.md, "The promise engine"; docs/simulation.md, "Buffers"): how much
 * slower the engine makes a promise so that it is kept. A merchant's network carries one set;
 * the recommended set (`buffer-defaults.ts`) is what the simulator chose. Pure data and a few
 * pure functions: the engine applies them, the simulator tries them, the server stores a
 * merchant's override.
 */
import { dayToDate, localDayOf } from './time.js';
import { NODE_KINDS, SERVICE_IDS, type NodeKind, type ServiceId } from './types.js';

export type Season = 'normal' | 'peak';

export interface SeasonDays {
  normal: number;
  peak: number;
}

export interface PromiseBuffers {
  /**
   * Carrier parcels are planned with handling = stated × this, per node kind (a high percentile of
   * the real pick): a slow pick that misses the pickup loses a day. Same-day and local courier
   * windows are hours long and take the stated handling; their knob is `earlierCutoffMinutes`.
   */
  handlingFactor: Record<NodeKind, number>;
  /** Minutes each service's cut-off is brought forward at every node offering it (same-day's slow picks). */
  earlierCutoffMinutes: Record<ServiceId, number>;
  /** Delivery days added to the end of a window, per service and season ("Thu" becomes "Thu–Mon"). */
  slackDays: Record<ServiceId, SeasonDays>;
  /** Peak season, as month-day (MM-DD) first and last, inclusive; it may wrap past New Year. */
  peakSeason: { from: string; to: string };
  /**
   * Units of each SKU a node of this kind holds that the engine does not promise (available =
   * on hand − reserved − safety, never below 0): a store's record is often more than its shelf
   * holds, and its last units are the ones most often missing (docs/simulation.md, "Stock on the
   * shelf"). Ship-from-store systems call it per-location safety stock.
   */
  safetyStock: Record<NodeKind, number>;
  /**
   * Per local service, the node kinds it is offered from only where a second place could step
   * in: a shipment from a node of a listed kind needs another node that could send it on the
   * same service (in reach, offering it, with a plan) and holds every item of that shipment, so
   * an empty shelf has somewhere to come from inside the window (docs/simulation.md, "Where 99%
   * cannot be reached, and why"). None by default.
   */
  secondSource: Record<SecondSourceService, NodeKind[]>;
}

/** The services whose shipments can require a second source: the local ones, with short candidate lists. */
export const SECOND_SOURCE_SERVICES = ['same_day', 'local_courier'] as const;
export type SecondSourceService = (typeof SECOND_SOURCE_SERVICES)[number];

/** No second source required: every node is offered alone. */
const noSecondSource = (): Record<SecondSourceService, NodeKind[]> => ({ same_day: [], local_courier: [] });

/** Same-day keeps its name: its window never runs into tomorrow, so it takes no slack. */
export const MAX_SLACK_DAYS: Readonly<Record<ServiceId, number>> = { same_day: 0, local_courier: 5, next_day: 5, two_day: 5, standard: 5 };
/** No cut-off moves by more than this. */
export const MAX_EARLIER_CUTOFF_MINUTES = 240;
/** No node kind holds back more units than this per SKU. */
export const MAX_SAFETY_STOCK = 1000;

/** No safety stock: every unit on hand and not reserved is promised. */
export const NO_SAFETY_STOCK: Readonly<Record<NodeKind, number>> = Object.freeze({
  fulfillment_center: 0,
  delivery_station: 0,
  mall_store: 0,
  local_store: 0,
});

const zeroDays = (): SeasonDays => ({ normal: 0, peak: 0 });

/** The engine as it was before buffers: stated handling, stated cut-offs, windows as planned. */
export const NO_BUFFERS: PromiseBuffers = Object.freeze({
  handlingFactor: { fulfillment_center: 1, delivery_station: 1, mall_store: 1, local_store: 1 },
  earlierCutoffMinutes: { same_day: 0, local_courier: 0, next_day: 0, two_day: 0, standard: 0 },
  slackDays: { same_day: zeroDays(), local_courier: zeroDays(), next_day: zeroDays(), two_day: zeroDays(), standard: zeroDays() },
  peakSeason: { from: '11-20', to: '12-31' },
  safetyStock: { ...NO_SAFETY_STOCK },
  secondSource: noSecondSource(),
});

/** Buffers as a set stored before some knobs existed may hold them: those knobs may be missing. */
export type StoredPromiseBuffers = Omit<PromiseBuffers, 'safetyStock' | 'secondSource'> & {
  safetyStock?: Partial<Record<NodeKind, number>>;
  secondSource?: Partial<Record<SecondSourceService, NodeKind[]>>;
};

/**
 * A set of buffers stored before a knob existed, completed with that knob's value that changes
 * nothing (a merchant's set saved before safety stock promises every unit, as it did; one saved
 * before second sources offers every node alone).
 */
export function completeBuffers(b: StoredPromiseBuffers): PromiseBuffers {
  const safetyComplete = b.safetyStock !== undefined && NODE_KINDS.every((k) => b.safetyStock![k] !== undefined);
  const secondComplete = b.secondSource !== undefined && SECOND_SOURCE_SERVICES.every((s) => b.secondSource![s] !== undefined);
  if (safetyComplete && secondComplete) return b as PromiseBuffers;
  return {
    ...b,
    safetyStock: { ...NO_SAFETY_STOCK, ...b.safetyStock },
    secondSource: { ...noSecondSource(), ...b.secondSource },
  };
}

/** Whether any service needs a second source for some node kind. */
export function requiresSecondSource(b: PromiseBuffers): boolean {
  return SECOND_SOURCE_SERVICES.some((s) => b.secondSource[s].length > 0);
}

/** Whether any node kind holds back safety stock. */
export function holdsSafetyStock(b: PromiseBuffers): boolean {
  return NODE_KINDS.some((k) => b.safetyStock[k] > 0);
}

/**
 * Whether a set of buffers changes nothing (stated handling and cut-offs, no slack, no safety
 * stock, no second source required): `NO_BUFFERS` in effect.
 */
export function changesNothing(b: PromiseBuffers): boolean {
  return (
    Object.values(b.handlingFactor).every((f) => f === 1) &&
    Object.values(b.earlierCutoffMinutes).every((m) => m === 0) &&
    Object.values(b.slackDays).every((d) => d.normal === 0 && d.peak === 0) &&
    !holdsSafetyStock(b) &&
    !requiresSecondSource(b)
  );
}

/** Month-day as a number (MM-DD "12-25" → 1225): numbers order as the valid texts do. */
const monthDayNumber = (text: string): number => Number(text.slice(0, 2)) * 100 + Number(text.slice(3, 5));
/** Per peak season: its bounds as month-day numbers, and the last day asked with its season. */
interface PeakBounds {
  fromText: string;
  toText: string;
  from: number;
  to: number;
  day: number;
  season: Season;
}
const peakBounds = new WeakMap<PromiseBuffers['peakSeason'], PeakBounds>();

/**
 * The season of a local date (epoch day). Asked for every promise made with slack, so the month
 * and day are compared as numbers, not written out as text, and a stream of promises on one day
 * asks the calendar once.
 */
export function seasonOfDay(buffers: PromiseBuffers, day: number): Season {
  const peak = buffers.peakSeason;
  let bounds = peakBounds.get(peak);
  if (bounds?.fromText !== peak.from || bounds.toText !== peak.to) {
    bounds = {
      fromText: peak.from,
      toText: peak.to,
      from: monthDayNumber(peak.from),
      to: monthDayNumber(peak.to),
      day: NaN,
      season: 'normal',
    };
    peakBounds.set(peak, bounds);
  }
  if (day === bounds.day) return bounds.season;
  bounds.day = day;
  bounds.season = seasonOfMonthDay(bounds, day);
  return bounds.season;
}

function seasonOfMonthDay({ from, to }: PeakBounds, day: number): Season {
  const { month, date } = dayToDate(day);
  const md = month * 100 + date;
  const inPeak = from <= to ? md >= from && md <= to : md >= from || md <= to;
  return inPeak ? 'peak' : 'normal';
}

/** The season at an instant, on the destination's calendar. */
export function seasonAt(buffers: PromiseBuffers, timeZone: string, epochMs: number): Season {
  return seasonOfDay(buffers, localDayOf(timeZone, epochMs));
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * What is wrong with a set of buffers, in words a merchant understands (empty when nothing is).
 * The HTTP contract checks the same bounds at the edge; the engine checks again for other callers.
 */
export function bufferProblems(b: PromiseBuffers): string[] {
  const problems: string[] = [];
  for (const kind of NODE_KINDS) {
    const f = b.handlingFactor[kind];
    if (!(f >= 1 && f <= 5)) problems.push(`handling factor for ${kind} must be from 1 to 5`);
    const units = b.safetyStock[kind];
    if (!Number.isInteger(units) || units < 0 || units > MAX_SAFETY_STOCK) {
      problems.push(`safety stock for ${kind} must be a whole number of units from 0 to ${MAX_SAFETY_STOCK}`);
    }
  }
  for (const s of SERVICE_IDS) {
    const m = b.earlierCutoffMinutes[s];
    if (!Number.isInteger(m) || m < 0 || m > MAX_EARLIER_CUTOFF_MINUTES) {
      problems.push(`earlier cut-off for ${s} must be a whole number of minutes from 0 to ${MAX_EARLIER_CUTOFF_MINUTES}`);
    }
    for (const season of ['normal', 'peak'] as const) {
      const d = b.slackDays[s][season];
      if (!Number.isInteger(d) || d < 0 || d > MAX_SLACK_DAYS[s]) {
        problems.push(`${season} slack for ${s} must be a whole number of days from 0 to ${MAX_SLACK_DAYS[s]}`);
      }
    }
  }
  for (const s of SECOND_SOURCE_SERVICES) {
    const kinds = b.secondSource[s];
    if (!Array.isArray(kinds) || kinds.some((k) => !NODE_KINDS.includes(k)) || new Set(kinds).size !== kinds.length) {
      problems.push(`second source for ${s} must list node kinds, each once`);
    }
  }
  if (!MONTH_DAY.test(b.peakSeason.from) || !MONTH_DAY.test(b.peakSeason.to)) problems.push('peak season dates are MM-DD');
  return problems;
}
