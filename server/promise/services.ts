/**
 * Delivery services and the calendars they run on (docs/ARCHITECTURE.md, "The promise engine";
 * the model and its sources: docs/promise-model.md). Each service says which nodes it collects
 * from, how far it reaches, on which days it collects and delivers, how many delivery days a
 * parcel travels on a lane, and in which local window it arrives.
 */
import fedHolidays from '@18f/us-federal-holidays';
import type { Region } from './regions.js';
import { SERVICE_IDS, type NodeKind, type ServiceId } from './types.js';
import { dateToDay, dayToDate, isoWeekday } from './time.js';

/** Transit in delivery days, fewest to most; [0, 0] is the same day. */
export type TransitRange = readonly [min: number, max: number];

export interface ServiceRule {
  id: ServiceId;
  /** Node kinds this service collects from. */
  kinds: ReadonlySet<NodeKind>;
  /** Parcel carriers (next-day, two-day, standard) collect at a pickup and count business days. */
  carrier: boolean;
  /** How far from the node it delivers, straight-line km (a road reach divided by the road factor). */
  maxDistanceKm: number;
  /** Whether a node may take orders for this service on a local date (epoch day). */
  picksOn(day: number): boolean;
  /** Whether the carrier sells Saturday delivery on this service (a node still has to buy it). */
  saturdayOption: boolean;
  /** Whether the service collects parcels on a node's local date. */
  collectsOn(day: number): boolean;
  /** Whether the service delivers on a destination's local date (Saturday only when enabled). */
  deliversOn(day: number, saturday?: boolean): boolean;
  /** Delivery days from the collection date, by straight-line km and lane; null: no such lane. */
  transit(distanceKm: number, from: Region, to: Region): TransitRange | null;
  /** The shortest physically possible door-to-door time, minutes. */
  travelMinutes(distanceKm: number): number;
  /** Delivery window in the destination's local time, minutes after midnight. */
  windowStart: number;
  windowEnd: number;
}

/** Roads are longer than the straight line: 1.3× is the usual urban detour (circuity) factor. */
export const ROAD_FACTOR = 1.3;
/** 10 road miles: the reach of a local shop's own courier, as a straight-line radius. */
export const LOCAL_COURIER_RADIUS_KM = 16.09344 / ROAD_FACTOR;
/** 20 road miles: how far a gig driver will drive a parcel, as a straight-line radius. */
export const SAME_DAY_RADIUS_KM = 32.18688 / ROAD_FACTOR;
/** 150 miles: as far as a truck reliably makes overnight; next-day beyond it flies. */
export const GROUND_NEXT_DAY_KM = 241.4;

const MILE_KM = 1.609344;
/**
 * Ground transit inside one region by straight-line distance, after the carriers' zone charts
 * (zone 2 up to 150 miles: 1 day; zone 3 to 300: 2; zones 4–5 to 1,000: 3; zone 6 to 1,400: 4;
 * zones 7–8: 5). Where a chart says "2–3 days" the later day is promised.
 */
const GROUND_LANES: ReadonlyArray<readonly [maxKm: number, days: number]> = [
  [150 * MILE_KM, 1],
  [300 * MILE_KM, 2],
  [1000 * MILE_KM, 3],
  [1400 * MILE_KM, 4],
  [Infinity, 5],
];

export function groundDays(distanceKm: number): number {
  for (const [maxKm, days] of GROUND_LANES) if (distanceKm <= maxKm) return days;
  return 5;
}

/**
 * Ground lanes that leave a region: an ocean or air leg with a consolidation, so a range.
 * Alaska, Hawaii and Puerto Rico 3–7 business days; the Virgin Islands 5–10; Guam, the
 * Northern Marianas and American Samoa weeks.
 */
function offshoreGround(from: Region, to: Region): TransitRange {
  if (from === 'pacific' || to === 'pacific') return WEEKS;
  if (from === 'virgin_islands' || to === 'virgin_islands') return FIVE_TO_TEN;
  if (from === 'contiguous' || to === 'contiguous') return THREE_TO_SEVEN;
  return FIVE_TO_TEN;
}

// Ranges are read, never written: one of each, not a new pair per candidate the engine weighs.
const DAYS: readonly TransitRange[] = [0, 1, 2, 3, 4, 5].map((d) => Object.freeze([d, d] as const));
const WEEKS: TransitRange = Object.freeze([10, 20] as const);
const FIVE_TO_TEN: TransitRange = Object.freeze([5, 10] as const);
const THREE_TO_SEVEN: TransitRange = Object.freeze([3, 7] as const);

/** The fewest ground days any lane out of a region takes (for the engine's search bound). */
export const OFFSHORE_MIN_DAYS = 3;

/** Regions express air products reach: not the Virgin Islands or the Pacific territories. */
const AIR_REGIONS: ReadonlySet<Region> = new Set(['contiguous', 'alaska', 'hawaii', 'puerto_rico']);

// ─── Holidays ─────────────────────────────────────────────────────────────────────────────

/** The holiday tables cover 2000 to 2099 (epoch days); other dates are looked up each time. */
const TABLE_FIRST_DAY = dateToDay(2000, 1, 1);
const TABLE_DAYS = dateToDay(2100, 1, 1) - TABLE_FIRST_DAY;

/**
 * The days a calendar rests on, per year, from the federal holiday rules of
 * `@18f/us-federal-holidays` (OPM's list): only the named ones, observed (a Saturday holiday
 * on the Friday before, a Sunday one on the Monday after) or on their own date.
 */
function holidayCalendar(names: readonly string[], observed: boolean): (day: number) => boolean {
  const byYear = new Map<number, ReadonlySet<number>>();
  const daysOf = (year: number): ReadonlySet<number> => {
    let days = byYear.get(year);
    if (!days) {
      const set = new Set<number>();
      // A year's observed New Year's Day can fall on the last day of the year before.
      for (const y of [year, year + 1]) {
        for (const h of fedHolidays.allForYear(y, { shiftSaturdayHolidays: observed, shiftSundayHolidays: observed })) {
          if (names.includes(h.name)) set.add(dateToDay(h.date.getUTCFullYear(), h.date.getUTCMonth() + 1, h.date.getUTCDate()));
        }
      }
      days = set;
      byYear.set(year, days);
    }
    return days;
  };
  // Answered per epoch day and remembered in a flat table (1: rest day, 2: not; 0: not asked
  // yet) over the years promises are made in: this sits on the engine's hot path.
  const table = new Uint8Array(TABLE_DAYS);
  return (day) => {
    const k = day - TABLE_FIRST_DAY;
    if (k < 0 || k >= TABLE_DAYS) return daysOf(dayToDate(day).year).has(day);
    let hit = table[k]!;
    if (hit === 0) table[k] = hit = daysOf(dayToDate(day).year).has(day) ? 1 : 2;
    return hit === 1;
  };
}

/** The six holidays UPS and FedEx neither collect nor deliver on, observed like federal ones. */
export const isCarrierHoliday = holidayCalendar(
  ["New Year's Day", 'Memorial Day', 'Independence Day', 'Labor Day', 'Thanksgiving Day', 'Christmas Day'],
  true,
);

/** The five days a year local couriers rest, on the day itself: they deliver the other 360. */
export const isCourierRestDay = holidayCalendar(
  ["New Year's Day", 'Memorial Day', 'Independence Day', 'Thanksgiving Day', 'Christmas Day'],
  false,
);

const SATURDAY = 6;

/** Monday to Friday and not a carrier holiday: the days parcel carriers collect and move freight. */
export function isBusinessDay(day: number): boolean {
  return isoWeekday(day) < SATURDAY && !isCarrierHoliday(day);
}

// ─── Services ─────────────────────────────────────────────────────────────────────────────

/** Which node kinds each service collects from: a gig driver anywhere, carriers from FCs and stations. */
export const SERVICE_NODE_KINDS: Readonly<Record<ServiceId, readonly NodeKind[]>> = {
  same_day: ['fulfillment_center', 'delivery_station', 'mall_store', 'local_store'],
  local_courier: ['local_store'],
  next_day: ['fulfillment_center', 'delivery_station'],
  two_day: ['fulfillment_center', 'delivery_station'],
  standard: ['fulfillment_center', 'delivery_station'],
};

const kindsOf = (service: ServiceId): ReadonlySet<NodeKind> => new Set(SERVICE_NODE_KINDS[service]);

const carrierDelivers = (day: number, saturday = false) =>
  isBusinessDay(day) || (saturday && isoWeekday(day) === SATURDAY && !isCarrierHoliday(day));
const expressDelivers = carrierDelivers;
const groundDelivers = (day: number) => isBusinessDay(day);
const hours = (h: number) => h * 60;
const road = (km: number) => km * ROAD_FACTOR;

export const SERVICES: Readonly<Record<ServiceId, ServiceRule>> = {
  same_day: {
    id: 'same_day',
    saturdayOption: false,
    kinds: kindsOf('same_day'),
    carrier: false,
    maxDistanceKm: SAME_DAY_RADIUS_KM,
    picksOn: () => true,
    collectsOn: () => true,
    deliversOn: () => true,
    transit: () => DAYS[0]!,
    // A gig driver in city traffic: 30 km/h of road plus 20 minutes to park, collect and hand over.
    travelMinutes: (km) => Math.ceil((road(km) / 30) * 60) + 20,
    windowStart: hours(16),
    windowEnd: hours(20),
  },
  local_courier: {
    id: 'local_courier',
    saturdayOption: false,
    kinds: kindsOf('local_courier'),
    carrier: false,
    maxDistanceKm: LOCAL_COURIER_RADIUS_KM,
    picksOn: (day) => !isCourierRestDay(day),
    collectsOn: (day) => !isCourierRestDay(day),
    deliversOn: (day) => !isCourierRestDay(day),
    transit: () => DAYS[1]!,
    travelMinutes: (km) => Math.ceil((road(km) / 25) * 60) + 30,
    windowStart: hours(10),
    windowEnd: hours(18),
  },
  next_day: {
    id: 'next_day',
    saturdayOption: true,
    kinds: kindsOf('next_day'),
    carrier: true,
    maxDistanceKm: Infinity,
    picksOn: () => true,
    collectsOn: isBusinessDay,
    deliversOn: expressDelivers,
    // Overnight inside a region only: by truck within 150 miles, else by air (its own cut-off).
    transit: (_km, from, to) => (from === to && AIR_REGIONS.has(to) ? DAYS[1]! : null),
    // A truck at 90 km/h for the ground lane, a plane at 500 km/h plus the hub sort beyond it.
    travelMinutes: (km) => (km <= GROUND_NEXT_DAY_KM ? Math.ceil((km / 90) * 60) + 120 : Math.ceil((km / 500) * 60) + 360),
    windowStart: hours(8),
    windowEnd: hours(20),
  },
  two_day: {
    id: 'two_day',
    saturdayOption: true,
    kinds: kindsOf('two_day'),
    carrier: true,
    maxDistanceKm: Infinity,
    picksOn: () => true,
    collectsOn: isBusinessDay,
    deliversOn: expressDelivers,
    transit: (_km, from, to) => (AIR_REGIONS.has(from) && AIR_REGIONS.has(to) ? DAYS[2]! : null),
    // Air freight for the long haul.
    travelMinutes: (km) => Math.ceil((km / 500) * 60) + 360,
    windowStart: hours(8),
    windowEnd: hours(20),
  },
  standard: {
    id: 'standard',
    saturdayOption: false,
    kinds: kindsOf('standard'),
    carrier: true,
    maxDistanceKm: Infinity,
    picksOn: () => true,
    collectsOn: isBusinessDay,
    deliversOn: groundDelivers,
    transit: (km, from, to) => {
      if (from === to && (to !== 'pacific' || km <= 500)) {
        return DAYS[groundDays(km)]!;
      }
      return offshoreGround(from, to);
    },
    travelMinutes: (km) => Math.ceil((km / 80) * 60) + 240,
    windowStart: hours(8),
    windowEnd: hours(20),
  },
};

/** Services in the order options are listed. */
export const SERVICE_ORDER: readonly ServiceId[] = SERVICE_IDS;
