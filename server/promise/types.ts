/**
 * Domain types of the delivery-promise engine (docs/ARCHITECTURE.md, "The promise engine"). Pure
 * data: no I/O. The engine owns these: it imports nothing from the HTTP contract, and one mapping
 * (`server/promise-service/options.ts`) turns its options into the public `DeliveryOption`.
 */

/** Delivery services, in the order options are listed. */
export const SERVICE_IDS = ['same_day', 'local_courier', 'next_day', 'two_day', 'standard'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

/**
 * What an option is called, by the promise the shopper is given (its window's last day): a
 * service's own name while its date bears it out, else the generic name of its kind: `express`
 * for next-day's air and overnight products, `expedited` for two-day's (docs/promise-model.md,
 * "Names match dates").
 */
export const OPTION_NAMES = [...SERVICE_IDS, 'express', 'expedited'] as const;
export type OptionName = (typeof OPTION_NAMES)[number];

/** Kinds of places that hold stock. */
export const NODE_KINDS = ['fulfillment_center', 'delivery_station', 'mall_store', 'local_store'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** When a node does not hand parcels over. */
export interface NodeCalendar {
  /** ISO weekdays the node is closed every week: 1 = Monday … 7 = Sunday. */
  closedWeekdays: number[];
  /** Local dates (YYYY-MM-DD) the node is closed: holidays, stock-takes. */
  closedDates: string[];
}

/** A place that holds stock. */
export interface NetworkNode {
  id: string;
  name: string;
  kind: NodeKind;
  lat: number;
  lng: number;
  /** IANA time zone the node's calendar and cut-offs are written in. */
  timeZone: string;
  /** Minutes between the order cut-off and the parcel being ready for pickup. */
  handlingMinutes: number;
  calendar: NodeCalendar;
  /**
   * Daily order cut-off per service, local HH:MM. Orders placed before it are handed over the
   * same day; a node offers only the services it has a cut-off for.
   */
  cutoffs: Partial<Record<ServiceId, string>>;
  /**
   * Local HH:MM the parcel carrier collects (next-day, two-day, standard). A parcel ready after
   * it waits for the next collection day; absent, the carrier collects whenever one is ready.
   */
  carrierPickup?: string;
  /**
   * Next-day cut-off, local HH:MM, for parcels that must fly (beyond about 150 miles a truck
   * cannot make it overnight). Absent: next-day reaches only as far as the ground lane.
   */
  airCutoff?: string;
  /** Whether the merchant buys Saturday delivery for express parcels (next-day, two-day) from here. */
  saturdayDelivery?: boolean;
  /** Local dates (YYYY-MM-DD) a service does not run from this node, e.g. gig drivers on Thanksgiving. */
  serviceClosedDates?: Partial<Record<ServiceId, string[]>>;
  /**
   * Orders per local day the node can hand over on a service (a store's picking, a same-day
   * window's driver slots, a courier's one route). Absent: unlimited. A day whose orders reach
   * it takes no more; the next open day is promised (docs/promise-model.md, "Capacity").
   */
  capacities?: Partial<Record<ServiceId, number>>;
}

/** How a merchant charges for delivery. All amounts in integer minor units. */
export interface FeePolicy {
  currency: string;
  /** Fee per service for shoppers who get no free delivery. */
  fees: Record<ServiceId, number>;
  /** Subtotal at or above which `freeShippingServices` cost nothing; null for never. */
  freeShippingThreshold: number | null;
  freeShippingServices: ServiceId[];
  /** Services that are free for members when every item is eligible for fast delivery. */
  memberFreeServices: ServiceId[];
}

export interface PromiseItem {
  sku: string;
  quantity: number;
  /** Price of one unit in minor units; used for the free-shipping threshold. */
  unitPrice: number;
  fastDeliveryEligible: boolean;
}

export interface Destination {
  lat: number;
  lng: number;
  /** IANA zone the delivery windows are written in. */
  timeZone: string;
}

export interface PromiseRequest {
  items: PromiseItem[];
  destination: Destination;
  /** The current instant, epoch milliseconds. */
  now: number;
  member: boolean;
  feePolicy: FeePolicy;
  /** Restrict to these services (all when absent). */
  services?: readonly ServiceId[];
  /**
   * Re-sourcing a placed order whose shelf came up short: any place that can still send it, with
   * or without a second source (the buffers' `secondSource` asks one of new offers only, so that
   * an empty shelf has somewhere to go; requiring it again here would refuse that very place).
   */
  anySource?: boolean;
}

export interface Money {
  /** Integer minor units. */
  amount: number;
  currency: string;
}

/** One parcel of an option: which node sends which items, and how far it travels. */
export interface PlannedShipment {
  nodeId: string;
  nodeName: string;
  nodeKind: NodeKind;
  /** Great-circle distance from the node to the destination, km, one decimal. */
  distanceKm: number;
  items: Array<{ sku: string; quantity: number }>;
  /**
   * The node's local date (YYYY-MM-DD) whose cut-off an order placed now makes: the day whose
   * capacity on the option's service a hold takes.
   */
  pickDay: string;
  /**
   * How many of the node's own deliveries its handling and lanes were calibrated from; 0 when
   * the promise rests on its stated handling and the buffers (docs/ARCHITECTURE.md, "Promises from history").
   */
  history: number;
}

/** The best way to get the items to the shopper on one service. */
export interface PromiseOption {
  service: ServiceId;
  /** What the shopper is told the option is: the service's name only where the window's last day bears it out. */
  name: OptionName;
  /** When the parcels arrive, written in the destination's zone with its offset. */
  window: { start: string; end: string };
  /** The last instant to order and keep this window, written in the destination's zone. */
  orderBy: string;
  windowStartMs: number;
  windowEndMs: number;
  orderByMs: number;
  price: Money;
  /**
   * True when the window spans several days ("Thu–Sat"): the day is not known well enough to
   * promise one at the target kept rate (slack from the buffers, or an offshore lane's range).
   */
  dateRange: boolean;
  /** True when the items come from more than one node. */
  split: boolean;
  shipments: PlannedShipment[];
}
