import { Temporal } from 'temporal-polyfill';
import { Network } from '../../../server/promise/network.js';
import type { FeePolicy, NetworkNode, PromiseItem, PromiseRequest } from '../../../server/promise/types.js';

export const FEES: FeePolicy = {
  currency: 'USD',
  fees: { same_day: 999, local_courier: 599, next_day: 799, two_day: 499, standard: 0 },
  freeShippingThreshold: 5000,
  freeShippingServices: ['two_day', 'standard'],
  memberFreeServices: ['same_day', 'local_courier', 'next_day', 'two_day'],
};

/** A node with sensible defaults: open every day, one hour of handling, no services. */
export function node(id: string, fields: Partial<NetworkNode> & Pick<NetworkNode, 'lat' | 'lng'>): NetworkNode {
  return {
    id,
    name: id,
    kind: 'mall_store',
    timeZone: 'America/Phoenix',
    handlingMinutes: 60,
    calendar: { closedWeekdays: [], closedDates: [] },
    cutoffs: {},
    ...fields,
  };
}

/** Places near Chandler, Arizona (America/Phoenix: no daylight saving). */
export const CHANDLER = { lat: 33.3062, lng: -111.8413, timeZone: 'America/Phoenix' };

export const chandlerMall = node('chandler-mall', {
  name: 'Chandler Fashion Center',
  lat: 33.3016,
  lng: -111.8985,
  cutoffs: { same_day: '14:00' },
});
export const chandlerShop = node('chandler-shop', {
  name: 'Gilbert Bike Shop',
  kind: 'local_store',
  lat: 33.3528,
  lng: -111.789,
  cutoffs: { local_courier: '17:00', same_day: '13:00' },
});
export const phoenixStation = node('phx-station', {
  name: 'Phoenix Delivery Station',
  kind: 'delivery_station',
  lat: 33.4342,
  lng: -112.0116,
  handlingMinutes: 90,
  cutoffs: { next_day: '15:00', two_day: '16:00', standard: '16:00' },
});
export const ohioFc = node('ohio-fc', {
  name: 'Columbus Fulfillment Center',
  kind: 'fulfillment_center',
  lat: 39.9612,
  lng: -82.9988,
  timeZone: 'America/New_York',
  handlingMinutes: 120,
  cutoffs: { next_day: '14:00', two_day: '17:00', standard: '18:00' },
});

export function network(nodes: NetworkNode[], stock: Array<[nodeId: string, sku: string, onHand: number, reserved?: number]>): Network {
  const n = new Network(nodes);
  for (const [nodeId, sku, onHand, reserved] of stock) n.setStock(nodeId, sku, onHand, reserved ?? 0);
  return n;
}

export function item(sku: string, quantity = 1, fields: Partial<PromiseItem> = {}): PromiseItem {
  return { sku, quantity, unitPrice: 2500, fastDeliveryEligible: true, ...fields };
}

/** Epoch ms of a wall-clock time in a zone, written plainly: at('2026-11-25T10:00', 'America/Phoenix'). */
export function at(local: string, timeZone: string): number {
  return Temporal.PlainDateTime.from(local).toZonedDateTime(timeZone).epochMilliseconds;
}

export function request(fields: Partial<PromiseRequest> & Pick<PromiseRequest, 'now'>): PromiseRequest {
  return {
    items: [item('SKU-1')],
    destination: CHANDLER,
    member: false,
    feePolicy: FEES,
    ...fields,
  };
}
