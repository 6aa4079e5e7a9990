import { describe, expect, it, vi } from 'vitest';
import type * as kdbush from 'kdbush';
import { Network } from '../../../server/promise/network.js';
import { computePromise } from '../../../server/promise/engine.js';
import { RECOMMENDED_BUFFERS } from '../../../server/promise/buffer-defaults.js';
import { at, item, node, request } from './fixtures.js';

// Every k-d tree the network builds is counted: the spatial indexes of widely held SKUs.
const trees = vi.hoisted(() => ({ built: 0 }));
vi.mock('kdbush', async (importOriginal) => {
  const { default: KDBush } = await importOriginal<typeof kdbush>();
  class CountedKDBush extends KDBush {
    constructor(...args: ConstructorParameters<typeof KDBush>) {
      super(...args);
      trees.built++;
    }
  }
  return { default: CountedKDBush };
});

describe('Network indexes across new buffers and histories', () => {
  // 600 holders of one SKU: past the sparse ranking, so the SKU has a k-d tree of its own.
  const nodes = Array.from({ length: 600 }, (_, i) =>
    node(`n${i}`, {
      kind: 'delivery_station',
      lat: 30 + (i % 30) * 0.3,
      lng: -110 + Math.floor(i / 30) * 0.3,
      cutoffs: { two_day: '16:00', standard: '16:00' },
      carrierPickup: '17:00',
    }),
  );
  const stocked = (): Network => {
    const net = new Network(nodes);
    for (const n of nodes) net.setStock(n.id, 'COMMON', 2);
    net.prepare();
    return net;
  };
  const now = at('2026-10-13T14:00', 'America/Phoenix');
  const ask = (net: Network) => computePromise(net, request({ now, items: [item('COMMON')] }));

  it('keeps the prepared stock indexes when only buffers or histories change, and answers as a fresh network', () => {
    const net = stocked();
    const before = ask(net);
    const built = trees.built;
    net.setBuffers(RECOMMENDED_BUFFERS);
    const buffered = ask(net);
    net.setHistories(new Map([['n0', { deliveries: 40, handlingMinutes: 30 }]]));
    const calibrated = ask(net);
    expect(trees.built).toBe(built);

    // The same answers a network built from scratch with them gives (the buffers do change them).
    const fresh = new Network(nodes, RECOMMENDED_BUFFERS);
    for (const n of nodes) fresh.setStock(n.id, 'COMMON', 2);
    expect(buffered).toEqual(ask(fresh));
    expect(buffered).not.toEqual(before);
    fresh.setHistories(new Map([['n0', { deliveries: 40, handlingMinutes: 30 }]]));
    expect(calibrated).toEqual(ask(fresh));
  });

  it('still follows stock changed after new buffers', () => {
    const net = stocked();
    net.setBuffers(RECOMMENDED_BUFFERS);
    net.setStock('n0', 'COMMON', 0);
    const holders = net.nearestHolders('COMMON', 30, -110);
    expect(holders.at(0)!.node.node.id).not.toBe('n0');
    expect(net.stockedCount('COMMON')).toBe(599);
  });
});
