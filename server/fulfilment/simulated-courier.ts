/**
 * The simulated courier: plays each delivery out over the app's clock (so the demo clock moves it
 * on), sometimes late, sometimes failing, and sometimes finding no driver who accepts the job.
 * Every delivery's story follows from the seed and the delivery's reference alone, so tests are
 * deterministic and a restarted process tells the same story: it keeps no state (whether a driver
 * accepted is drawn when the job is posted and carried in the delivery's external id).
 */
import type { CourierEvent, CourierProvider, CourierQuote, CreatedDelivery, DeliveryRequest, TrackedDelivery } from './courier.js';

export interface SimulatedCourierOptions {
  seed: number;
  /** Share of deliveries that arrive after the window (each tells the shopper first). */
  lateRate: number;
  /**
   * Share of deliveries whose first try at the door does not go as planned: nobody in (left at the
   * door when the request says so, else failed) or no way to the door (failed).
   */
  failureRate: number;
  /** Of those, the share where nobody was in (0.5 unless set); the rest could not reach the door. */
  nobodyInShare?: number;
  /** Share of postings that no driver accepts (0 unless set). */
  noDriverRate?: number;
}

const MIN = 60_000;
const DRIVERS = ['Sam', 'Priya', 'Luis', 'Mei', 'Omar', 'Ana', 'Kenji', 'Dewi', 'Chloé', 'Yusuf'];
const VEHICLES = ['bike', 'scooter', 'car', 'e-bike'];
const NOBODY_IN = 'Nobody was home to receive the parcel';
const NO_WAY_IN = 'The courier could not get into the building';
export const LEFT_AT_DOOR = 'Left at the door';

/** FNV-1a: a string to 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a small, good-enough seeded generator in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** How long the platform looks for a driver before it gives a job up. */
const SEARCH_MS = 15 * MIN;
/** Marks the external id of a job no driver accepted. */
const NO_DRIVER = '_nd';

export class SimulatedCourier implements CourierProvider {
  readonly name = 'simulated';

  constructor(private readonly opts: SimulatedCourierOptions) {}

  private travelMs(request: DeliveryRequest): number {
    // City traffic: 3 minutes a kilometre, 8 minutes at least.
    return Math.max(8, Math.round(distanceKm(request.pickup, request.dropoff) * 3)) * MIN;
  }

  /** The whole story of a delivery created at `createdAt`. */
  plan(request: DeliveryRequest, createdAt: number): CourierEvent[] {
    const rnd = random(hash(`${this.opts.seed}:${request.reference}`));
    const travel = this.travelMs(request);
    const windowStart = Date.parse(request.dropoffWindow.start);
    const windowEnd = Date.parse(request.dropoffWindow.end);
    const fails = rnd() < this.opts.failureRate;
    const late = !fails && rnd() < this.opts.lateRate;
    // On time: at the asked moment, else somewhere in the first two thirds of the window; never
    // before the parcel could get there.
    const drawn = windowStart + Math.floor(rnd() * (windowEnd - windowStart) * 0.66);
    const target = request.dropoffAt ? Date.parse(request.dropoffAt) : drawn;
    const onTime = Math.max(target, createdAt + 15 * MIN + travel);
    const arrival = late ? Math.max(onTime, windowEnd) + (20 + Math.floor(rnd() * 50)) * MIN : onTime;
    const pickedUp = Math.max(createdAt + 10 * MIN, (late ? onTime : arrival) - travel);
    const assigned = Math.max(createdAt + MIN, pickedUp - (10 + Math.floor(rnd() * 15)) * MIN);
    const courier = { name: DRIVERS[Math.floor(rnd() * DRIVERS.length)]!, vehicle: VEHICLES[Math.floor(rnd() * VEHICLES.length)]! };
    const events: Array<Omit<CourierEvent, 'seq'>> = [
      { kind: 'assigned', at: iso(assigned), courier },
      { kind: 'picked_up', at: iso(pickedUp), courier },
      { kind: 'en_route', at: iso(pickedUp + 2 * MIN), courier },
    ];
    if (late) {
      // The courier sees it coming and says so before the window closes.
      const noticed = Math.max(pickedUp + 3 * MIN, Math.min(windowEnd - 30 * MIN, arrival - 20 * MIN));
      events.push({ kind: 'delayed', at: iso(noticed), dropoffEta: iso(arrival), reason: 'Heavy traffic on the way' });
    }
    const nobodyIn = rnd() < (this.opts.nobodyInShare ?? 0.5);
    if (!fails) events.push({ kind: 'delivered', at: iso(arrival), courier });
    else if (nobodyIn && request.ifNobodyIn === 'leave_at_door')
      events.push({ kind: 'delivered', at: iso(arrival), courier, reason: LEFT_AT_DOOR });
    else events.push({ kind: 'failed', at: iso(arrival), reason: nobodyIn ? NOBODY_IN : NO_WAY_IN });
    return events.map((e, i) => ({ ...e, seq: i + 1 }));
  }

  async quote(request: DeliveryRequest): Promise<CourierQuote> {
    const km = distanceKm(request.pickup, request.dropoff);
    const now = Date.parse(request.pickup.readyAt);
    return {
      fee: { amount: 499 + Math.round(km * 75), currency: 'USD' },
      pickupEta: iso(now + 15 * MIN),
      dropoffEta: iso(now + 15 * MIN + this.travelMs(request)),
    };
  }

  async create(request: DeliveryRequest): Promise<CreatedDelivery> {
    const createdAt = Date.parse(request.pickup.readyAt);
    const plan = this.plan(request, createdAt);
    const quote = await this.quote(request);
    const noDriver = random(hash(`${this.opts.seed}:${request.reference}:driver`))() < (this.opts.noDriverRate ?? 0);
    return {
      externalId: `sim_${hash(`${this.opts.seed}:${request.reference}`).toString(36)}_${request.reference.length.toString(36)}${noDriver ? NO_DRIVER : ''}`,
      trackingUrl: null,
      pickupEta: plan.find((e) => e.kind === 'picked_up')!.at,
      dropoffEta: plan[plan.length - 1]!.at,
      fee: quote.fee,
    };
  }

  async cancel(): Promise<void> {
    // Nothing is on the road in a simulation; the delivery is marked cancelled by the caller.
  }

  async events(delivery: TrackedDelivery, now: number): Promise<CourierEvent[]> {
    const createdAt = Date.parse(delivery.request.pickup.readyAt);
    const story: CourierEvent[] = delivery.externalId.endsWith(NO_DRIVER)
      ? [{ seq: 1, kind: 'cancelled', at: iso(createdAt + SEARCH_MS), cause: 'no_driver', reason: 'No driver accepted the delivery' }]
      : this.plan(delivery.request, createdAt);
    return story.filter((e) => Date.parse(e.at) <= now);
  }
}
