/**
 * Time-zone arithmetic for the engine, through the Temporal polyfill. Every conversion between
 * an instant and a local date or time goes through Temporal; results are memoised (or, for local
 * dates, the zone's offset between two transitions) because a conversion costs ~15 µs and a
 * promise needs dozens of them.
 *
 * Local calendar dates are "epoch days": whole days since 1970-01-01, which makes "the next day"
 * an addition. Epoch days carry no zone; the zone is always an explicit argument.
 */
import { Temporal } from 'temporal-polyfill';

const MS_PER_DAY = 86_400_000;
const CACHE_LIMIT = 200_000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** A stretch of time over which a zone keeps one UTC offset: [from, to), between transitions. */
interface OffsetSpan {
  from: number;
  to: number;
  offsetMs: number;
}
/** Spans kept per zone; more than a promise ever needs, fewer than a slow search. */
const SPAN_LIMIT = 64;
const offsetSpans = new Map<string, OffsetSpan[]>();

/**
 * The local calendar date (epoch day) of an instant in a zone: the instant shifted by the zone's
 * offset then. The offset is constant between two transitions (DST changes), so each span between
 * them is asked of Temporal once and every instant in it is two comparisons and a division: the
 * engine asks this for nearly every node it weighs.
 */
export function localDayOf(timeZone: string, epochMs: number): number {
  const spans = offsetSpans.get(timeZone);
  if (spans !== undefined) {
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i]!;
      if (epochMs >= span.from && epochMs < span.to) return Math.floor((epochMs + span.offsetMs) / MS_PER_DAY);
    }
  }
  return Math.floor((epochMs + offsetSpanAt(timeZone, epochMs).offsetMs) / MS_PER_DAY);
}

function offsetSpanAt(timeZone: string, epochMs: number): OffsetSpan {
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  // "previous" is strictly before its instant: asked from a millisecond later, a transition at
  // `epochMs` itself is found, and the span starts there.
  const previous = Temporal.Instant.fromEpochMilliseconds(epochMs + 1)
    .toZonedDateTimeISO(timeZone)
    .getTimeZoneTransition('previous');
  const next = zoned.getTimeZoneTransition('next');
  const span = {
    from: previous ? previous.epochMilliseconds : -Infinity,
    to: next ? next.epochMilliseconds : Infinity,
    offsetMs: zoned.offsetNanoseconds / 1_000_000,
  };
  let spans = offsetSpans.get(timeZone);
  if (!spans) offsetSpans.set(timeZone, (spans = []));
  if (spans.length >= SPAN_LIMIT) spans.length = 0;
  spans.push(span);
  return span;
}

const instantCache = new Map<string, Map<number, number>>();

/**
 * The instant a local wall-clock time happens on a local date in a zone. A time skipped by a
 * DST change resolves to the equivalent later time; a repeated one to the earlier (Temporal's
 * "compatible" disambiguation, the same as wall clocks and cron).
 */
export function instantAt(timeZone: string, day: number, minuteOfDay: number): number {
  // Inside a known offset span, a day clear of both its transitions: no DST change can make the
  // wall time skipped or repeated, so it is the wall time less the span's offset.
  const local = day * MS_PER_DAY + minuteOfDay * 60_000;
  const spans = offsetSpans.get(timeZone);
  if (spans !== undefined) {
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i]!;
      const at = local - span.offsetMs;
      if (at - MS_PER_DAY >= span.from && at + MS_PER_DAY < span.to) return at;
    }
  }
  let perZone = instantCache.get(timeZone);
  if (!perZone) {
    perZone = new Map();
    instantCache.set(timeZone, perZone);
  }
  const key = day * 1440 + minuteOfDay;
  const hit = perZone.get(key);
  if (hit !== undefined) return hit;
  const { year, month, date } = dayToDate(day);
  const zoned = Temporal.PlainDateTime.from({
    year,
    month,
    day: date,
    hour: Math.floor(minuteOfDay / 60),
    minute: minuteOfDay % 60,
  }).toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  return remember(perZone, key, zoned.epochMilliseconds);
}

const isoCache = new Map<string, Map<number, string>>();

/** An instant written in a zone with its offset, e.g. 2026-11-25T16:00:00-07:00. */
export function formatInZone(timeZone: string, epochMs: number): string {
  let perZone = isoCache.get(timeZone);
  if (!perZone) {
    perZone = new Map();
    isoCache.set(timeZone, perZone);
  }
  const hit = perZone.get(epochMs);
  if (hit !== undefined) return hit;
  const text = Temporal.Instant.fromEpochMilliseconds(epochMs)
    .toZonedDateTimeISO(timeZone)
    .toString({ timeZoneName: 'never', smallestUnit: 'second' });
  return remember(perZone, epochMs, text);
}

const zoneValidity = new Map<string, boolean>();

/** Whether `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  const known = zoneValidity.get(timeZone);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    Temporal.Now.zonedDateTimeISO(timeZone);
    ok = true;
  } catch {
    ok = false;
  }
  zoneValidity.set(timeZone, ok);
  return ok;
}

// Plain calendar arithmetic (no zones): proleptic Gregorian dates ⇄ epoch days.

export function dateToDay(year: number, month: number, date: number): number {
  return Math.floor(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

export function dayToDate(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Parses YYYY-MM-DD into an epoch day, or returns null when it is not a real date. */
export function parseIsoDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dateToDay(year, month, date);
  const back = dayToDate(day);
  return back.year === year && back.month === month && back.date === date ? day : null;
}

export function formatIsoDay(day: number): string {
  const { year, month, date } = dayToDate(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** Parses HH:MM into minutes after midnight, or null. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
