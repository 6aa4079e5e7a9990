/**
 * The courier port: everything fulfilment asks of an on-demand delivery company, in the shape
 * their APIs share (Uber Direct, DoorDash Drive): a quote, a delivery created with a pickup
 * ready time and pickup and drop-off deadlines, cancellation, and status events (courier
 * assigned, picked up, on the way, delayed, dropped off, failed, or called off because no driver
 * accepted the job). The simulated courier
 * (`simulated-courier.ts`) is the offline default; a real one is another implementation of this
 * interface. Fulfilment speaks only to it.
 */

export interface DeliveryRequest {
  /** Ours, unique per parcel and attempt: a real provider takes it as its idempotency key. */
  reference: string;
  pickup: { name: string; lat: number; lng: number; timeZone: string; readyAt: string };
  dropoff: { name: string; address: string; lat: number; lng: number; timeZone: string };
  /** The courier must collect by then to keep the promise. */
  pickupDeadline: string;
  /** The promised window: drop off within it. */
  dropoffWindow: { start: string; end: string };
  /**
   * When to drop off: early in the window, so the rest of it absorbs a late driver or a longer
   * road (docs/simulation.md, "Same-day dispatch"). Absent on deliveries booked before it existed.
   */
  dropoffAt?: string;
  /**
   * What the driver does when nobody is in: leave the parcel at the door, or bring it back (the
   * delivery fails). Uber Direct's `undeliverable_action` (`leave_at_door` | `return`), DoorDash
   * Drive's contactless drop-off and `action_if_undeliverable`. A driver who cannot reach the door
   * or finds no safe place still fails. Absent: bring it back (deliveries booked before it existed).
   */
  ifNobodyIn?: IfNobodyIn;
  items: Array<{ title: string; quantity: number }>;
}

export const IF_NOBODY_IN = ['leave_at_door', 'return'] as const;
export type IfNobodyIn = (typeof IF_NOBODY_IN)[number];

export interface CourierQuote {
  fee: { amount: number; currency: string };
  pickupEta: string;
  dropoffEta: string;
}

export interface CreatedDelivery {
  /** The provider's id for the delivery. */
  externalId: string;
  trackingUrl: string | null;
  pickupEta: string;
  dropoffEta: string;
  fee: { amount: number; currency: string };
}

export const COURIER_EVENTS = ['assigned', 'picked_up', 'en_route', 'delayed', 'delivered', 'failed', 'cancelled'] as const;
export type CourierEventKind = (typeof COURIER_EVENTS)[number];

export interface CourierEvent {
  /** 1, 2, 3 … per delivery: each is applied once, in order. */
  seq: number;
  kind: CourierEventKind;
  at: string;
  courier?: { name: string; vehicle: string };
  /** A new drop-off estimate (delayed). */
  dropoffEta?: string;
  /** Why (failed, cancelled, delayed), in words a shopper can read. */
  reason?: string;
  /** Cancelled by the provider because no driver accepted the job (it gave up looking). */
  cause?: 'no_driver';
}

export interface TrackedDelivery {
  externalId: string;
  request: DeliveryRequest;
  createdAt: string;
}

export interface CourierProvider {
  readonly name: string;
  quote(request: DeliveryRequest): Promise<CourierQuote>;
  create(request: DeliveryRequest): Promise<CreatedDelivery>;
  /** Calls the courier off before pickup. Best effort. */
  cancel(externalId: string): Promise<void>;
  /** Every status event of a delivery up to `now`, oldest first. */
  events(delivery: TrackedDelivery, now: number): Promise<CourierEvent[]>;
}
