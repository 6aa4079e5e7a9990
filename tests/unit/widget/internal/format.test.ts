// The shopper's clock first: the widget names a zone only where it differs from it.
import '../browser-zone.js';
import { describe, expect, it } from 'vitest';
import { formatTimeRange, formatWindow } from '../../../../widget/internal/format.js';
import { en } from '../../../../widget/locales/en.js';
import { NOW, option } from '../../../widget/helpers/fixtures.js';

/** Intl's thin and no-break spaces, as plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

const at = (iso: string) => new Date(iso);
const ZONE = 'America/Phoenix';

describe('formatTimeRange', () => {
  // 8 AM – 8 PM in Phoenix (UTC−7).
  const start = at('2026-11-26T15:00:00Z');
  const end = at('2026-11-27T03:00:00Z');

  it.each([
    ['en', /^8 AM – 8 PM$/],
    ['ar', /^8 ص – 8 م$/],
    ['ja', /^8時～20時$/],
    // 24-hour locales whose hour-only range has no unit: bare "08 – 20" reads like dates.
    ['fr', /^08:00 – 20:00$/],
    ['id', /^08\.00 ?– ?20\.00$/],
    ['zh', /^08:00 ?– ?20:00$/],
  ])('reads as hours in %s', (locale, expected) => {
    const text = plain(formatTimeRange(start, end, ZONE, locale));
    expect(text).toMatch(expected);
    // Whatever the locale, a range of hours carries a word for hour or minutes.
    expect(text).not.toMatch(/^\d{1,2}\s*[–-]\s*\d{1,2}$/);
  });

  it('gives minutes when a bound is not on the hour', () => {
    expect(plain(formatTimeRange(at('2026-11-26T15:30:00Z'), end, ZONE, 'en'))).toBe('8:30 AM – 8:00 PM');
  });
});

describe('formatWindow', () => {
  it('never lets a line break inside the day and window', () => {
    const text = formatWindow(option({}), new Date(NOW), ZONE, 'en', en);
    expect(text).not.toMatch(/[ \u2009\u202f]/);
    expect(plain(text)).toBe('today 4 – 8 PM');
  });

  it('shows a range of days, not a date, when the option says its day is not known well enough', () => {
    // Thursday 26 November 8 AM to Monday 30 November 8 PM in Phoenix.
    const window = { start: '2026-11-26T08:00:00-07:00', end: '2026-11-30T20:00:00-07:00' };
    const text = formatWindow(option({ window, dateRange: true }), new Date(NOW), ZONE, 'en', en);
    expect(text).not.toMatch(/[ \u2009\u202f]/);
    expect(plain(text)).toBe('Thu – Mon');
    expect(plain(formatWindow(option({ window, dateRange: true }), new Date(NOW), ZONE, 'fr', en))).toBe('jeu. – lun.');
    // Without the flag the same window reads as its first day, as before.
    expect(plain(formatWindow(option({ window }), new Date(NOW), ZONE, 'en', en))).not.toContain('Mon');
  });

  it('names dates when the range spans a week or more', () => {
    const window = { start: '2026-11-26T08:00:00-07:00', end: '2026-12-04T20:00:00-07:00' };
    expect(plain(formatWindow(option({ window, dateRange: true }), new Date(NOW), ZONE, 'en', en))).toBe('Nov 26 – Dec 4');
  });
});
