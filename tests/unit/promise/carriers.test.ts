/**
 * How parcels travel (docs/promise-model.md): carrier holidays per year with observed days,
 * merchant closed dates per service, carrier pickup times, and transit by lane.
 */
import { describe, expect, it } from 'vitest';
import { planOptions } from '../../../server/promise/engine.js';
import { groundDays, isCarrierHoliday, isCourierRestDay } from '../../../server/promise/services.js';
import { dateToDay } from '../../../server/promise/time.js';
import type { PromiseOption, ServiceId } from '../../../server/promise/types.js';
import { CHANDLER, at, chandlerMall, network, node, phoenixStation, request } from './fixtures.js';

const PHX = 'America/Phoenix';
const day = (text: string) => {
  const [y, m, d] = text.split('-').map(Number);
  return dateToDay(y!, m!, d!);
};
const optionFor = (options: PromiseOption[], service: ServiceId) => options.find((o) => o.service === service);
const windowOf = (options: PromiseOption[], service: ServiceId) => {
  const o = optionFor(options, service);
  return o ? [o.window.start, o.window.end] : null;
};

describe('holidays per carrier and year, with observed days', () => {
  it.each([
    ['2026-11-26', true, 'Thanksgiving'],
    ['2026-12-25', true, 'Christmas, a Friday'],
    // Independence Day 2026 is a Saturday: carriers observe it on Friday the 3rd.
    ['2026-07-03', true, 'Independence Day observed'],
    ['2026-07-04', false, 'the Saturday itself is no business day anyway'],
    // Christmas 2027 is a Saturday (observed Friday 24th); New Year 2028 too (observed 2027-12-31).
    ['2027-12-24', true, 'Christmas 2027 observed'],
    ['2027-12-31', true, "New Year's Day 2028 observed in 2027"],
    // Christmas 2022 was a Sunday: observed Monday the 26th.
    ['2022-12-26', true, 'Christmas 2022 observed'],
    ['2026-05-25', true, 'Memorial Day'],
    ['2026-09-07', true, 'Labor Day'],
    // Federal holidays carriers work on.
    ['2026-01-19', false, 'Martin Luther King Jr. Day'],
    ['2026-11-11', false, 'Veterans Day'],
    ['2026-06-19', false, 'Juneteenth'],
  ])('%s is a carrier holiday: %s (%s)', (date, holiday) => {
    expect(isCarrierHoliday(day(date))).toBe(holiday);
  });

  it('local couriers rest on the day itself, not an observed one', () => {
    expect(isCourierRestDay(day('2026-07-04'))).toBe(true);
    expect(isCourierRestDay(day('2026-07-03'))).toBe(false);
    expect(isCourierRestDay(day('2026-09-07'))).toBe(false);
  });

  it('no collection on an observed holiday: Thursday 2026-07-02 after the cut-off ships Monday', () => {
    const net = network([phoenixStation], [['phx-station', 'SKU-1', 1]]);
    const options = planOptions(net, request({ now: at('2026-07-02T16:30', PHX) }));
    expect(windowOf(options, 'standard')).toEqual(['2026-07-07T08:00:00-07:00', '2026-07-07T20:00:00-07:00']);
  });

  it('a merchant closes a service on a date: no gig drivers on Thanksgiving', () => {
    const mall = { ...chandlerMall, serviceClosedDates: { same_day: ['2026-11-26'] } };
    const net = network([mall], [['chandler-mall', 'SKU-1', 1]]);
    const options = planOptions(net, request({ now: at('2026-11-25T15:00', PHX) }));
    expect(windowOf(options, 'same_day')).toEqual(['2026-11-27T16:00:00-07:00', '2026-11-27T20:00:00-07:00']);
    expect(optionFor(options, 'same_day')!.orderBy).toBe('2026-11-27T14:00:00-07:00');
  });
});

describe('carrier pickup: a time, on a day the carrier collects', () => {
  const late = node('late-fc', {
    kind: 'fulfillment_center',
    lat: 33.4342,
    lng: -112.0116,
    handlingMinutes: 180,
    cutoffs: { standard: '23:00' },
  });

  it.each([
    // A 23:00 cut-off plus 3 h handling on Friday is ready on Saturday: collected Monday.
    ['no pickup time, Friday', undefined, '2026-12-04T12:00', '2026-12-08T08:00:00-07:00'],
    // Thursday's parcel is ready at 02:00 Friday, before Friday's pickup: collected Friday.
    ['no pickup time, Thursday', undefined, '2026-12-03T12:00', '2026-12-07T08:00:00-07:00'],
    ['pickup 17:00, Thursday', '17:00', '2026-12-03T12:00', '2026-12-07T08:00:00-07:00'],
    // Ready at 02:00 Friday with a 01:00 pickup: Friday's pickup is missed, so Monday's.
    ['pickup 01:00, Thursday', '01:00', '2026-12-03T12:00', '2026-12-08T08:00:00-07:00'],
  ])('%s: arrives %s', (_label, carrierPickup, now, start) => {
    const fc = { ...late, ...(carrierPickup ? { carrierPickup } : {}) };
    const options = planOptions(network([fc], [['late-fc', 'SKU-1', 1]]), request({ now: at(now, PHX) }));
    // 20 km: one ground day after the collection day.
    expect(optionFor(options, 'standard')!.window.start).toBe(start);
  });

  it('a parcel ready after the pickup waits for the next collection day', () => {
    const station = { ...phoenixStation, carrierPickup: '17:00' };
    // 16:00 cut-off + 90 min handling = 17:30: Tuesday's pickup is missed.
    const tuesday = planOptions(network([station], [['phx-station', 'SKU-1', 1]]), request({ now: at('2026-12-01T10:00', PHX) }));
    expect(windowOf(tuesday, 'standard')).toEqual(['2026-12-03T08:00:00-07:00', '2026-12-03T20:00:00-07:00']);
    const early = { ...phoenixStation, carrierPickup: '18:00' };
    const ontime = planOptions(network([early], [['phx-station', 'SKU-1', 1]]), request({ now: at('2026-12-01T10:00', PHX) }));
    expect(windowOf(ontime, 'standard')).toEqual(['2026-12-02T08:00:00-07:00', '2026-12-02T20:00:00-07:00']);
  });
});

describe('transit by lane', () => {
  const north = (km: number) => ({ lat: CHANDLER.lat + km / 111.2, lng: CHANDLER.lng });
  const station = (km: number, fields = {}) =>
    node('st', { kind: 'delivery_station', ...north(km), cutoffs: { next_day: '15:00', two_day: '16:00', standard: '16:00' }, ...fields });

  it.each([
    [100, 1],
    [241, 1],
    [300, 2],
    [700, 3],
    [1500, 3],
    [2000, 4],
    [2500, 5],
    [4000, 5],
  ])('ground over %d km takes %d business days (carrier zone charts)', (km, days) => {
    expect(groundDays(km)).toBe(days);
  });

  it('next-day goes by ground within 150 miles; beyond only by air, on its own earlier cut-off', () => {
    const now = at('2026-12-01T10:00', PHX);
    const near = planOptions(network([station(200)], [['st', 'SKU-1', 1]]), request({ now }));
    expect(optionFor(near, 'next_day')!.orderBy).toBe('2026-12-01T15:00:00-07:00');
    const far = planOptions(network([station(400)], [['st', 'SKU-1', 1]]), request({ now }));
    expect(optionFor(far, 'next_day')).toBeUndefined();
    const air = planOptions(network([station(400, { airCutoff: '12:00' })], [['st', 'SKU-1', 1]]), request({ now }));
    expect(optionFor(air, 'next_day')).toMatchObject({
      orderBy: '2026-12-01T12:00:00-07:00',
      window: { start: '2026-12-02T08:00:00-07:00', end: '2026-12-02T20:00:00-07:00' },
    });
  });

  const seattle = node('sea-fc', {
    kind: 'fulfillment_center',
    lat: 47.45,
    lng: -122.3,
    timeZone: 'America/Los_Angeles',
    handlingMinutes: 60,
    cutoffs: { next_day: '15:00', two_day: '16:00', standard: '16:00' },
    airCutoff: '13:00',
  });
  const seattleNet = () => network([seattle], [['sea-fc', 'SKU-1', 5]]);
  const now = at('2026-12-01T09:00', 'America/Los_Angeles');

  it.each([
    // [place, destination, services offered, standard window start, standard window end]
    ['Anchorage', { lat: 61.21, lng: -149.88, timeZone: 'America/Anchorage' }, ['standard', 'two_day'], '2026-12-04', '2026-12-10'],
    ['Honolulu', { lat: 21.32, lng: -157.85, timeZone: 'Pacific/Honolulu' }, ['standard', 'two_day'], '2026-12-04', '2026-12-10'],
    // 6,000 km: the parcel cannot physically be there by the third day, so the fourth.
    ['San Juan', { lat: 18.4, lng: -66.06, timeZone: 'America/Puerto_Rico' }, ['standard', 'two_day'], '2026-12-07', '2026-12-10'],
    ['St Thomas', { lat: 18.35, lng: -64.93, timeZone: 'America/St_Thomas' }, ['standard'], '2026-12-08', '2026-12-15'],
    // Guam and Saipan: weeks by ground, never a two-day promise.
    ['Hagatna', { lat: 13.47, lng: 144.74, timeZone: 'Pacific/Guam' }, ['standard'], '2026-12-15', '2026-12-30'],
    ['Saipan', { lat: 15.17, lng: 145.75, timeZone: 'Pacific/Saipan' }, ['standard'], '2026-12-15', '2026-12-30'],
    ['Pago Pago', { lat: -14.27, lng: -170.7, timeZone: 'Pacific/Pago_Pago' }, ['standard'], '2026-12-15', '2026-12-30'],
  ])('from Seattle to %s: only %j, standard between %s and %s', (_place, destination, services, from, to) => {
    const options = planOptions(seattleNet(), request({ now, destination }));
    expect(options.map((o) => o.service).sort()).toEqual(services);
    const standard = optionFor(options, 'standard')!;
    expect(standard.window.start.slice(0, 10)).toBe(from);
    expect(standard.window.end.slice(0, 10)).toBe(to);
  });
});
