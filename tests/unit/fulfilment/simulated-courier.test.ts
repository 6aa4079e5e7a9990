/** The simulated courier: a deterministic story per delivery, never before the parcel could arrive. */
import { describe, expect, it } from 'vitest';
import { SimulatedCourier } from '../../../server/fulfilment/simulated-courier.js';
import type { DeliveryRequest } from '../../../server/fulfilment/courier.js';

const request = (reference: string, readyAt = '2026-03-10T17:00:00Z'): DeliveryRequest => ({
  reference,
  pickup: { name: 'Chandler Fashion Center', lat: 33.3016, lng: -111.898, timeZone: 'America/Phoenix', readyAt },
  dropoff: { name: 'Ada', address: '1 W Chandler Blvd', lat: 33.3062, lng: -111.8413, timeZone: 'America/Phoenix' },
  pickupDeadline: '2026-03-10T22:30:00Z',
  dropoffWindow: { start: '2026-03-10T16:00:00-07:00', end: '2026-03-10T20:00:00-07:00' },
  items: [{ title: 'Tee', quantity: 1 }],
});

describe('the simulated courier', () => {
  it('tells the same story for the same seed and reference, and another for another', () => {
    const a = new SimulatedCourier({ seed: 1, lateRate: 0.3, failureRate: 0.3 });
    const b = new SimulatedCourier({ seed: 1, lateRate: 0.3, failureRate: 0.3 });
    expect(a.plan(request('r1'), 0)).toEqual(b.plan(request('r1'), 0));
    const stories = new Set(
      Array.from({ length: 40 }, (_, i) => JSON.stringify(a.plan(request(`r${i}`), Date.parse('2026-03-10T17:00:00Z')))),
    );
    expect(stories.size).toBe(40);
  });

  it('on time: in the window, after pickup, in order', () => {
    const sim = new SimulatedCourier({ seed: 3, lateRate: 0, failureRate: 0 });
    for (let i = 0; i < 50; i++) {
      const events = sim.plan(request(`ok${i}`), Date.parse('2026-03-10T17:00:00Z'));
      expect(events.map((e) => e.kind)).toEqual(['assigned', 'picked_up', 'en_route', 'delivered']);
      const at = events.map((e) => Date.parse(e.at));
      expect([...at].sort((x, y) => x - y)).toEqual(at);
      expect(at[3]).toBeGreaterThanOrEqual(Date.parse('2026-03-10T16:00:00-07:00'));
      expect(at[3]).toBeLessThanOrEqual(Date.parse('2026-03-10T20:00:00-07:00'));
      expect(at[3]! - at[1]!).toBeGreaterThanOrEqual(8 * 60_000);
    }
  });

  it('late ones say so before the window closes; failing ones fail at the door', () => {
    const late = new SimulatedCourier({ seed: 3, lateRate: 1, failureRate: 0 }).plan(request('late'), Date.parse('2026-03-10T17:00:00Z'));
    expect(late.map((e) => e.kind)).toEqual(['assigned', 'picked_up', 'en_route', 'delayed', 'delivered']);
    const delayed = late[3]!;
    expect(Date.parse(delayed.at)).toBeLessThan(Date.parse('2026-03-10T20:00:00-07:00'));
    expect(Date.parse(delayed.dropoffEta!)).toBeGreaterThan(Date.parse('2026-03-10T20:00:00-07:00'));
    expect(late[4]!.at).toBe(delayed.dropoffEta);
    const failed = new SimulatedCourier({ seed: 3, lateRate: 0, failureRate: 1 }).plan(request('fail'), 0);
    expect(failed.at(-1)).toMatchObject({ kind: 'failed', reason: expect.any(String) });
  });

  it('nobody in: left at the door when the request says so, brought back otherwise; no way in fails either way', () => {
    const at = Date.parse('2026-03-10T17:00:00Z');
    const last = (share: number, ifNobodyIn: DeliveryRequest['ifNobodyIn'], ref: string) =>
      new SimulatedCourier({ seed: 3, lateRate: 0, failureRate: 1, nobodyInShare: share })
        .plan({ ...request(ref), ifNobodyIn }, at)
        .at(-1)!;
    for (let i = 0; i < 20; i++) {
      const left = last(1, 'leave_at_door', `door${i}`);
      expect(left).toMatchObject({ kind: 'delivered', reason: 'Left at the door', courier: expect.any(Object) });
      // The same moment as the failure it replaces: nothing else about the story moves.
      expect(left.at).toBe(last(1, 'return', `door${i}`).at);
      expect(last(1, 'return', `door${i}`)).toMatchObject({ kind: 'failed', reason: 'Nobody was home to receive the parcel' });
      expect(last(1, undefined, `door${i}`)).toMatchObject({ kind: 'failed', reason: 'Nobody was home to receive the parcel' });
      expect(last(0, 'leave_at_door', `door${i}`)).toMatchObject({ kind: 'failed', reason: 'The courier could not get into the building' });
    }
    // Half and half unless told: about half of a hundred failures are left at the door.
    const left = Array.from({ length: 100 }, (_, i) =>
      new SimulatedCourier({ seed: 3, lateRate: 0, failureRate: 1 })
        .plan({ ...request(`half${i}`), ifNobodyIn: 'leave_at_door' }, at)
        .at(-1)!,
    ).filter((e) => e.kind === 'delivered').length;
    expect(left).toBeGreaterThan(35);
    expect(left).toBeLessThan(65);
  });

  it('reports only what has happened by now', async () => {
    const sim = new SimulatedCourier({ seed: 3, lateRate: 0, failureRate: 0 });
    const r = request('now');
    const plan = sim.plan(r, Date.parse(r.pickup.readyAt));
    const tracked = { externalId: 'x', request: r, createdAt: r.pickup.readyAt };
    expect(await sim.events(tracked, Date.parse(r.pickup.readyAt))).toEqual([]);
    expect(await sim.events(tracked, Date.parse(plan[1]!.at))).toEqual(plan.slice(0, 2));
  });
  it('drops off at the asked moment when the parcel can get there by then', () => {
    const sim = new SimulatedCourier({ seed: 3, lateRate: 0, failureRate: 0 });
    const r = { ...request('aim'), dropoffAt: '2026-03-10T23:30:00Z' };
    expect(sim.plan(r, Date.parse(r.pickup.readyAt)).at(-1)).toMatchObject({ kind: 'delivered', at: '2026-03-10T23:30:00.000Z' });
  });

  it('a job no driver accepts is called off after 15 minutes, decided when it is posted', async () => {
    const sim = new SimulatedCourier({ seed: 3, lateRate: 0, failureRate: 0, noDriverRate: 1 });
    const r = request('nobody');
    const created = await sim.create(r);
    const events = await sim.events(
      { externalId: created.externalId, request: r, createdAt: r.pickup.readyAt },
      Date.parse('2026-03-11T12:00:00Z'),
    );
    expect(events).toEqual([
      { seq: 1, kind: 'cancelled', cause: 'no_driver', at: '2026-03-10T17:15:00.000Z', reason: 'No driver accepted the delivery' },
    ]);
    const accepted = await new SimulatedCourier({ seed: 3, lateRate: 0, failureRate: 0, noDriverRate: 0 }).create(r);
    const story = await sim.events(
      { externalId: accepted.externalId, request: r, createdAt: r.pickup.readyAt },
      Date.parse('2026-03-11T12:00:00Z'),
    );
    expect(story.at(-1)!.kind).toBe('delivered');
  });
});
