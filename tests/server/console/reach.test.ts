/** The console's reach map data: what each service reaches from each place, by the engine's rules. */
import { describe, expect, it } from 'vitest';
import { GROUND_NEXT_DAY_KM, SAME_DAY_RADIUS_KM } from '../../../server/promise/index.js';
import { call, errorOf, type TestApp } from '../helper.js';
import type { Shop } from '../fixtures.js';
import { API, as, clerkOf, useOwnedShop, type Signed } from './helpers.js';

interface Area {
  service: string;
  air: boolean;
  radiusKm: number | null;
  regions: string[];
  orderBy: string | null;
}
interface Place {
  id: string;
  name: string;
  lat: number;
  areas: Area[];
}

describe('console reach map', () => {
  let t: TestApp;
  let shop: Shop;
  let owner: Signed;

  useOwnedShop((owned) => ({ t, shop, owner } = owned));

  const reach = async (who: Signed): Promise<Place[]> => {
    const res = await as(t.app, who, { method: 'GET', url: `${API}/places/reach` });
    expect(res.status, res.raw).toBe(200);
    return res.body.places;
  };
  const placeOf = (places: Place[], id: string) => places.find((p) => p.id === id)!;
  const patch = async (id: string, payload: object) => {
    const res = await as(t.app, owner, { method: 'PATCH', url: `${API}/places/${id}`, payload });
    expect(res.status, res.raw).toBe(200);
  };

  it('gives each place the areas its services reach and when to order by, in its own zone', async () => {
    const places = await reach(owner);
    expect(places.map((p) => p.id).sort()).toEqual([shop.mall, shop.downtown, shop.station].sort());
    // Tuesday 08:00 in Phoenix: the mall's same-day cut-off (14:00) is still ahead today.
    expect(placeOf(places, shop.mall)).toMatchObject({
      name: 'Chandler Fashion Center',
      areas: [
        { service: 'same_day', air: false, radiusKm: SAME_DAY_RADIUS_KM, regions: ['contiguous'], orderBy: '2026-03-10T14:00:00-07:00' },
      ],
    });
    // The station offers next-day by ground (150 miles without an air cut-off) and standard everywhere.
    expect(placeOf(places, shop.station).areas).toEqual([
      { service: 'next_day', air: false, radiusKm: GROUND_NEXT_DAY_KM, regions: ['contiguous'], orderBy: '2026-03-10T15:00:00-07:00' },
      {
        service: 'standard',
        air: false,
        radiusKm: null,
        regions: ['contiguous', 'alaska', 'hawaii', 'puerto_rico', 'virgin_islands', 'pacific'],
        orderBy: '2026-03-10T16:00:00-07:00',
      },
    ]);
  });

  it('follows the place: an air cut-off flies next-day across the region, a closed date moves the order-by', async () => {
    await patch(shop.station, {
      airCutoff: '13:00',
      cutoffs: { next_day: '15:00', two_day: '15:30', standard: '16:00' },
      saturdayDelivery: true,
    });
    await patch(shop.mall, { serviceClosedDates: { same_day: ['2026-03-10'] } });
    const places = await reach(owner);
    expect(placeOf(places, shop.station).areas.filter((a) => a.service !== 'standard')).toEqual([
      { service: 'next_day', air: false, radiusKm: GROUND_NEXT_DAY_KM, regions: ['contiguous'], orderBy: '2026-03-10T15:00:00-07:00' },
      { service: 'next_day', air: true, radiusKm: null, regions: ['contiguous'], orderBy: '2026-03-10T13:00:00-07:00' },
      {
        service: 'two_day',
        air: false,
        radiusKm: null,
        regions: ['contiguous', 'alaska', 'hawaii', 'puerto_rico'],
        orderBy: '2026-03-10T15:30:00-07:00',
      },
    ]);
    // No same-day from the mall today: the next order-by is tomorrow's cut-off.
    expect(placeOf(places, shop.mall).areas[0]!.orderBy).toBe('2026-03-11T14:00:00-07:00');
    await patch(shop.mall, { serviceClosedDates: {} });
    expect(placeOf(await reach(owner), shop.mall).areas[0]!.orderBy).toBe('2026-03-10T14:00:00-07:00');
  });

  it('shows a clerk only their places, and needs a session', async () => {
    const clerk = await clerkOf(t.app, owner, [shop.mall]);
    expect((await reach(clerk)).map((p) => p.id)).toEqual([shop.mall]);
    const anonymous = await call(t.app, { method: 'GET', url: `${API}/places/reach` });
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).code).toBe('unauthorized');
    const forged = await call(t.app, { method: 'GET', url: `${API}/places/reach`, headers: { cookie: 'nb_console=forged' } });
    expect(forged.status).toBe(401);
  });
});
