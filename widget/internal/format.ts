/**
 * Dates, times, prices and durations through `Intl` (money itself through `contract/money.ts`, the
 * one money format of every surface), in the shopper's locale and the
 * destination's time zone. Formatters are cached: a listing page may hold dozens of promises.
 *
 * Whose clock: every time the widget shows (the delivery window, the hold's expiry, the
 * confirmation) is on the destination's clock, where the parcel arrives, and carries the zone's
 * name ("EST", "UTC−5") whenever that clock reads differently from the shopper's own (the
 * browser's zone) at that instant; when both agree, no name.
 */
import type { DeliveryOption, PromiseResponse } from '../../contract/public.js';
import type { Money } from '../../contract/primitives.js';
import { formatMoney } from '../../contract/money.js';
import { allMessages } from '../locales/en-lazy.js';
import type { PromiseMessages } from '../locales/messages.js';

const formatters = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let value = formatters.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    formatters.set(key, value);
  }
  return value;
}

/** "FREE" for a zero price, the formatted amount otherwise. */
export function formatPrice(money: Money, locale: string, messages: { free: string }): string {
  return money.amount === 0 ? messages.free : formatMoney(money, locale);
}

function dayNumber(instant: Date, timeZone: string): number {
  const parts = cached(
    `ymd|${timeZone}`,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }),
  ).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day')) / 86_400_000;
}

/** "today", "tomorrow" (from `Intl.RelativeTimeFormat`), or "Friday, Nov 27" further out. */
export function formatDay(instant: Date, now: Date, timeZone: string, locale: string): string {
  const days = dayNumber(instant, timeZone) - dayNumber(now, timeZone);
  if (days === 0 || days === 1) {
    return cached(`rel|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(days, 'day');
  }
  return cached(
    `day|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', month: 'short', day: 'numeric' }),
  ).format(instant);
}

/** The wall clock (day, hour, minute) in a zone, or in the browser's zone when none is given. */
function wallClock(instant: Date, timeZone?: string): string {
  return cached(
    `wall|${timeZone}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }),
  ).format(instant);
}

/** Whether a clock in `timeZone` reads differently from the shopper's own clock at `instant`. */
export function differsFromBrowser(instant: Date, timeZone: string): boolean {
  return wallClock(instant, timeZone) !== wallClock(instant);
}

function timeRange(start: Date, end: Date, timeZone: string, locale: string, minutes: boolean, named: boolean): string {
  return cached(
    `range|${locale}|${timeZone}|${minutes}|${named}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        hour: 'numeric',
        ...(minutes ? { minute: '2-digit' } : {}),
        ...(named ? { timeZoneName: 'short' } : {}),
      }),
  ).formatRange(start, end);
}

/**
 * "4–8 PM" in the destination's zone; minutes only when a bound is not on the hour, or when the
 * hours alone would read as bare numbers: a 24-hour range without a word for hour ("08 – 20" in
 * French, Indonesian, Chinese) reads like dates, so it becomes "08:00 – 20:00". "15時～20時" and
 * "3–8 PM" carry their unit already.
 */
export function formatTimeRange(start: Date, end: Date, timeZone: string, locale: string): string {
  const onTheHour = start.getUTCMinutes() === 0 && end.getUTCMinutes() === 0;
  const hours = onTheHour ? timeRange(start, end, timeZone, locale, false, false) : '';
  // Decided on the range without the zone's name, whose letters ("UTC") are not a word for hour.
  const minutes = !/\p{L}/u.test(hours);
  return timeRange(start, end, timeZone, locale, minutes, differsFromBrowser(start, timeZone));
}

/** "3:45 PM" on the destination's clock, named ("3:45 PM EST") when it differs from the shopper's. */
export function formatTime(instant: Date, timeZone: string, locale: string): string {
  const named = differsFromBrowser(instant, timeZone);
  return cached(
    `time|${locale}|${timeZone}|${named}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit', ...(named ? { timeZoneName: 'short' } : {}) }),
  ).format(instant);
}

/**
 * "today 4–8 PM" (or "today 6–10 PM EST" for a shopper elsewhere), or "Thu – Sat" for an option
 * promised as a range of days, with no-break spaces: a line may wrap before the window, never
 * inside it.
 */
export function formatWindow(
  option: Pick<DeliveryOption, 'window' | 'dateRange'>,
  now: Date,
  timeZone: string,
  locale: string,
  messages: Pick<PromiseMessages, 'when'>,
): string {
  const start = new Date(option.window.start);
  const end = new Date(option.window.end);
  if (option.dateRange === true && dayNumber(end, timeZone) > dayNumber(start, timeZone)) {
    return formatDayRange(start, end, timeZone, locale).replace(/\s/g, '\u00a0');
  }
  return messages.when(formatDay(start, now, timeZone, locale), formatTimeRange(start, end, timeZone, locale)).replace(/\s/g, '\u00a0');
}

/**
 * "Thu – Sat": a window whose day is not known well enough to promise one (the option's
 * `dateRange`), as the locale writes a range of weekdays; "Nov 27 – Dec 3" when it spans a week
 * or more, where weekdays alone would repeat.
 */
export function formatDayRange(start: Date, end: Date, timeZone: string, locale: string): string {
  const long = dayNumber(end, timeZone) - dayNumber(start, timeZone) >= 7;
  return cached(
    `days|${locale}|${timeZone}|${long}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, ...(long ? { month: 'short', day: 'numeric' } : { weekday: 'short' }) }),
  ).formatRange(start, end);
}

interface DurationFormatLike {
  format(duration: { hours?: number; minutes?: number }): string;
}
type DurationFormatCtor = new (locale: string, options: { style: 'short' }) => DurationFormatLike;

/**
 * "2 hr, 14 min" (`Intl.DurationFormat`, in every current browser): whole minutes, rounded up so
 * that it never reads "0 min" before the cut-off.
 */
export function formatDuration(ms: number, locale: string): string {
  const totalMinutes = Math.max(1, Math.ceil(ms / 60_000));
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const DurationFormat = (Intl as unknown as { DurationFormat: DurationFormatCtor }).DurationFormat;
  const duration = hours > 0 ? (minutes > 0 ? { hours, minutes } : { hours }) : { minutes };
  return cached(`dur|${locale}`, () => new DurationFormat(locale, { style: 'short' })).format(duration);
}

/**
 * Why nothing can be bought, as the shopper reads it, from the server's reason (the promise's
 * `unavailable`, or an `undeliverable` refusal's): for `held`, when to look again on the
 * destination's clock.
 */
export function unavailableText(
  reason: NonNullable<PromiseResponse['unavailable']>['reason'] | 'not-offered',
  response: PromiseResponse | null,
  postalCode: string,
  locale: string,
  promiseMessages: PromiseMessages,
): string {
  const messages = allMessages(promiseMessages);
  const retryAt = response?.unavailable?.retryAt;
  return reason === 'sold_out'
    ? messages.soldOut
    : reason === 'held'
      ? messages.heldUntil(retryAt ? formatTime(new Date(retryAt), response.destination.timeZone, locale) : '')
      : reason === 'not_deliverable'
        ? messages.unavailableNear(response?.destination.postalCode ?? postalCode)
        : reason === 'unknown_postal_code'
          ? messages.unknownPostalCode(postalCode)
          : messages.notOffered;
}

/** Warnings already in the console: a grid of fifty elements with a wrong key warns once. */
const warned = new Set<string>();

/** Tells the merchant's developer why the product shows as not available (once per cause). */
export function warnDeveloper(code: string, status: number, message: string): void {
  const cause =
    code === 'unauthorized' || (code === 'invalid_request' && status === 0) ? 'publishable-key' : code === 'not_found' ? 'sku' : '';
  const text = `nearbuy: API ${code} ${status}: ${message}` + (cause && `. Check the ${cause} attribute`);
  if (!warned.has(text)) console.warn(text);
  warned.add(text);
}
