/**
 * Delivery services and the calendars they run on (docs/ARCHITECTURE.md, "The promise engine").
 * Each service says which nodes it collects from, how far it reaches, on which days it collects
 * and delivers, how many delivery days the parcel travels, and in which local window it arrives.
 */
import { SERVICE_IDS, type NodeKind, type ServiceId } from './types.js';
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
}

/** 10 miles: the reach of a local shop's own courier. */
export const LOCAL_COURIER_RADIUS_KM = 16.09344;
/** How far a gig driver will collect from. */
export const SAME_DAY_RADIUS_KM = 25;

function nthWeekdayOfMonth(year: number, month: number, isoDay: number, n: number): number {
  const first = dateToDay(year, month, 1);
  const offset = (isoDay - isoWeekday(first) + 7) % 7;
  return first + offset + (n - 1) * 7;
}

function lastWeekdayOfMonth(year: number, month: number, isoDay: number): number {
  const last = dateToDay(year, month + 1, 1) - 1;
  return last - ((isoWeekday(last) - isoDay + 7) % 7);
}

type Holiday = (year: number) => number;
const NEW_YEAR: Holiday = (y) => dateToDay(y, 1, 1);
const MEMORIAL_DAY: Holiday = (y) => lastWeekdayOfMonth(y, 5, 1);
const INDEPENDENCE_DAY: Holiday = (y) => dateToDay(y, 7, 4);
const LABOR_DAY: Holiday = (y) => nthWeekdayOfMonth(y, 9, 1, 1);
const THANKSGIVING: Holiday = (y) => nthWeekdayOfMonth(y, 11, 4, 4);
const CHRISTMAS: Holiday = (y) => dateToDay(y, 12, 25);

/** A set of yearly holidays, answered per epoch day and remembered. */
function holidayCalendar(holidays: readonly Holiday[]): (day: number) => boolean {
  const byDay = new Map<number, boolean>();
  return (day) => {
    let hit = byDay.get(day);
    if (hit === undefined) {
      const year = dayToDate(day).year;
      hit = holidays.some((h) => h(year) === day);
      byDay.set(day, hit);
    }
    return hit;
  };
}

/** Holidays that national carriers (express and ground) neither collect nor deliver on. */
export const isCarrierHoliday = holidayCalendar([NEW_YEAR, MEMORIAL_DAY, INDEPENDENCE_DAY, LABOR_DAY, THANKSGIVING, CHRISTMAS]);

/** The five days a year local couriers rest: they deliver the other 360. */
export const isCourierRestDay = holidayCalendar([NEW_YEAR, MEMORIAL_DAY, INDEPENDENCE_DAY, THANKSGIVING, CHRISTMAS]);

const SUNDAY = 7;
const SATURDAY = 6;
/** Which node kinds each service collects from: a gig driver anywhere, carriers from FCs and stations. */
export const SERVICE_NODE_KINDS: Readonly<Record<ServiceId, readonly NodeKind[]>> = {
  same_day: ['fulfillment_center', 'delivery_station', 'mall_store', 'local_store'],
  local_courier: ['local_store'],
  next_day: ['fulfillment_center', 'delivery_station'],
  two_day: ['fulfillment_center', 'delivery_station'],
  standard: ['fulfillment_center', 'delivery_station'],
};

const kindsOf = (service: ServiceId): ReadonlySet<NodeKind> => new Set(SERVICE_NODE_KINDS[service]);

const carrierCollects = (day: number) => isoWeekday(day) < SATURDAY && !isCarrierHoliday(day);
const carrierDelivers = (day: number) => isoWeekday(day) !== SUNDAY && !isCarrierHoliday(day);
const hours = (h: number) => h * 60;

export const SERVICES: Readonly<Record<ServiceId, ServiceRule>> = {
  same_day: {
    id: 'same_day',
    kinds: kindsOf('same_day'),
    maxDistanceKm: SAME_DAY_RADIUS_KM,
    collectsOn: () => true,
    deliversOn: () => true,
    transitDays: () => 0,
    // A gig driver in city traffic: 30 km/h plus 20 minutes to park, collect and hand over.
    travelMinutes: (km) => Math.ceil((km / 30) * 60) + 20,
    windowStart: hours(16),
    windowEnd: hours(20),
  },
  local_courier: {
    id: 'local_courier',
    kinds: kindsOf('local_courier'),
    maxDistanceKm: LOCAL_COURIER_RADIUS_KM,
    collectsOn: (day) => !isCourierRestDay(day),
    deliversOn: (day) => !isCourierRestDay(day),
    transitDays: () => 1,
    travelMinutes: (km) => Math.ceil((km / 25) * 60) + 30,
    windowStart: hours(10),
    windowEnd: hours(18),
  },
  next_day: {
    id: 'next_day',
    kinds: kindsOf('next_day'),
    maxDistanceKm: 800,
    collectsOn: carrierCollects,
    deliversOn: carrierDelivers,
    transitDays: () => 1,
    travelMinutes: (km) => Math.ceil((km / 90) * 60) + 120,
    windowStart: hours(8),
    windowEnd: hours(20),
  },
  two_day: {
    id: 'two_day',
    kinds: kindsOf('two_day'),
    maxDistanceKm: Infinity,
    collectsOn: carrierCollects,
    deliversOn: carrierDelivers,
    transitDays: () => 2,
    // Air freight for the long haul.
    travelMinutes: (km) => Math.ceil((km / 500) * 60) + 360,
    windowStart: hours(8),
    windowEnd: hours(20),
  },
  standard: {
    id: 'standard',
    kinds: kindsOf('standard'),
    maxDistanceKm: Infinity,
    collectsOn: carrierCollects,
    deliversOn: carrierDelivers,
    transitDays: (km) => (km <= 300 ? 2 : km <= 1000 ? 3 : km <= 2000 ? 4 : 5),
    travelMinutes: (km) => Math.ceil((km / 80) * 60) + 240,
    windowStart: hours(8),
    windowEnd: hours(20),
  },
};

/** Services in the order options are listed. */
export const SERVICE_ORDER: readonly ServiceId[] = SERVICE_IDS;
