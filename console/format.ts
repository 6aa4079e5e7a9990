/** How the console writes money, dates and statuses. */
import { formatMoney } from '../contract/money.js';
import type { Money, NodeKind, ServiceId } from '../contract/primitives.js';
import type { OrderStatus } from '../contract/public.js';

/** The browser's language, which every date, time and amount is written in. */
export const LOCALE = navigator.language || 'en-US';

export const money = (m: Money) => formatMoney(m, LOCALE);

export const dateTime = (iso: string) => new Date(iso).toLocaleString(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

export const windowText = (w: { start: string; end: string }) => {
  const start = new Date(w.start);
  const end = new Date(w.end);
  const day = start.toLocaleDateString(LOCALE, { weekday: 'short', month: 'short', day: 'numeric' });
  const time = (d: Date) => d.toLocaleTimeString(LOCALE, { hour: 'numeric', minute: '2-digit' });
  return `${day}, ${time(start)} – ${time(end)}`;
};

export const label = (id: string) => id.replace(/_/g, ' ');

/** Every service and status by name: a Record, so a new one in the contract fails the type check here. */
export const SERVICE_LABELS: Record<ServiceId, string> = {
  same_day: 'Same day',
  local_courier: 'Local courier',
  next_day: 'Next day',
  two_day: 'Two day',
  standard: 'Standard',
};

export const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: 'Placed',
  ready: 'Ready',
  picked_up: 'Picked up',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  delivery_failed: 'Delivery failed',
  cancelled: 'Cancelled',
};

export const KIND_LABELS: Record<NodeKind, string> = {
  fulfillment_center: 'Fulfilment centre',
  delivery_station: 'Delivery station',
  mall_store: 'Mall store',
  local_store: 'Local shop',
};

/**
 * The services each kind of place can offer (the engine's rule, which the server checks again
 * with its own message): a gig driver collects anywhere, parcel carriers from centres and
 * stations, the local courier from local shops.
 */
export const SERVICES_OF_KIND: Record<NodeKind, ServiceId[]> = {
  fulfillment_center: ['same_day', 'next_day', 'two_day', 'standard'],
  delivery_station: ['same_day', 'next_day', 'two_day', 'standard'],
  mall_store: ['same_day'],
  local_store: ['same_day', 'local_courier'],
};

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
