/**
 * The engine's zone arithmetic (server/promise/time.ts) against Temporal itself, around the
 * instants where a shortcut could go wrong: DST transitions (the instant of the change, the hour
 * skipped in spring, the hour repeated in autumn), midnights, zones without DST and half-hour
 * zones. `localDayOf` and `instantAt` reuse a zone's offset between transitions; here every
 * answer is checked against a fresh Temporal conversion.
 */
import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { dateToDay, instantAt, localDayOf } from '../../../server/promise/time.js';

const HOUR = 3_600_000;
const ZONES = [
  'America/New_York',
  'America/Phoenix',
  'America/Anchorage',
  'Pacific/Honolulu',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
];

function temporalDay(zone: string, epochMs: number): number {
  const d = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).toPlainDate();
  return dateToDay(d.year, d.month, d.day);
}

function temporalInstant(zone: string, day: number, minute: number): number {
  const d = new Date(day * 86_400_000);
  return Temporal.PlainDateTime.from({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: Math.floor(minute / 60),
    minute: minute % 60,
  }).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** Instants every 20 minutes for two days either side of each 2026 transition, and the transition itself ± 1 ms. */
function instantsNearTransitions(zone: string): number[] {
  const out: number[] = [];
  let at = Temporal.Instant.from('2026-01-01T00:00:00Z').toZonedDateTimeISO(zone);
  for (let k = 0; k < 4; k++) {
    const next = at.getTimeZoneTransition('next');
    if (!next || next.year > 2026) break;
    const t = next.epochMilliseconds;
    out.push(t - 1, t, t + 1);
    for (let m = -48 * HOUR; m <= 48 * HOUR; m += 20 * 60_000) out.push(t + m);
    at = next;
  }
  // A zone without transitions: a plain week of January.
  if (out.length === 0) for (let m = 0; m < 7 * 24 * HOUR; m += 20 * 60_000) out.push(Date.UTC(2026, 0, 5) + m);
  return out;
}

describe('zone arithmetic', () => {
  it.each(ZONES)('%s: the local day of every instant near a transition is Temporal’s', (zone) => {
    const instants = instantsNearTransitions(zone);
    // Asked in a shuffled order too, so that no answer depends on what was asked before.
    const shuffled = [...instants].sort((a, b) => ((a * 7919) % 1000) - ((b * 7919) % 1000));
    for (const t of [...instants, ...shuffled])
      expect(localDayOf(zone, t), `${zone} ${new Date(t).toISOString()}`).toBe(temporalDay(zone, t));
  });

  it.each(ZONES)('%s: every quarter hour of the days around a transition is the instant Temporal gives', (zone) => {
    const days = new Set(instantsNearTransitions(zone).map((t) => Math.floor(t / 86_400_000)));
    for (const day of days) {
      for (let minute = 0; minute < 1440; minute += 15) {
        expect(instantAt(zone, day, minute), `${zone} day ${day} minute ${minute}`).toBe(temporalInstant(zone, day, minute));
      }
    }
  });

  it('a wall time skipped in spring moves on, a repeated one in autumn takes the first', () => {
    const day = (iso: string) => dateToDay(...(iso.split('-').map(Number) as [number, number, number]));
    // New York, 8 March 2026: 02:30 does not exist; 1 November 2026: 01:30 happens twice.
    expect(new Date(instantAt('America/New_York', day('2026-03-08'), 150)).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(new Date(instantAt('America/New_York', day('2026-11-01'), 90)).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});
