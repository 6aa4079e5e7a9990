import { describe, expect, it } from 'vitest';
// Capacity per node, service and local day (docs/promise-model.md, "Capacity"): a full day is
// skipped and the next day with room is promised; no capacity means unlimited.
import { computePromise, planOptions } from '../../../server/promise/engine.js';
import { validateNode } from '../../../server/promise/validate.js';
import type { NetworkNode, ServiceId } from '../../../server/promise/types.js';
import { at, chandlerMall, chandlerShop, network, ohioFc, request } from './fixtures.js';

const PHX = 'America/Phoenix';
// Tuesday 2026-03-10, 10:00 in Phoenix: before every cut-off.
const NOW = at('2026-03-10T10:00', PHX);

type Use = [nodeId: string, service: ServiceId, date: string, used: number];

function optionWith(nodes: NetworkNode[], use: Use[], service: ServiceId, now = NOW) {
  const net = network(
    nodes,
    nodes.map((n) => [n.id, 'SKU-1', 50]),
  );
  for (const [nodeId, s, date, used] of use) net.setCapacityUse(nodeId, s, date, used);
  return planOptions(net, request({ now, services: [service] }))[0];
}

describe('capacity per service per day', () => {
  const mall = (capacity?: number): NetworkNode => ({
    ...chandlerMall,
    ...(capacity === undefined ? {} : { capacities: { same_day: capacity } }),
  });

  it.each([
    // [capacity, use on the mall's days, window start, order by, pick day]
    ['no capacity: unlimited', undefined, [['2026-03-10', 5000]], '2026-03-10T16:00:00-07:00', '2026-03-10T14:00:00-07:00', '2026-03-10'],
    ['room left today', 3, [['2026-03-10', 2]], '2026-03-10T16:00:00-07:00', '2026-03-10T14:00:00-07:00', '2026-03-10'],
    ['today full: tomorrow', 3, [['2026-03-10', 3]], '2026-03-11T16:00:00-07:00', '2026-03-11T14:00:00-07:00', '2026-03-11'],
    [
      'today and tomorrow full: Thursday',
      3,
      [
        ['2026-03-10', 3],
        ['2026-03-11', 4],
      ],
      '2026-03-12T16:00:00-07:00',
      '2026-03-12T14:00:00-07:00',
      '2026-03-12',
    ],
    ['another day full only: today', 3, [['2026-03-11', 3]], '2026-03-10T16:00:00-07:00', '2026-03-10T14:00:00-07:00', '2026-03-10'],
    ['capacity 0: never today', 0, [], '2026-03-10T16:00:00-07:00', null, null],
  ] as const)('%s', (_name, capacity, use, start, orderBy, pickDay) => {
    const option = optionWith(
      [mall(capacity)],
      use.map(([date, used]) => ['chandler-mall', 'same_day', date, used] as Use),
      'same_day',
    );
    if (orderBy === null) {
      expect(option).toBeUndefined();
      return;
    }
    expect(option?.window.start).toBe(start);
    expect(option?.orderBy).toBe(orderBy);
    expect(option?.shipments[0]?.pickDay).toBe(pickDay);
  });

  it('a full node gives way to another that still has room today', () => {
    const full: NetworkNode = { ...chandlerMall, capacities: { same_day: 1 } };
    const shop: NetworkNode = { ...chandlerShop, capacities: { same_day: 10 } };
    const option = optionWith([full, shop], [['chandler-mall', 'same_day', '2026-03-10', 1]], 'same_day');
    expect(option?.window.start).toBe('2026-03-10T16:00:00-07:00');
    expect(option?.shipments.map((s) => s.nodeId)).toEqual(['chandler-shop']);
  });

  it('counts per service: a full same-day leaves the courier route alone', () => {
    const shop: NetworkNode = { ...chandlerShop, capacities: { same_day: 1, local_courier: 1 } };
    const use: Use[] = [['chandler-shop', 'same_day', '2026-03-10', 1]];
    expect(optionWith([shop], use, 'local_courier')?.shipments[0]?.pickDay).toBe('2026-03-10');
    expect(optionWith([shop], use, 'same_day')?.shipments[0]?.pickDay).toBe('2026-03-11');
  });

  it('a carrier node full today hands over tomorrow, and the window moves with it', () => {
    const fc: NetworkNode = { ...ohioFc, capacities: { standard: 100 } };
    const free = optionWith([fc], [], 'standard')!;
    const full = optionWith([fc], [['ohio-fc', 'standard', '2026-03-10', 100]], 'standard')!;
    expect(free.shipments[0]?.pickDay).toBe('2026-03-10');
    expect(full.shipments[0]?.pickDay).toBe('2026-03-11');
    expect(full.windowStartMs).toBeGreaterThan(free.windowStartMs);
  });

  it('the shopper is shown tomorrow as "same-day" nowhere: a full today drops the same-day option', () => {
    const net = network([{ ...chandlerMall, capacities: { same_day: 2 } }], [['chandler-mall', 'SKU-1', 5]]);
    expect(computePromise(net, request({ now: NOW })).map((o) => o.service)).toContain('same_day');
    net.setCapacityUse('chandler-mall', 'same_day', '2026-03-10', 2);
    expect(computePromise(net, request({ now: NOW })).map((o) => o.service)).not.toContain('same_day');
    // Freed again (a hold released): today comes back, the engine's memo notwithstanding.
    net.setCapacityUse('chandler-mall', 'same_day', '2026-03-10', 1);
    expect(computePromise(net, request({ now: NOW })).map((o) => o.service)).toContain('same_day');
  });

  it('a reload replaces every count, and counts survive a node change', () => {
    const net = network([{ ...chandlerMall, capacities: { same_day: 1 } }], [['chandler-mall', 'SKU-1', 5]]);
    net.replaceCapacityUse([{ nodeId: 'chandler-mall', service: 'same_day', date: '2026-03-10', used: 1 }]);
    expect(net.capacityUse('chandler-mall', 'same_day', '2026-03-10')).toBe(1);
    net.upsertNode({ ...chandlerMall, name: 'Renamed', capacities: { same_day: 1 } });
    expect(planOptions(net, request({ now: NOW, services: ['same_day'] }))[0]?.shipments[0]?.pickDay).toBe('2026-03-11');
    net.replaceCapacityUse([]);
    expect(planOptions(net, request({ now: NOW, services: ['same_day'] }))[0]?.shipments[0]?.pickDay).toBe('2026-03-10');
  });

  it.each([
    [{ same_day: -1 }, 'same_day capacity -1'],
    [{ same_day: 1.5 }, 'same_day capacity 1.5'],
    [{ drone: 3 }, 'unknown service "drone"'],
  ])('refuses capacities %j', (capacities, message) => {
    expect(() => validateNode({ ...chandlerMall, capacities } as NetworkNode)).toThrow(message);
  });
});
