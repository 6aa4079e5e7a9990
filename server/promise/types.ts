/**
 * Domain types of the delivery-promise engine (DESIGN.md §3, §4). Pure data: no I/O.
 */
import type { DeliveryOption } from '../../contract/public.js';
import type { NodeKind, ServiceId } from '../../contract/primitives.js';

export type { NodeKind, ServiceId };

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
}

/** A delivery option with the instants behind it, for code that compares options. */
export interface PromiseOption extends DeliveryOption {
  windowStartMs: number;
  windowEndMs: number;
  orderByMs: number;
}
