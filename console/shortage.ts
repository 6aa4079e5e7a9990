/**
 * What the order page's "Report a shortage…" form needs beyond the page itself: the restock's
 * date and time, typed on the place's own clock, as an instant for the server; and the outcome
 * the server answered, in plain words (docs/ARCHITECTURE.md, "After payment").
 */
import type { ShortageResult } from '../contract/fulfilment.js';
import { formatMoment } from '../contract/timeline.js';

/**
 * A `datetime-local` field's value ("2026-03-11T09:00") read on `timeZone`'s clock, as an ISO
 * instant; the browser's own clock when no zone is given. Null when the text is not a date and
 * time. A time the clocks skip (a spring-forward hour) lands an hour later, as a wall clock would;
 * one they repeat (fall back) is the first of the two: Temporal's "compatible" reading, as the
 * engine's (`server/promise/time.ts`). Temporal is loaded here, on submit, not with the console.
 */
export async function localToInstant(local: string, timeZone?: string): Promise<string | null> {
  // The field's own shape only: Temporal would also take a bare date or a space for the "T".
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const { Temporal } = await import('temporal-polyfill');
  let wall;
  try {
    wall = Temporal.PlainDateTime.from({ year, month, day, hour, minute, second }, { overflow: 'reject' });
  } catch {
    return null;
  }
  const zoned = wall.toZonedDateTime(timeZone ?? Temporal.Now.timeZoneId(), { disambiguation: 'compatible' });
  return new Date(zoned.epochMilliseconds).toISOString();
}

/** An instant on `timeZone`'s clock (the browser's when not known), the zone named ("Wed, Mar 11, 9:00 AM MST"). */
export function placeTime(iso: string, timeZone: string | undefined, locale: string): string {
  return formatMoment(iso, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, locale, null);
}

/**
 * The server's answer to a shortage, for the person who reported it. `when` writes the restock's
 * instant (on the place's clock).
 */
export function shortageOutcome(result: ShortageResult, when: (iso: string) => string): string {
  const order = result.order;
  switch (result.outcome) {
    case 'waiting': {
      const parcel = order.fulfilment.parcels.find((p) => p.nodeId === result.fromNodeId);
      const expected = parcel?.waitingForStock ? `, expected ${when(parcel.waitingForStock)}` : '';
      return `Waiting for stock${expected}. The parcel stays on this place's pick list; the delivery window holds, so the shopper is told nothing new.`;
    }
    case 'repromised': {
      const from = order.fulfilment.parcels.find((p) => p.nodeId === result.fromNodeId)?.nodeName ?? result.fromNodeId;
      const later = order.fulfilment.late ? ' It arrives later than promised; the shopper is told by email.' : '';
      return `Now sent from ${from}.${later}`;
    }
    case 'refunded':
      return 'Cancelled and refunded: no place could send it. The shopper is told by email.';
  }
}
