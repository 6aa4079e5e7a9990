import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Node } from '../../../contract/admin.js';
import { bearer, buildTestApp, call, createMerchant, errorOf, nodeBody, type TestApp, type TestMerchant } from '../helper.js';

let t: TestApp;
let m: TestMerchant;
beforeAll(async () => {
  t = await buildTestApp();
  m = await createMerchant(t.app);
});
afterAll(() => t.close());

const req = (method: string, url: string, payload?: unknown) =>
  call(t.app, {
    method: method as 'GET',
    url,
    headers: bearer(m.secretKey),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

describe('admin nodes', () => {
  it('creates, reads, lists, changes and deletes a node, keeping the live network in step', async () => {
    const body = nodeBody({ id: 'tempe-1', calendar: { closedWeekdays: [7], closedDates: ['2026-12-25'] } });
    const created = await req('POST', '/v1/admin/nodes', body);
    expect(created.status).toBe(201);
    expect(Node.safeParse(created.body).success).toBe(true);
    expect(created.body).toMatchObject({ ...body, createdAt: expect.any(String) });
    expect(t.app.networks.get(m.id).node('tempe-1')?.name).toBe('Test Station');

    const list = await req('GET', '/v1/admin/nodes');
    expect(list.body.items.map((n: { id: string }) => n.id)).toEqual(['tempe-1']);

    const patched = await req('PATCH', '/v1/admin/nodes/tempe-1', { name: 'Tempe Station', cutoffs: { standard: '19:30' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Tempe Station', cutoffs: { standard: '19:30' }, timeZone: 'America/Phoenix' });
    expect(t.app.networks.get(m.id).node('tempe-1')?.cutoffs).toEqual({ standard: '19:30' });

    expect((await req('GET', '/v1/admin/nodes/tempe-1')).body.name).toBe('Tempe Station');
    expect((await req('DELETE', '/v1/admin/nodes/tempe-1')).body).toEqual({ deleted: true });
    expect(t.app.networks.get(m.id).node('tempe-1')).toBeUndefined();
    const gone = await req('GET', '/v1/admin/nodes/tempe-1');
    expect(gone.status).toBe(404);
    expect(errorOf(gone).message).toBe('No node with id tempe-1');
  });

  it('refuses a second node with the same id (409)', async () => {
    await req('POST', '/v1/admin/nodes', nodeBody({ id: 'dup-node' }));
    const res = await req('POST', '/v1/admin/nodes', nodeBody({ id: 'dup-node' }));
    expect(res.status).toBe(409);
    expect(errorOf(res).message).toBe('A node with id dup-node already exists');
  });

  it('defaults the calendar to always open', async () => {
    const { calendar: _c, ...body } = nodeBody({ id: 'no-calendar' });
    const res = await req('POST', '/v1/admin/nodes', body);
    expect(res.status).toBe(201);
    expect(res.body.calendar).toEqual({ closedWeekdays: [], closedDates: [] });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, 'body timeZone'],
    [{ timeZone: '+05:00' }, 'body timeZone'],
    [{ timeZone: 'EST5EDT; DROP TABLE nodes' }, 'body timeZone'],
    [{ kind: 'warehouse' }, 'body kind'],
    [{ lat: 91 }, 'body lat'],
    [{ lng: 'east' }, 'body lng'],
    [{ handlingMinutes: -5 }, 'body handlingMinutes'],
    [{ handlingMinutes: 20000 }, 'body handlingMinutes'],
    [{ cutoffs: { same_day: '25:00' } }, 'body cutoffs.same_day'],
    [{ cutoffs: { same_day: '2pm' } }, 'body cutoffs.same_day'],
    [{ cutoffs: { teleport: '10:00' } }, 'body cutoffs'],
    [{ calendar: { closedWeekdays: [0], closedDates: [] } }, 'body calendar.closedWeekdays.0'],
    [{ calendar: { closedWeekdays: [], closedDates: ['2026-02-30'] } }, 'body calendar.closedDates.0'],
    [{ calendar: { closedWeekdays: [], closedDates: [], openLate: true } }, 'body calendar'],
    [{ id: 'has space' }, 'body id'],
    [{ name: '' }, 'body name'],
    [{ extra: 1 }, 'body'],
  ])('rejects %j with 400 (%s)', async (override, where) => {
    const res = await req('POST', '/v1/admin/nodes', nodeBody(override));
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain(`Invalid ${where}`);
  });

  it.each([
    ['mall_store', { next_day: '17:00' }, 'next_day does not collect from a mall_store'],
    ['fulfillment_center', { local_courier: '17:00' }, 'local_courier does not collect from a fulfillment_center'],
  ])('refuses cut-offs a %s cannot offer', async (kind, cutoffs, message) => {
    const res = await req('POST', '/v1/admin/nodes', nodeBody({ kind, cutoffs }));
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain(message);
  });

  it('re-checks the merged node on PATCH', async () => {
    await req('POST', '/v1/admin/nodes', nodeBody({ id: 'station-2', cutoffs: { next_day: '17:00' } }));
    const res = await req('PATCH', '/v1/admin/nodes/station-2', { kind: 'mall_store' });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toBe(
      'Node station-2: next_day does not collect from a mall_store (only fulfillment_center, delivery_station)',
    );
    expect((await req('GET', '/v1/admin/nodes/station-2')).body.kind).toBe('delivery_station');
  });

  it.each([
    ['PATCH', '/v1/admin/nodes/station-2', {}, 'body'],
    ['PATCH', '/v1/admin/nodes/station-2', { id: 'renamed' }, 'body'],
    ['PATCH', '/v1/admin/nodes/bad%20id', { name: 'x' }, 'path id'],
    ['GET', '/v1/admin/nodes?limit=abc', undefined, 'query limit'],
  ])('%s %s %j → 400 (%s)', async (method, url, payload, where) => {
    const res = await req(method, url, payload);
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain(`Invalid ${where}`);
  });

  it('answers 404 for PATCH and DELETE of an unknown node', async () => {
    expect(errorOf(await req('PATCH', '/v1/admin/nodes/nowhere', { name: 'x' })).message).toBe('No node with id nowhere');
    expect((await req('DELETE', '/v1/admin/nodes/nowhere')).status).toBe(404);
  });
});

describe('admin nodes: PATCH keeps what it is not given', () => {
  it('keeps the calendar when only the name changes', async () => {
    const created = await req(
      'POST',
      '/v1/admin/nodes',
      nodeBody({ id: 'keeps-calendar', calendar: { closedWeekdays: [6, 7], closedDates: ['2026-07-04'] } }),
    );
    expect(created.status).toBe(201);
    const res = await req('PATCH', '/v1/admin/nodes/keeps-calendar', { name: 'Renamed' });
    expect(res.body.calendar).toEqual({ closedWeekdays: [6, 7], closedDates: ['2026-07-04'] });
  });
});

describe('admin nodes: how parcels meet the carriers', () => {
  it('stores pickup time, air cut-off, Saturday delivery and per-service closed dates, and the engine reads them', async () => {
    const body = nodeBody({
      id: 'carrier-fields',
      carrierPickup: '17:30',
      airCutoff: '12:00',
      saturdayDelivery: true,
      serviceClosedDates: { standard: ['2026-12-24'] },
    });
    const created = await req('POST', '/v1/admin/nodes', body);
    expect(created.status).toBe(201);
    expect(Node.safeParse(created.body).success).toBe(true);
    expect(created.body).toMatchObject({
      carrierPickup: '17:30',
      airCutoff: '12:00',
      saturdayDelivery: true,
      serviceClosedDates: { standard: ['2026-12-24'] },
    });
    expect(t.app.networks.get(m.id).node('carrier-fields')).toMatchObject({
      carrierPickup: '17:30',
      airCutoff: '12:00',
      saturdayDelivery: true,
    });

    // A PATCH that leaves them out keeps them; null clears a time.
    const renamed = await req('PATCH', '/v1/admin/nodes/carrier-fields', { name: 'Renamed' });
    expect(renamed.body).toMatchObject({
      carrierPickup: '17:30',
      saturdayDelivery: true,
      serviceClosedDates: { standard: ['2026-12-24'] },
    });
    const cleared = await req('PATCH', '/v1/admin/nodes/carrier-fields', { carrierPickup: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ carrierPickup: null, airCutoff: '12:00' });
    expect(t.app.networks.get(m.id).node('carrier-fields')?.carrierPickup).toBeUndefined();
  });

  it('defaults to no pickup time, no air, no Saturdays', async () => {
    const res = await req('POST', '/v1/admin/nodes', nodeBody({ id: 'carrier-defaults' }));
    expect(res.body).toMatchObject({ carrierPickup: null, airCutoff: null, saturdayDelivery: false, serviceClosedDates: {} });
  });

  it.each([
    [{ carrierPickup: '25:00' }, 'carrierPickup'],
    [{ airCutoff: 'noon' }, 'airCutoff'],
    [{ serviceClosedDates: { standard: ['2026-02-30'] } }, 'serviceClosedDates'],
    [{ serviceClosedDates: { drone: ['2026-02-03'] } }, 'serviceClosedDates'],
  ])('refuses %j with a 400 naming the field', async (fields, field) => {
    const res = await req('POST', '/v1/admin/nodes', nodeBody({ id: 'bad-carrier-field', ...fields }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(errorOf(res))).toContain(field);
  });
});
