/** The shortage form's restock time, typed on the place's clock, and its outcome in plain words. */
import { describe, expect, it } from 'vitest';
import type { ShortageResult } from '../../../contract/fulfilment.js';
import type { Order, Parcel } from '../../../contract/public.js';
import { localToInstant, placeTime, shortageOutcome } from '../../../console/shortage.js';

describe('localToInstant', () => {
  it.each([
    // Phoenix keeps standard time all year.
    ['2026-03-11T09:00', 'America/Phoenix', '2026-03-11T16:00:00.000Z'],
    ['2026-07-01T09:00', 'America/Phoenix', '2026-07-01T16:00:00.000Z'],
    // New York on either side of its spring change (Sunday 8 March 2026, 02:00 → 03:00).
    ['2026-03-07T09:00', 'America/New_York', '2026-03-07T14:00:00.000Z'],
    ['2026-03-09T09:00', 'America/New_York', '2026-03-09T13:00:00.000Z'],
    ['2026-03-08T01:30', 'America/New_York', '2026-03-08T06:30:00.000Z'],
    ['2026-03-08T03:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    // The hour the clocks skip reads as the hour after, as a wall clock would show it.
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    // The hour the clocks repeat (Sunday 1 November 2026): the first time it is read.
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    // East of UTC, across midnight and a year end.
    ['2027-01-01T00:15', 'Asia/Tokyo', '2026-12-31T15:15:00.000Z'],
    ['2026-03-11T09:00:30', 'UTC', '2026-03-11T09:00:30.000Z'],
  ])('%s on %s is %s', async (local, zone, iso) => {
    expect(await localToInstant(local, zone)).toBe(iso);
  });

  it('reads the browser’s clock when no zone is known', async () => {
    expect(await localToInstant('2026-03-11T09:00')).toBe(new Date(2026, 2, 11, 9, 0).toISOString());
  });

  it.each(['', 'tomorrow', '2026-03-11', '2026-13-01T09:00', '2026-02-30T09:00', '2026-03-11T24:00', '2026-03-11 09:00'])(
    'refuses %j',
    async (local) => {
      expect(await localToInstant(local, 'America/Phoenix')).toBeNull();
      expect(await localToInstant(local)).toBeNull();
    },
  );
});

describe('placeTime', () => {
  it('writes the instant on the place’s clock and names the zone', () => {
    expect(placeTime('2026-03-11T16:00:00.000Z', 'America/Phoenix', 'en-US')).toBe('Wed, Mar 11, 9:00 AM MST');
    expect(placeTime('2026-03-11T16:00:00.000Z', 'America/New_York', 'en-US')).toBe('Wed, Mar 11, 12:00 PM EDT');
  });
});

describe('shortageOutcome', () => {
  const parcel = (nodeId: string, nodeName: string, waitingForStock: string | null = null): Parcel => ({
    nodeId,
    nodeName,
    status: 'placed',
    readyBy: '2026-03-11T23:30:00.000Z',
    readyAt: null,
    pickedUpAt: null,
    deliveredAt: null,
    lines: [{ sku: 'TEE', title: 'Everyday Tee', quantity: 1, picked: 0 }],
    waitingForStock,
  });
  const result = (outcome: ShortageResult['outcome'], fromNodeId: string | null, parcels: Parcel[], late = false): ShortageResult => ({
    outcome,
    fromNodeId,
    order: { fulfilment: { parcels, late } } as unknown as Order,
  });
  const when = (iso: string) => `<${iso}>`;

  it.each([
    [
      'waiting',
      result('waiting', 'station', [parcel('station', 'Phoenix Station', '2026-03-11T16:00:00.000Z')]),
      /^Waiting for stock, expected <2026-03-11T16:00:00.000Z>\. .*the shopper is told nothing new\.$/,
    ],
    [
      're-sent in the window',
      result('repromised', 'downtown', [parcel('mall', 'Mall'), parcel('downtown', 'Downtown Goods')]),
      /^Now sent from Downtown Goods\.$/,
    ],
    [
      're-sent later',
      result('repromised', 'downtown', [parcel('downtown', 'Downtown Goods')], true),
      /^Now sent from Downtown Goods\. It arrives later than promised; the shopper is told by email\.$/,
    ],
    ['refunded', result('refunded', null, [parcel('mall', 'Mall')]), /^Cancelled and refunded: no place could send it\./],
  ])('%s', (_name, answer, text) => {
    expect(shortageOutcome(answer, when)).toMatch(text);
  });
});
