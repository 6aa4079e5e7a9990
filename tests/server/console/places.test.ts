/** Places from the console: added by postal code, edited, limited to a clerk's own, audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, call, errorOf, type TestApp } from '../helper.js';
import { openShop, type Shop } from '../fixtures.js';
import { API, as, signIn, uniqueEmail, type Signed } from './helpers.js';

const MALL_STORE = {
  name: 'Tempe Marketplace Store',
  kind: 'mall_store',
  postalCode: '85281',
  handlingMinutes: 45,
  cutoffs: { same_day: '14:00' },
  calendar: { closedWeekdays: [7], closedDates: ['2026-12-25'] },
  carrierPickup: '17:30',
};

describe('console places', () => {
  let t: TestApp;
  let shop: Shop;
  let owner: Signed;
  let clerk: Signed;

  beforeAll(async () => {
    t = await buildTestApp();
    shop = await openShop(t.app);
    const email = uniqueEmail();
    await t.app.console.ensureOwner(shop.id, email, 'Olive');
    owner = await signIn(t.app, email);
    const clerkEmail = uniqueEmail('clerk');
    const invited = await as(t.app, owner, {
      method: 'POST',
      url: `${API}/staff`,
      payload: { email: clerkEmail, name: 'Cleo', nodeIds: [shop.mall] },
    });
    expect(invited.status, invited.raw).toBe(201);
    clerk = await signIn(t.app, clerkEmail);
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds a place from its postal code: coordinates and time zone found by the server', async () => {
    const added = await as(t.app, owner, { method: 'POST', url: `${API}/places`, payload: MALL_STORE });
    expect(added.status, added.raw).toBe(201);
    expect(added.body).toMatchObject({
      name: 'Tempe Marketplace Store',
      kind: 'mall_store',
      timeZone: 'America/Phoenix',
      handlingMinutes: 45,
      cutoffs: { same_day: '14:00' },
      calendar: { closedWeekdays: [7], closedDates: ['2026-12-25'] },
      carrierPickup: '17:30',
    });
    expect(added.body.id).toMatch(/^tempe-marketplace-store-[0-9a-f]{4}$/);
    expect(added.body.lat).toBeCloseTo(33.4, 0);
    expect(added.body.lng).toBeCloseTo(-111.9, 0);
    // The admin API sees the same node: one path to the database.
    const node = await call(t.app, { method: 'GET', url: `/v1/admin/nodes/${added.body.id}`, headers: bearer(shop.secretKey) });
    expect(node.body).toMatchObject({ name: 'Tempe Marketplace Store', timeZone: 'America/Phoenix' });
    const east = await as(t.app, owner, {
      method: 'POST',
      url: `${API}/places`,
      payload: {
        id: 'dulles-station',
        name: 'Dulles Station',
        kind: 'delivery_station',
        postalCode: '20166',
        handlingMinutes: 60,
        cutoffs: { next_day: '18:00' },
      },
    });
    expect(east.status, east.raw).toBe(201);
    expect(east.body).toMatchObject({ id: 'dulles-station', timeZone: 'America/New_York', carrierPickup: null });
    const list = await as(t.app, owner, { method: 'GET', url: `${API}/places` });
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([shop.mall, shop.station, 'dulles-station', added.body.id]),
    );
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(audit.body.items[0]).toMatchObject({ action: 'place.added', subject: 'dulles-station', userEmail: owner.email });
  });

  it('edits hours, cut-offs and the location; a new postal code moves the place and its zone', async () => {
    const patch = (payload: object) => as(t.app, owner, { method: 'PATCH', url: `${API}/places/dulles-station`, payload });
    const changed = await patch({
      calendar: { closedWeekdays: [6, 7], closedDates: [] },
      cutoffs: { next_day: '17:00', standard: '18:00' },
      carrierPickup: '19:00',
    });
    expect(changed.status, changed.raw).toBe(200);
    expect(changed.body).toMatchObject({
      calendar: { closedWeekdays: [6, 7] },
      cutoffs: { next_day: '17:00', standard: '18:00' },
      carrierPickup: '19:00',
    });
    const moved = await patch({ postalCode: '89109' });
    expect(moved.body).toMatchObject({ timeZone: 'America/Los_Angeles', cutoffs: { next_day: '17:00' }, carrierPickup: '19:00' });
    expect(moved.body.lng).toBeLessThan(-114);
    const cleared = await patch({ carrierPickup: null });
    expect(cleared.body.carrierPickup).toBeNull();
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(audit.body.items[0]).toMatchObject({ action: 'place.changed', subject: 'dulles-station', details: { carrierPickup: null } });
  });

  it('sets orders a day per service: stored, shown to the admin API, audited; emptied is unlimited', async () => {
    const patch = (payload: object) => as(t.app, owner, { method: 'PATCH', url: `${API}/places/dulles-station`, payload });
    const set = await patch({ capacities: { next_day: 120, standard: 0 } });
    expect(set.status, set.raw).toBe(200);
    expect(set.body.capacities).toEqual({ next_day: 120, standard: 0 });
    const node = await call(t.app, { method: 'GET', url: `/v1/admin/nodes/dulles-station`, headers: bearer(shop.secretKey) });
    expect(node.body.capacities).toEqual({ next_day: 120, standard: 0 });
    const list = await as(t.app, owner, { method: 'GET', url: `${API}/places` });
    expect(list.body.items.find((p: { id: string }) => p.id === 'dulles-station').capacities).toEqual({ next_day: 120, standard: 0 });
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(audit.body.items[0]).toMatchObject({
      action: 'place.changed',
      subject: 'dulles-station',
      userEmail: owner.email,
      details: { capacities: { next_day: 120, standard: 0 } },
    });

    // Bad numbers: a 400 naming the field in words, and the stored capacities untouched.
    const cases: Array<[object, RegExp]> = [
      [{ next_day: -1 }, /capacities\.next_day: Orders a day cannot be negative/],
      [{ next_day: 2.5 }, /capacities\.next_day: Orders a day is a whole number/],
      [{ next_day: '60' }, /capacities\.next_day: Orders a day is a whole number/],
      [{ next_day: 2_000_000 }, /at most 1,000,000/],
      [{ drone: 3 }, /capacities/],
    ];
    for (const [capacities, message] of cases) {
      const res = await patch({ capacities, name: 'Renamed' });
      expect(res.status, res.raw).toBe(400);
      expect(errorOf(res).code).toBe('invalid_request');
      expect(errorOf(res).message, res.raw).toMatch(message);
    }
    const added = await as(t.app, owner, {
      method: 'POST',
      url: `${API}/places`,
      payload: { ...MALL_STORE, capacities: { same_day: -5 } },
    });
    expect(added.status, added.raw).toBe(400);
    expect(errorOf(added).message).toMatch(/Orders a day cannot be negative/);
    const after = await call(t.app, { method: 'GET', url: `/v1/admin/nodes/dulles-station`, headers: bearer(shop.secretKey) });
    expect(after.body).toMatchObject({ name: 'Dulles Station', capacities: { next_day: 120, standard: 0 } });
    const unchanged = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(unchanged.body.items[0]).toEqual(audit.body.items[0]);

    // The form sends every service of the place's kind: an emptied field is left out, unlimited again.
    const cleared = await patch({ capacities: { next_day: 80 } });
    expect(cleared.body.capacities).toEqual({ next_day: 80 });
    const none = await patch({ capacities: {} });
    expect(none.body.capacities).toEqual({});
  });

  it('sets the engine fields a carrier needs: air cut-off, Saturday delivery, dates a service does not run', async () => {
    const patch = (payload: object) => as(t.app, owner, { method: 'PATCH', url: `${API}/places/dulles-station`, payload });
    const set = await patch({
      airCutoff: '16:00',
      saturdayDelivery: true,
      serviceClosedDates: { next_day: ['2026-11-27'], standard: ['2026-12-24'] },
    });
    expect(set.status, set.raw).toBe(200);
    const expected = {
      airCutoff: '16:00',
      saturdayDelivery: true,
      serviceClosedDates: { next_day: ['2026-11-27'], standard: ['2026-12-24'] },
    };
    expect(set.body).toMatchObject(expected);
    // One path to the database: the admin API reads what the console wrote.
    const node = await call(t.app, { method: 'GET', url: `/v1/admin/nodes/dulles-station`, headers: bearer(shop.secretKey) });
    expect(node.body).toMatchObject(expected);
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(audit.body.items[0]).toMatchObject({ action: 'place.changed', details: { saturdayDelivery: true, airCutoff: '16:00' } });

    const cases: Array<[object, RegExp]> = [
      [{ airCutoff: '4pm' }, /airCutoff/],
      [{ saturdayDelivery: 'yes' }, /saturdayDelivery/],
      [{ serviceClosedDates: { next_day: ['2026-02-30'] } }, /date/],
      [{ serviceClosedDates: { drone: ['2026-03-01'] } }, /serviceClosedDates/],
    ];
    for (const [payload, message] of cases) {
      const res = await patch(payload);
      expect(res.status, res.raw).toBe(400);
      expect(JSON.stringify(errorOf(res)), res.raw).toMatch(message);
    }
    const after = await call(t.app, { method: 'GET', url: `/v1/admin/nodes/dulles-station`, headers: bearer(shop.secretKey) });
    expect(after.body).toMatchObject(expected);
    // Cleared as the form clears them: no dates, no air cut-off, no Saturday.
    const cleared = await patch({ airCutoff: null, saturdayDelivery: false, serviceClosedDates: {} });
    expect(cleared.body).toMatchObject({ airCutoff: null, saturdayDelivery: false, serviceClosedDates: {} });
  });

  it('adds a place with its orders a day', async () => {
    const added = await as(t.app, owner, {
      method: 'POST',
      url: `${API}/places`,
      payload: { ...MALL_STORE, name: 'Scottsdale Quarter Store', postalCode: '85254', capacities: { same_day: 60 } },
    });
    expect(added.status, added.raw).toBe(201);
    expect(added.body.capacities).toEqual({ same_day: 60 });
  });

  it('answers bad input with a 4xx that says what is wrong, and writes nothing', async () => {
    const post = (payload: object) => as(t.app, owner, { method: 'POST', url: `${API}/places`, payload });
    const cases: Array<[object, number, RegExp]> = [
      [{ ...MALL_STORE, postalCode: '852' }, 400, /postal code/],
      [{ ...MALL_STORE, postalCode: '00000' }, 422, /postal code/i],
      [{ ...MALL_STORE, postalCode: '09001' }, 422, /military|APO/],
      [{ ...MALL_STORE, kind: 'castle' }, 400, /kind/],
      [{ ...MALL_STORE, cutoffs: { same_day: '25:00' } }, 400, /HH:MM/],
      [{ ...MALL_STORE, handlingMinutes: -5 }, 400, /handlingMinutes|>=/],
      [{ ...MALL_STORE, calendar: { closedWeekdays: [], closedDates: ['2026-02-30'] } }, 400, /calendar date/],
      [{ ...MALL_STORE, lat: 33.4 }, 400, /lat|Unrecognized/i],
      [{ ...MALL_STORE, id: shop.mall }, 409, /already exists/],
      [{ ...MALL_STORE, name: '' }, 400, /name/],
    ];
    const before = (await as(t.app, owner, { method: 'GET', url: `${API}/places` })).body.items.length;
    for (const [payload, status, message] of cases) {
      const res = await post(payload);
      expect(res.status, res.raw).toBe(status);
      expect(JSON.stringify(errorOf(res)), res.raw).toMatch(message);
    }
    expect((await as(t.app, owner, { method: 'GET', url: `${API}/places` })).body.items.length).toBe(before);
    const patch = (id: string, payload: object) => as(t.app, owner, { method: 'PATCH', url: `${API}/places/${id}`, payload });
    expect((await patch('dulles-station', {})).status).toBe(400);
    expect((await patch('no-such-place', { name: 'X' })).status).toBe(404);
    expect((await patch('dulles-station', { postalCode: '99999' })).status).toBe(422);
  });

  it('needs a session and the CSRF token', async () => {
    expect((await call(t.app, { method: 'GET', url: `${API}/places` })).status).toBe(401);
    const noCsrf = await call(t.app, { method: 'POST', url: `${API}/places`, headers: { cookie: owner.cookie }, payload: MALL_STORE });
    expect(errorOf(noCsrf).code).toBe('forbidden');
    const wrong = await call(t.app, {
      method: 'PATCH',
      url: `${API}/places/${shop.mall}`,
      headers: { cookie: owner.cookie, 'x-csrf-token': 'nope' },
      payload: { name: 'Hijacked' },
    });
    expect(wrong.status).toBe(403);
    const node = await call(t.app, { method: 'GET', url: `/v1/admin/nodes/${shop.mall}`, headers: bearer(shop.secretKey) });
    expect(node.body.name).not.toBe('Hijacked');
  });

  it('a clerk limited to the mall sees and edits only the mall, and cannot add places', async () => {
    const list = await as(t.app, clerk, { method: 'GET', url: `${API}/places` });
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([shop.mall]);
    const own = await as(t.app, clerk, {
      method: 'PATCH',
      url: `${API}/places/${shop.mall}`,
      payload: { calendar: { closedWeekdays: [], closedDates: ['2026-12-24'] } },
    });
    expect(own.status, own.raw).toBe(200);
    const other = await as(t.app, clerk, { method: 'PATCH', url: `${API}/places/${shop.station}`, payload: { name: 'Mine' } });
    expect(other.status).toBe(404);
    expect((await as(t.app, clerk, { method: 'POST', url: `${API}/places`, payload: MALL_STORE })).status).toBe(403);
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(audit.body.items[0]).toMatchObject({ action: 'place.changed', subject: shop.mall, userEmail: clerk.email });
  });
});
