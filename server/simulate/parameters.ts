/**
 * Every parameter of the simulator's failure models, with where each figure comes from
 * (docs/simulation.md). "Assumption" marks a figure with no public measurement behind it: it is a
 * reasoned guess, written down so that it can be argued with and replaced by a merchant's own
 * history. Probabilities are per event (per parcel, per node-day); times are minutes.
 */
import type { NodeKind, ServiceId } from '../promise/index.js';
import type { PhantomStock } from './shelf.js';
import type { RestockLeadTime } from './restock.js';

export type Season = 'normal' | 'peak';
export type PerKind = Readonly<Record<NodeKind, number>>;
export type PerSeason = Readonly<Record<Season, number>>;

export interface FailureParameters {
  /**
   * Phantom stock: at each pick the shelf holds the record less a drawn number of units
   * (`shelf.ts`; docs/simulation.md, "Stock on the shelf"). The record is short with probability
   * `short`, by a geometric number of units with mean `meanUnits`. Store records are wrong far
   * more often than not: 65% of 370,000 store-SKU records of one retailer did not match the shelf
   * (DeHoratius & Raman, "Inventory Record Inaccuracy: An Empirical Analysis", Management Science
   * 2008), and shrinkage accumulated between counts turns into phantom units that the record
   * still offers (Kang & Gershwin, "Information inaccuracy in inventory systems: stock loss and
   * stockout", IIE Transactions 2005). Fulfilment centres and stations count by location and
   * report accuracy near 99.5% (WERC "DC Measures"). `meanUnits` is an assumption (a few units:
   * shrinkage between daily deliveries); `short` is calibrated (`--calibrate-shelf`) so that the
   * default run misses as many picks per node kind as the flat rates did (`SHELF_MISS_TARGETS`).
   */
  phantomStock: Readonly<Record<NodeKind, PhantomStock>>;
  /**
   * When a shelf found short at a pick holds the units again (`restock.ts`; docs/simulation.md,
   * "Waiting for the restock"): with one of the nightly deliveries the run already plays, the next
   * one with probability `nextNight`, else a geometric number of nights later. Assumption: a
   * warehouse or station finds a mislocated unit or takes it off the next inbound truck; a chain's
   * mall store is served by its distribution centre most nights of the week; a local shop orders
   * from a wholesaler or a maker, whose next-morning van comes about half the time, and otherwise
   * the units take a few days (mean two more nights). Replace with the merchant's supplier lead
   * times, which the shortage report's `restockAt` records.
   */
  restock: Readonly<Record<NodeKind, RestockLeadTime>>;
  /**
   * Handling (ready after the pick starts) is log-normal: its median is `medianOfStated` × the
   * node's stated `handlingMinutes`, its spread σ (p90 = median × e^(1.2816 σ)). Right-skewed,
   * as order cycle times are measured to be; the figures are an assumption (a stated handling
   * time is usually a comfortable typical value; stores pick between serving customers, hence
   * the wider spread). Peak multiplies every handling time (assumption: more orders, temporary
   * staff).
   */
  handling: { medianOfStated: PerKind; sigma: PerKind; peakFactor: number };
  /**
   * A node closed on a day it should be open (weather, power, staffing), per node-day.
   * Assumption: about one unplanned closed day per node per year for warehouses, two to three
   * for stores.
   */
  unexpectedClosure: PerKind;
  /**
   * Same-day gig delivery: no driver accepts the job (the parcel goes the next day), or the
   * driver comes late (log-normal extra minutes). Assumption informed by gig platforms' public
   * statements that most requests are accepted within minutes; peak evenings are harder.
   */
  gig: {
    noDriver: PerSeason;
    late: PerSeason;
    lateMedianMinutes: number;
    lateSigma: number;
    /** An on-time driver still takes a few minutes to arrive (median, σ). */
    arriveMedianMinutes: number;
    arriveSigma: number;
    /** City driving speed, km/h of road, and minutes to park, collect and hand over. */
    speedKmh: number;
    stopMinutes: number;
    /**
     * The first attempt at the door fails, per parcel, split by why (3% in all, as for the local
     * courier): nobody in to take it (a driver told to leave it at the door does, `SameDayDispatch`),
     * or the driver could not reach the door or found no safe place to leave it (a locked lobby, a
     * gate code, a parcel that would be seen from the street), which no instruction mends.
     * Assumption: about two thirds of missed deliveries are nobody in; gig platforms report
     * contactless drop-off as the usual case, and the rest are access problems.
     */
    firstAttempt: { nobodyIn: number; noSafePlace: number };
    /**
     * A second attempt the same evening fails at this rate. Assumption: the shopper was told when
     * the driver comes back, but the access problem that stopped the first driver (no way in, no
     * safe place) is still there unless the shopper is in to meet the second: about 40%.
     */
    secondAttemptFails: number;
  };
  /**
   * Road distance over straight-line distance (circuity), log-normal. US averages 1.2–1.4
   * (Ballou, Rahardja & Sakai, "Selected country circuity factors for road and rail networks",
   * 2002: US about 1.20; Boscoe, Henry & Zdeb, "A nationwide comparison of driving distance
   * versus straight-line distance", 2012: higher for short urban trips).
   */
  road: { medianCircuity: number; sigma: number; routeStretchSigma: number };
  /**
   * A local shop's courier: the route not run on a day (driver off sick, van broken), and the
   * hours its stops are planned over from the window's start (the rest of the window is slack
   * for a route that runs long on the roads). Assumption.
   */
  courier: { routeMissed: PerSeason; plannedRouteHours: number };
  /**
   * The parcel carrier misses a node's scheduled pickup, per node-day. Assumption: a few missed
   * pickups a year on a daily pickup, more in peak when trucks run full.
   */
  pickupMissed: PerSeason;
  /**
   * Carrier transit on time against the carrier's own published transit time. Approximate
   * figures read from ShipMatrix's public on-time summaries of UPS and FedEx (2022–2024): express
   * and ground around 95–97% in normal weeks, falling to about 90–93% in December peak weeks.
   * Replace with the merchant's carriers' own figures.
   */
  carrierOnTime: Readonly<Record<'next_day' | 'two_day' | 'standard', PerSeason>>;
  /** Of late parcels, the share one day late, two days late; the rest three. Assumption. */
  carrierLateDays: readonly [one: number, two: number];
  /**
   * First delivery attempt fails (nobody in for a signature, no access), per parcel; the second
   * attempt is the next delivery day. Assumption: low single digits, higher for hand-to-hand
   * local services. Same-day's is split by why in `gig.firstAttempt`.
   */
  failedAttempt: Readonly<Record<Exclude<ServiceId, 'same_day'>, number>>;
}

/**
 * The share of picks that found the stock missing under the flat model this one replaced (a rate
 * per pick: Gruen, Corsten & Bharadwaj, "Retail Out-of-Stocks: A Worldwide Examination", 2002,
 * put retail out-of-shelf near 8%; a store picking an order it just promised finds the unit
 * missing less often than a shopper finds a shelf empty, so 4–6%; warehouses 0.5–1%). The
 * phantom model's `short` is calibrated to reproduce them in the default run, so that the change
 * of model alone does not make promises look better kept.
 */
export const SHELF_MISS_TARGETS: PerKind = { fulfillment_center: 0.005, delivery_station: 0.01, mall_store: 0.04, local_store: 0.06 };

export const FAILURES: FailureParameters = {
  phantomStock: {
    fulfillment_center: { short: 0.00403, meanUnits: Infinity },
    delivery_station: { short: 0.00914, meanUnits: Infinity },
    mall_store: { short: 0.35, meanUnits: 6.51 },
    local_store: { short: 0.35, meanUnits: 10.08 },
  },
  restock: {
    fulfillment_center: { nextNight: 0.9, laterMeanNights: 1 },
    delivery_station: { nextNight: 0.9, laterMeanNights: 1 },
    mall_store: { nextNight: 0.7, laterMeanNights: 2 },
    local_store: { nextNight: 0.5, laterMeanNights: 2 },
  },
  handling: {
    medianOfStated: { fulfillment_center: 0.75, delivery_station: 0.75, mall_store: 0.8, local_store: 0.8 },
    sigma: { fulfillment_center: 0.45, delivery_station: 0.45, mall_store: 0.6, local_store: 0.65 },
    peakFactor: 1.25,
  },
  unexpectedClosure: { fulfillment_center: 0.003, delivery_station: 0.003, mall_store: 0.006, local_store: 0.008 },
  gig: {
    noDriver: { normal: 0.02, peak: 0.04 },
    late: { normal: 0.08, peak: 0.15 },
    lateMedianMinutes: 25,
    lateSigma: 0.7,
    arriveMedianMinutes: 8,
    arriveSigma: 0.5,
    speedKmh: 30,
    stopMinutes: 20,
    firstAttempt: { nobodyIn: 0.02, noSafePlace: 0.01 },
    secondAttemptFails: 0.4,
  },
  road: { medianCircuity: 1.25, sigma: 0.12, routeStretchSigma: 0.12 },
  courier: { routeMissed: { normal: 0.01, peak: 0.02 }, plannedRouteHours: 7 },
  pickupMissed: { normal: 0.01, peak: 0.025 },
  carrierOnTime: {
    next_day: { normal: 0.96, peak: 0.92 },
    two_day: { normal: 0.955, peak: 0.91 },
    standard: { normal: 0.965, peak: 0.92 },
  },
  carrierLateDays: [0.75, 0.2],
  failedAttempt: { local_courier: 0.03, next_day: 0.015, two_day: 0.015, standard: 0.015 },
};

/** Local hour a node starts picking the day's orders. Assumption (stores open, FCs run shifts). */
export const PICK_START_MINUTES = 8 * 60;

/**
 * How the same-day dispatcher works: operator choices, not failures (docs/simulation.md, "Same-day
 * dispatch"). `aimMinutesIntoWindow`: drivers are asked to arrive this long after the window opens
 * (null: at a random moment of it, the plain model), so the rest of the window absorbs a late
 * driver, a long road or a late pick. `repostAfterMinutes`: a job no driver accepted is posted
 * once more this much later, a fresh draw of the same no-driver rate (null: it waits for tomorrow).
 * `leaveAtDoor`: the driver leaves the parcel at the door when nobody is in (false: brings it
 * back). `secondAttemptBeforeEndMinutes`: after a failed attempt the driver takes the parcel back
 * to the store and a new job is posted from there, when that job's drop-off (back at the store,
 * 15 minutes to post and collect, the road out) falls at least this long before the window's end
 * (null: the parcel comes tomorrow). One second attempt at most.
 */
export interface SameDayDispatch {
  aimMinutesIntoWindow: number | null;
  repostAfterMinutes: number | null;
  leaveAtDoor: boolean;
  secondAttemptBeforeEndMinutes: number | null;
}

/**
 * The dispatch the simulation plays by default, as the server dispatches
 * (`server/fulfilment/dispatch.ts`): aim early in the window, post an unaccepted job again, leave
 * the parcel at the door when nobody is in, and try once more the same evening.
 */
export const SAME_DAY_DISPATCH: SameDayDispatch = {
  aimMinutesIntoWindow: 30,
  repostAfterMinutes: 30,
  leaveAtDoor: true,
  secondAttemptBeforeEndMinutes: 45,
};

/** Aimed early with a second posting, but nothing left at the door and no second attempt. */
export const AIMED_DISPATCH: SameDayDispatch = {
  aimMinutesIntoWindow: 30,
  repostAfterMinutes: 30,
  leaveAtDoor: false,
  secondAttemptBeforeEndMinutes: null,
};

/** The plain model: a random moment of the window, no second posting, no door, no second attempt. */
export const PLAIN_DISPATCH: SameDayDispatch = {
  aimMinutesIntoWindow: null,
  repostAfterMinutes: null,
  leaveAtDoor: false,
  secondAttemptBeforeEndMinutes: null,
};
