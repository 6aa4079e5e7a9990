/**
 * A second source (docs/simulation.md, "How same-day and the courier reach 99%, and what it costs"): same-day and the
 * local courier offered from a node of a listed kind only when another node that could send the
 * same parcel on the same service holds all of it.
 */
import { describe, expect, it } from 'vitest';
import { computePromise, planOptions } from '../../../server/promise/engine.js';
import { NO_BUFFERS, bufferProblems, changesNothing, completeBuffers, type PromiseBuffers } from '../../../server/promise/buffers.js';
import { RECOMMENDED_BUFFERS } from '../../../server/promise/buffer-defaults.js';
import { Network } from '../../../server/promise/network.js';
import type { NetworkNode, NodeKind, PromiseOption, ServiceId } from '../../../server/promise/types.js';
import { at, chandlerMall, chandlerShop, item, node, request } from './fixtures.js';

const PHX = 'America/Phoenix';
// Tuesday 13 October 2026, 10:00 in Phoenix: before every same-day cut-off.
const now = at('2026-10-13T10:00', PHX);

const secondFor = (sameDay: NodeKind[], localCourier: NodeKind[] = []): PromiseBuffers => ({
  ...NO_BUFFERS,
  secondSource: { same_day: sameDay, local_courier: localCourier },
});

/** A second mall a few km from the first, and a station that sends same-day. */
const otherMall = node('mesa-mall', { name: 'Mesa Riverview', lat: 33.33, lng: -111.86, cutoffs: { same_day: '14:00' } });
const sameDayStation = node('chandler-station', {
  name: 'Chandler Delivery Station',
  kind: 'delivery_station',
  lat: 33.31,
  lng: -111.88,
  cutoffs: { same_day: '14:00' },
});
/** A second local shop in the courier's reach. */
const otherShop = node('tempe-shop', {
  name: 'Tempe Candle Co',
  kind: 'local_store',
  lat: 33.32,
  lng: -111.82,
  cutoffs: { local_courier: '17:00' },
});

function networkOf(nodes: NetworkNode[], stock: Array<[nodeId: string, sku: string, units: number]>, b: PromiseBuffers): Network {
  const n = new Network(nodes, b);
  for (const [id, sku, units] of stock) n.setStock(id, sku, units);
  return n;
}

const optionOf = (options: PromiseOption[], service: ServiceId) => options.find((o) => o.service === service);
const fromNodes = (o: PromiseOption | undefined) => o?.shipments.map((s) => s.nodeId).sort();

describe('a second source', () => {
  it('with none required, a mall store alone offers same-day', () => {
    const n = networkOf([chandlerMall], [['chandler-mall', 'SKU-1', 5]], NO_BUFFERS);
    expect(fromNodes(optionOf(computePromise(n, request({ now })), 'same_day'))).toEqual(['chandler-mall']);
  });

  it('required at mall stores, a mall store alone offers no same-day', () => {
    const n = networkOf([chandlerMall], [['chandler-mall', 'SKU-1', 5]], secondFor(['mall_store']));
    expect(optionOf(computePromise(n, request({ now })), 'same_day')).toBeUndefined();
  });

  it('re-sourcing a placed order asks no second source: the place left alone still sends it', () => {
    const n = networkOf([chandlerMall], [['chandler-mall', 'SKU-1', 5]], secondFor(['mall_store']));
    expect(optionOf(planOptions(n, request({ now, services: ['same_day'] })), 'same_day')).toBeUndefined();
    const again = optionOf(planOptions(n, { ...request({ now, services: ['same_day'] }), anySource: true }), 'same_day');
    expect(fromNodes(again)).toEqual(['chandler-mall']);
  });

  it('a second holder in reach brings same-day back, from the better of the two', () => {
    const alone = networkOf([chandlerMall, otherMall], [['chandler-mall', 'SKU-1', 5]], secondFor(['mall_store']));
    expect(optionOf(computePromise(alone, request({ now })), 'same_day')).toBeUndefined();
    const both = networkOf(
      [chandlerMall, otherMall],
      [
        ['chandler-mall', 'SKU-1', 5],
        ['mesa-mall', 'SKU-1', 5],
      ],
      secondFor(['mall_store']),
    );
    const plain = networkOf(
      [chandlerMall, otherMall],
      [
        ['chandler-mall', 'SKU-1', 5],
        ['mesa-mall', 'SKU-1', 5],
      ],
      NO_BUFFERS,
    );
    const chosen = optionOf(computePromise(both, request({ now })), 'same_day');
    expect(chosen).toBeDefined();
    expect(chosen).toEqual(optionOf(computePromise(plain, request({ now })), 'same_day'));
  });

  it('a second holder must hold the whole shipment: 2 units wanted, the other has 1', () => {
    const n = networkOf(
      [chandlerMall, otherMall],
      [
        ['chandler-mall', 'SKU-1', 5],
        ['mesa-mall', 'SKU-1', 1],
      ],
      secondFor(['mall_store']),
    );
    expect(optionOf(computePromise(n, request({ now, items: [item('SKU-1', 2)] })), 'same_day')).toBeUndefined();
    expect(optionOf(computePromise(n, request({ now, items: [item('SKU-1', 1)] })), 'same_day')).toBeDefined();
  });

  it('leaves a kind not listed alone: a delivery station sends same-day on its own', () => {
    const n = networkOf([sameDayStation], [['chandler-station', 'SKU-1', 5]], secondFor(['mall_store', 'local_store']));
    expect(fromNodes(optionOf(computePromise(n, request({ now })), 'same_day'))).toEqual(['chandler-station']);
  });

  it('a station that holds the items is a mall store’s second source', () => {
    const n = networkOf(
      [chandlerMall, sameDayStation],
      [
        ['chandler-mall', 'SKU-1', 5],
        ['chandler-station', 'SKU-1', 5],
      ],
      secondFor(['mall_store']),
    );
    expect(optionOf(computePromise(n, request({ now })), 'same_day')).toBeDefined();
  });

  it('uses the next-best nodes when the best has no second source', () => {
    // The mall alone holds both items (one shipment, the plain choice); the station holds one,
    // the shop the other: with a second source required at malls, the split of the two is used.
    const nodes = [chandlerMall, sameDayStation, chandlerShop];
    const stock: Array<[string, string, number]> = [
      ['chandler-mall', 'SKU-1', 5],
      ['chandler-mall', 'SKU-2', 5],
      ['chandler-station', 'SKU-1', 5],
      ['chandler-shop', 'SKU-2', 5],
    ];
    const items = [item('SKU-1'), item('SKU-2')];
    const plain = optionOf(computePromise(networkOf(nodes, stock, NO_BUFFERS), request({ now, items })), 'same_day');
    expect(fromNodes(plain)).toEqual(['chandler-mall']);
    const second = optionOf(computePromise(networkOf(nodes, stock, secondFor(['mall_store'])), request({ now, items })), 'same_day');
    expect(fromNodes(second)).toEqual(['chandler-shop', 'chandler-station']);
  });

  it('in a split, each shipment from a listed kind needs its own second source', () => {
    // SKU-1 only at malls, SKU-2 only at the shop: the mall's shipment of SKU-1 needs the other mall.
    const nodes = [chandlerMall, otherMall, chandlerShop];
    const items = [item('SKU-1'), item('SKU-2')];
    const without = networkOf(
      nodes,
      [
        ['chandler-mall', 'SKU-1', 5],
        ['chandler-shop', 'SKU-2', 5],
      ],
      secondFor(['mall_store']),
    );
    expect(optionOf(computePromise(without, request({ now, items })), 'same_day')).toBeUndefined();
    const withOther = networkOf(
      nodes,
      [
        ['chandler-mall', 'SKU-1', 5],
        ['mesa-mall', 'SKU-1', 5],
        ['chandler-shop', 'SKU-2', 5],
      ],
      secondFor(['mall_store']),
    );
    const split = optionOf(computePromise(withOther, request({ now, items })), 'same_day');
    expect(split?.shipments).toHaveLength(2);
    expect(split?.shipments.map((s) => s.nodeId)).toContain('chandler-shop');
  });

  it('for the local courier, a shop alone offers none; a second shop in reach brings it back', () => {
    const alone = networkOf([chandlerShop], [['chandler-shop', 'SKU-1', 5]], secondFor([], ['local_store']));
    const options = computePromise(alone, request({ now }));
    expect(optionOf(options, 'local_courier')).toBeUndefined();
    // Same-day is not listed for shops: it stays.
    expect(optionOf(options, 'same_day')).toBeDefined();
    const two = networkOf(
      [chandlerShop, otherShop],
      [
        ['chandler-shop', 'SKU-1', 5],
        ['tempe-shop', 'SKU-1', 5],
      ],
      secondFor([], ['local_store']),
    );
    expect(optionOf(computePromise(two, request({ now })), 'local_courier')).toBeDefined();
  });

  it('is nothing when empty, loads as empty for a set stored without it, and lists kinds once', () => {
    expect(changesNothing(NO_BUFFERS)).toBe(true);
    expect(changesNothing(secondFor(['mall_store']))).toBe(false);
    const { secondSource: _, ...old } = RECOMMENDED_BUFFERS;
    expect(completeBuffers(old).secondSource).toEqual({ same_day: [], local_courier: [] });
    expect(completeBuffers({ ...old, secondSource: { same_day: ['mall_store'] } }).secondSource).toEqual({
      same_day: ['mall_store'],
      local_courier: [],
    });
    expect(bufferProblems(secondFor(['mall_store', 'mall_store']))).toEqual(['second source for same_day must list node kinds, each once']);
    expect(() => new Network([], secondFor(['mall_store', 'mall_store']))).toThrow();
  });
});
