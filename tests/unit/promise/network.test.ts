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

  it('walks stocked nodes nearest first, through the sparse list and the spatial index alike', () => {
    const nodes = Array.from({ length: 600 }, (_, i) => node(`n${i}`, { lat: 30 + (i % 30) * 0.3, lng: -110 + Math.floor(i / 30) * 0.3 }));
    const net = new Network(nodes);
    nodes.forEach((n, i) => {
      net.setStock(n.id, 'COMMON', 1);
      if (i % 7 === 0) net.setStock(n.id, 'RARE', 1);
    });
    for (const sku of ['COMMON', 'RARE']) {
      const seen: number[] = [];
      net.walkStockedNearest(sku, 33, -105, () => true, (c) => {
        seen.push(c.distanceKm);
        return seen.length < 150;
      });
      expect(seen).toHaveLength(Math.min(150, net.stockedCount(sku)));
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    }
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
