/**
 * Delivery services and the calendars they run on (DESIGN.md §3). Each service says which nodes
 * it collects from, how far it reaches, on which days it collects and delivers, how many
 * delivery days the parcel travels, and in which local window it arrives.
 */
import type { NodeKind, ServiceId } from './types.js';
import { dateToDay, dayToDate, isoWeekday } from './time.js';

export interface ServiceRule {
  id: ServiceId;
  /** Node kinds this service collects from. */
  kinds: ReadonlySet<NodeKind>;
  /** How far from the node it delivers, km. */
  maxDistanceKm: number;
  /** Whether the service collects on a node's local date (epoch day). */
  collectsOn(day: number): boolean;
  /** Whether the service delivers on a destination's local date. */
  deliversOn(day: number): boolean;
  /** Delivery days between the handover date and the delivery date (0: the same day). */
  transitDays(distanceKm: number): number;
  /** The shortest physically possible door-to-door time, minutes. */
  travelMinutes(distanceKm: number): number;
  /** Delivery window in the destination's local time, minutes after midnight. */
  windowStart: number;
  windowEnd: number;
  /** Counts as fast delivery: free for members on eligible items. */
  fast: boolean;
}

/** 10 miles: the reach of a local shop's own courier. */
export const LOCAL_COURIER_RADIUS_KM = 16.09344;
/** How far a gig driver will collect from. */
export const SAME_DAY_RADIUS_KM = 25;

const yearCache = new Map<string, ReadonlySet<number>>();

function nthWeekdayOfMonth(year: number, month: number, isoDay: number, n: number): number {
  const first = dateToDay(year, month, 1);
  const offset = (isoDay - isoWeekday(first) + 7) % 7;
  return first + offset + (n - 1) * 7;
}

function lastWeekdayOfMonth(year: number, month: number, isoDay: number): number {
  const last = dateToDay(year, month + 1, 1) - 1;
  return last - ((isoWeekday(last) - isoDay + 7) % 7);
}

/** Holidays that national carriers (express and ground) neither collect nor deliver on. */
function carrierHolidays(year: number): ReadonlySet<number> {
  const key = `carrier|${year}`;
  let set = yearCache.get(key);
  if (!set) {
    set = new Set([
      dateToDay(year, 1, 1), // New Year's Day
      lastWeekdayOfMonth(year, 5, 1), // Memorial Day
      dateToDay(year, 7, 4), // Independence Day
      nthWeekdayOfMonth(year, 9, 1, 1), // Labor Day
      nthWeekdayOfMonth(year, 11, 4, 4), // Thanksgiving
      dateToDay(year, 12, 25), // Christmas Day
    ]);
    yearCache.set(key, set);
  }
  return set;
}

/** The five days a year local couriers rest: they deliver the other 360. */
function courierRestDays(year: number): ReadonlySet<number> {
  const key = `courier|${year}`;
  let set = yearCache.get(key);
  if (!set) {
    set = new Set([
      dateToDay(year, 1, 1),
      lastWeekdayOfMonth(year, 5, 1),
      dateToDay(year, 7, 4),
      nthWeekdayOfMonth(year, 11, 4, 4),
      dateToDay(year, 12, 25),
    ]);
    yearCache.set(key, set);
  }
  return set;
}

const carrierHolidayByDay = new Map<number, boolean>();
const courierRestByDay = new Map<number, boolean>();

export function isCarrierHoliday(day: number): boolean {
  let hit = carrierHolidayByDay.get(day);
  if (hit === undefined) {
    hit = carrierHolidays(dayToDate(day).year).has(day);
    carrierHolidayByDay.set(day, hit);
  }
  return hit;
}

export function isCourierRestDay(day: number): boolean {
  let hit = courierRestByDay.get(day);
  if (hit === undefined) {
    hit = courierRestDays(dayToDate(day).year).has(day);
    courierRestByDay.set(day, hit);
  }
  return hit;
}

const SUNDAY = 7;
const SATURDAY = 6;
const ALL_KINDS: ReadonlySet<NodeKind> = new Set(['fulfillment_center', 'delivery_station', 'mall_store', 'local_store']);
const CARRIER_KINDS: ReadonlySet<NodeKind> = new Set(['fulfillment_center', 'delivery_station']);

const carrierCollects = (day: number) => isoWeekday(day) < SATURDAY && !isCarrierHoliday(day);
const carrierDelivers = (day: number) => isoWeekday(day) !== SUNDAY && !isCarrierHoliday(day);
const hours = (h: number) => h * 60;

export const SERVICES: Readonly<Record<ServiceId, ServiceRule>> = {
  same_day: {
    id: 'same_day',
    kinds: ALL_KINDS,
    maxDistanceKm: SAME_DAY_RADIUS_KM,
    collectsOn: () => true,
    deliversOn: () => true,
    transitDays: () => 0,
    // A gig driver in city traffic: 30 km/h plus 20 minutes to park, collect and hand over.
    travelMinutes: (km) => Math.ceil((km / 30) * 60) + 20,
    windowStart: hours(16),
    windowEnd: hours(20),
    fast: true,
  },
  local_courier: {
    id: 'local_courier',
    kinds: new Set(['local_store']),
    maxDistanceKm: LOCAL_COURIER_RADIUS_KM,
    collectsOn: (day) => !isCourierRestDay(day),
    deliversOn: (day) => !isCourierRestDay(day),
    transitDays: () => 1,
    travelMinutes: (km) => Math.ceil((km / 25) * 60) + 30,
    windowStart: hours(10),
    windowEnd: hours(18),
    fast: true,
  },
  next_day: {
    id: 'next_day',
    kinds: CARRIER_KINDS,
    maxDistanceKm: 800,
    collectsOn: carrierCollects,
    deliversOn: carrierDelivers,
    transitDays: () => 1,
    travelMinutes: (km) => Math.ceil((km / 90) * 60) + 120,
    windowStart: hours(8),
    windowEnd: hours(20),
    fast: true,
  },
  two_day: {
    id: 'two_day',
    kinds: CARRIER_KINDS,
    maxDistanceKm: Infinity,
    collectsOn: carrierCollects,
    deliversOn: carrierDelivers,
    transitDays: () => 2,
    // Air freight for the long haul.
    travelMinutes: (km) => Math.ceil((km / 500) * 60) + 360,
    windowStart: hours(8),
    windowEnd: hours(20),
    fast: true,
  },
  standard: {
    id: 'standard',
    kinds: CARRIER_KINDS,
    maxDistanceKm: Infinity,
    collectsOn: carrierCollects,
    deliversOn: carrierDelivers,
    transitDays: (km) => (km <= 300 ? 2 : km <= 1000 ? 3 : km <= 2000 ? 4 : 5),
    travelMinutes: (km) => Math.ceil((km / 80) * 60) + 240,
    windowStart: hours(8),
    windowEnd: hours(20),
    fast: false,
  },
};

export const SERVICE_ORDER: readonly ServiceId[] = ['same_day', 'local_courier', 'next_day', 'two_day', 'standard'];
