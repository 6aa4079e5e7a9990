/**
 * What the order page's "Report a shortage…" form needs beyond the page itself: the restock's
 * date and time, typed on the place's own clock, as an instant for the server; and the outcome
 * the server answered, in plain words (docs/ARCHITECTURE.md, "After payment").
 */
import type { ShortageResult } from '../contract/fulfilment.js';

const DAY_MS = 86_400_000;

/** The offset of `timeZone` from UTC at `instant`, in ms (Phoenix: -7 h). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * A `datetime-local` field's value ("2026-03-11T09:00") read on `timeZone`'s clock, as an ISO
 * instant; the browser's own clock when no zone is given. Null when the text is not a date and
 * time. A time the clocks skip (a spring-forward hour) lands an hour later, as a wall clock would;
 * one they repeat (fall back) is the first of the two.
 */
export function localToInstant(local: string, timeZone?: string): string | null {
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
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  if (!timeZone) {
    const at = new Date(year, month - 1, day, hour, minute, second);
    return at.getMonth() === month - 1 ? at.toISOString() : null;
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(wall).getUTCMonth() !== month - 1) return null;
  // The zone's offsets a day either side (clocks change at most once in two days): the instants
  // that read as this wall time. Two in a repeated hour (the first is taken); none in a skipped
  // hour, which is read on the clock before the change, so it lands as far after it.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const readsAs = [wall - before, wall - after].filter((t) => t + offsetAt(t, timeZone) === wall).sort((a, b) => a - b);
  return new Date(readsAs[0] ?? wall - before).toISOString();
}

/** An instant on `timeZone`'s clock, the zone named ("Wed, Mar 11, 9:00 AM MST"). */
export function placeTime(iso: string, timeZone: string | undefined, locale: string): string {
  return new Date(iso).toLocaleString(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  });
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
