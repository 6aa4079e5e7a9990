/**
 * The order timeline, drawn the same way on every surface: the widget's confirmation, the
 * server's order status page and the demo's order page all take their steps from
 * `timelineSteps` and their times from `formatMoment`. Plain code, no zod: safe for the widget
 * bundle and for pages without a build step (through the widget's side-effect-free entry).
 *
 * Whose clock (the rule of docs/ARCHITECTURE.md, "Time"): every time is on the destination's
 * clock, where the parcel arrives, and names its zone ("4:12 PM EST") when the viewer's clock
 * reads differently at that instant, or when the viewer's zone is not known (a page the server
 * renders for a link in an email).
 */

export type TimelineStatus = 'placed' | 'ready' | 'picked_up' | 'out_for_delivery' | 'delivered' | 'delivery_failed' | 'cancelled';

/** The steps an order goes through on its way, in order. */
export const TIMELINE_STEPS: readonly TimelineStatus[] = ['placed', 'ready', 'picked_up', 'out_for_delivery', 'delivered'];

/** English names of the steps, for surfaces without locales of their own. */
export const TIMELINE_NAMES: Readonly<Record<TimelineStatus, string>> = {
  placed: 'Order placed',
  ready: 'Packed at the store',
  picked_up: 'Picked up',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  delivery_failed: 'Delivery not completed',
  cancelled: 'Cancelled',
};

/** One row of the timeline. */
export interface TimelineStep {
  status: TimelineStatus;
  /** When the order reached it (ISO), or null while it has not. */
  at: string | null;
  /** Where the order is now. */
  current: boolean;
}

/**
 * The rows to draw for an order: every step of the way, each with when it was reached; an order
 * that ended early (cancelled, delivery failed) shows the steps it reached, then how it ended.
 */
export function timelineSteps(order: {
  status: TimelineStatus;
  timeline: ReadonlyArray<{ status: TimelineStatus; at: string }>;
}): TimelineStep[] {
  const reached = new Map(order.timeline.map((event) => [event.status, event.at] as const));
  const ended = order.status === 'cancelled' || order.status === 'delivery_failed';
  const steps = ended ? [...TIMELINE_STEPS.filter((s) => reached.has(s)), order.status] : TIMELINE_STEPS;
  return steps.map((status) => ({ status, at: reached.get(status) ?? null, current: status === order.status }));
}

/** The wall clock (day, hour, minute) in a zone. */
function wallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).format(
    instant,
  );
}

/** Whether a time at `iso` on `timeZone`'s clock must name its zone for a viewer in `viewerZone` (null: unknown). */
export function namesZone(iso: string, timeZone: string, viewerZone: string | null): boolean {
  const instant = new Date(iso);
  return viewerZone === null || wallClock(instant, timeZone) !== wallClock(instant, viewerZone);
}

/**
 * How a moment reads on every surface ("Tue, Mar 10, 4:12 PM" in English): the order timeline here
 * and the delivery window in shopper emails (`server/mail/render.ts`), each with its zone added.
 */
export const MOMENT_FORMAT: Readonly<Intl.DateTimeFormatOptions> = {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
};

/**
 * "Tue, Mar 10, 4:12 PM" on the destination's clock (`timeZone`), with the zone's name when
 * `viewerZone` reads differently at that instant or is not known (null).
 */
export function formatMoment(iso: string, timeZone: string, locale: string, viewerZone: string | null): string {
  const instant = new Date(iso);
  const named = namesZone(iso, timeZone, viewerZone);
  return new Intl.DateTimeFormat(locale, { ...MOMENT_FORMAT, timeZone, ...(named ? { timeZoneName: 'short' } : {}) }).format(instant);
}

/** Whether `zone` is an IANA zone this runtime knows (a viewer's zone from a URL is checked with it). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length <= 64;
  } catch {
    return false;
  }
}
