import { describe, expect, it } from 'vitest';
import { Network } from '../../../server/promise/network.js';
import { InvalidNodeError } from '../../../server/promise/validate.js';
import { chandlerMall, node, ohioFc, phoenixStation } from './fixtures.js';

describe('Network', () => {
  it('available stock is on hand minus reserved, never below zero', () => {
    const net = new Network([chandlerMall]);
    net.setStock('chandler-mall', 'A', 5, 2);
    expect(net.available('chandler-mall', 'A')).toBe(3);
    net.setStock('chandler-mall', 'A', 2, 5);
    expect(net.available('chandler-mall', 'A')).toBe(0);
    expect(net.stockedCount('A')).toBe(0);
    expect(net.available('nowhere', 'A')).toBe(0);
  });

  it('keeps stock across node changes and drops it with a removed node', () => {
    const net = new Network([chandlerMall, phoenixStation]);
    net.setStock('phx-station', 'A', 4);
    net.upsertNode({ ...chandlerMall, name: 'Renamed' });
    expect(net.node('chandler-mall')!.name).toBe('Renamed');
    expect(net.available('phx-station', 'A')).toBe(4);
    net.removeNode('phx-station');
    expect(net.available('phx-station', 'A')).toBe(0);
    net.upsertNode(phoenixStation);
    expect(net.available('phx-station', 'A')).toBe(0);
  });

  it('stock set before its node arrives is kept for it', () => {
    const net = new Network([]);
    net.setStock('ohio-fc', 'A', 7);
    expect(net.available('ohio-fc', 'A')).toBe(0);
    net.upsertNode(ohioFc);
    expect(net.available('ohio-fc', 'A')).toBe(7);
  });

  it('bumps its revision on every change', () => {
    const net = new Network([chandlerMall]);
    const r0 = net.revision;
    net.setStock('chandler-mall', 'A', 1);
    expect(net.revision).toBeGreaterThan(r0);
  });

  it('ranks holders of a SKU nearest first, through the sparse heap and the k-d tree alike', () => {
    const nodes = Array.from({ length: 600 }, (_, i) => node(`n${i}`, { lat: 30 + (i % 30) * 0.3, lng: -110 + Math.floor(i / 30) * 0.3 }));
    const net = new Network(nodes);
    nodes.forEach((n, i) => {
      net.setStock(n.id, 'COMMON', 1);
      if (i % 7 === 0) net.setStock(n.id, 'RARE', 1);
    });
    for (const sku of ['COMMON', 'RARE']) {
      const holders = net.nearestHolders(sku, 33, -105);
      const seen: number[] = [];
      for (let k = 0; holders.at(k); k++) seen.push(holders.at(k)!.distanceKm);
      expect(seen).toHaveLength(net.stockedCount(sku));
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    }
    // A node that runs out leaves the ranking; the tree is rebuilt.
    net.setStock('n0', 'COMMON', 0);
    const after = net.nearestHolders('COMMON', 30, -110);
    expect(after.at(0)!.node.node.id).not.toBe('n0');
  });

  it('ranks a few holders nearest first the world over: across the antimeridian, near a pole, twins by node order', () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const nodes = Array.from({ length: 120 }, (_, i) => node(`w${i}`, { lat: -80 + random() * 160, lng: -180 + random() * 360 }));
    nodes.push(node('twin-a', { lat: 10, lng: 179.9 }), node('twin-b', { lat: 10, lng: 179.9 }), node('pole', { lat: 89.9, lng: 0 }));
    const net = new Network(nodes);
    for (const n of nodes) net.setStock(n.id, 'S', 1);
    for (const [lat, lng] of [
      [10, -179.95],
      [10, 179.95],
      [0, 0],
      [88, 100],
      [-60, -30],
      [33, -112],
    ] as const) {
      const holders = net.nearestHolders('S', lat, lng);
      const ranked = [];
      for (let k = 0; holders.at(k); k++) ranked.push(holders.at(k)!);
      expect(ranked).toHaveLength(nodes.length);
      const km = ranked.map((h) => h.distanceKm);
      expect(km).toEqual([...km].sort((a, b) => a - b));
      const ids = ranked.map((h) => h.node.node.id);
      expect(ids.indexOf('twin-b')).toBe(ids.indexOf('twin-a') + 1);
      if (Math.abs(lng) > 179) expect(ids.slice(0, 2)).toEqual(['twin-a', 'twin-b']);
      if (lat === 88) expect(ids[0]).toBe('pole');
    }
    // The sweep follows stock: a holder that runs out leaves it, a new one joins.
    net.setStock('twin-a', 'S', 0);
    net.setStock('w0', 'T', 1);
    expect(net.nearestHolders('S', 10, -179.95).at(0)!.node.node.id).toBe('twin-b');
    expect(net.nearestHolders('T', 10, -179.95).at(0)!.node.node.id).toBe('w0');
    expect(net.nearestHolders('T', 10, -179.95).at(1)).toBeUndefined();
  });

  it('finds nodes within a radius, nearest first', () => {
    const net = new Network([chandlerMall, phoenixStation, ohioFc]);
    expect(net.nodesWithin(33.3062, -111.8413, 25).map((n) => n.node.node.id)).toEqual(['chandler-mall', 'phx-station']);
    expect(net.nodesWithin(33.3062, -111.8413, 10).map((n) => n.node.node.id)).toEqual(['chandler-mall']);
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, /"Mars\/Olympus" is not an IANA time zone/],
    [{ lat: 95 }, /latitude 95/],
    [{ handlingMinutes: -5 }, /handling time -5/],
    [{ cutoffs: { same_day: '25:00' } }, /same_day cut-off "25:00" is not HH:MM/],
    [{ calendar: { closedWeekdays: [0], closedDates: [] } }, /closed weekday 0/],
    [{ calendar: { closedWeekdays: [], closedDates: ['2026-02-30'] } }, /closed date "2026-02-30"/],
  ])('refuses a node with %j', (fields, message) => {
    expect(() => new Network([{ ...chandlerMall, ...fields }])).toThrow(InvalidNodeError);
    expect(() => new Network([{ ...chandlerMall, ...fields }])).toThrow(message);
  });
});
