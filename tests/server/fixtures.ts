/**
 * A small shop for checkout tests: its own merchant (so tests do not meet each other), a mall
 * store in Chandler for same-day, a downtown shop across town holding the same goods (the second
 * source the recommended buffers ask of a same-day offer: docs/simulation.md, "Buffers"), and a
 * Phoenix station for next-day, with stock set through the admin API, as a merchant would.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { RECOMMENDED_BUFFERS } from '../../server/promise/index.js';
import { bearer, call, createMerchant, type TestMerchant } from './helper.js';

export const ORIGIN = 'https://shop.example';
export const ADDRESS = {
  name: 'Ada Shopper',
  line1: '1 W Chandler Blvd',
  city: 'Chandler',
  region: 'AZ',
  postalCode: '85226',
  country: 'US',
};

export interface Shop extends TestMerchant {
  sku: string;
  otherSku: string;
  mall: string;
  /** The downtown shop: same-day's second holder of both SKUs, behind the mall (a later cut-off wins). */
  downtown: string;
  station: string;
}

/**
 * `mall`, `station`: units of `sku` there (5, 0); `other`: units of `otherSku` at the mall (5);
 * `downtown`: units of each SKU at the downtown shop (5).
 */
export async function openShop(
  app: FastifyInstance,
  stock: { mall?: number; downtown?: number; station?: number; other?: number } = {},
): Promise<Shop> {
  const merchant = await createMerchant(app, [ORIGIN]);
  const admin = { ...bearer(merchant.secretKey) };
  const suffix = randomBytes(3).toString('hex');
  const sku = `TEE-${suffix}`;
  const otherSku = `MUG-${suffix}`;
  for (const [s, title, amount] of [
    [sku, 'Everyday Tee', 2400],
    [otherSku, 'Stoneware Mug', 1800],
  ] as const) {
    const res = await call(app, {
      method: 'POST',
      url: '/v1/admin/products',
      headers: admin,
      payload: { sku: s, title, price: { amount, currency: 'USD' } },
    });
    if (res.status !== 201) throw new Error(`product: ${res.raw}`);
  }
  const mall = `mall-${suffix}`;
  const downtown = `downtown-${suffix}`;
  const station = `station-${suffix}`;
  for (const node of [
    { id: mall, name: 'Chandler Fashion Center', kind: 'mall_store', lat: 33.3016, lng: -111.898, cutoffs: { same_day: '14:00' } },
    { id: downtown, name: 'Downtown Chandler Goods', kind: 'local_store', lat: 33.3033, lng: -111.8413, cutoffs: { same_day: '13:00' } },
    {
      id: station,
      name: 'Phoenix Station',
      kind: 'delivery_station',
      lat: 33.4342,
      lng: -112.0116,
      cutoffs: { next_day: '15:00', standard: '16:00' },
    },
  ]) {
    await addPlace(app, merchant.secretKey, node);
  }
  await setStock(app, merchant.secretKey, [
    { nodeId: mall, sku, onHand: stock.mall ?? 5 },
    { nodeId: station, sku, onHand: stock.station ?? 0 },
    { nodeId: mall, sku: otherSku, onHand: stock.other ?? 5 },
    { nodeId: downtown, sku, onHand: stock.downtown ?? 5 },
    { nodeId: downtown, sku: otherSku, onHand: stock.downtown ?? 5 },
  ]);
  return { ...merchant, sku, otherSku, mall, downtown, station };
}

/**
 * A place of the merchant's (`POST /v1/admin/nodes`): in Phoenix's zone, 30 minutes' handling and
 * open every day unless `node` says otherwise.
 */
export async function addPlace(app: FastifyInstance, secretKey: string, node: Record<string, unknown>): Promise<void> {
  const res = await call(app, {
    method: 'POST',
    url: '/v1/admin/nodes',
    headers: bearer(secretKey),
    payload: { timeZone: 'America/Phoenix', handlingMinutes: 30, calendar: { closedWeekdays: [], closedDates: [] }, ...node },
  });
  if (res.status !== 201) throw new Error(`node: ${res.raw}`);
}

/**
 * The recommended buffers without a second source: same-day from a store that is the only holder
 * nearby. For tests about one store's own stock or capacity, where a second holder would take
 * the orders the store cannot (merchants choose this through `deliveryBuffers`).
 */
export async function promiseFromLoneStores(app: FastifyInstance, merchant: TestMerchant): Promise<void> {
  const deliveryBuffers = { ...RECOMMENDED_BUFFERS, secondSource: { same_day: [], local_courier: [] } };
  const res = await call(app, {
    method: 'PATCH',
    url: '/v1/admin/merchant',
    headers: bearer(merchant.secretKey),
    payload: { deliveryBuffers },
  });
  if (res.status !== 200) throw new Error(`buffers: ${res.raw}`);
}

/**
 * A shop whose mall store is the only same-day holder, and promises same-day alone
 * (`promiseFromLoneStores`): for tests of one store's stock, capacity or holds, which a second
 * holder would otherwise take over.
 */
export async function openLoneStoreShop(
  app: FastifyInstance,
  stock: { mall?: number; station?: number; other?: number } = {},
): Promise<Shop> {
  const shop = await openShop(app, { ...stock, downtown: 0 });
  await promiseFromLoneStores(app, shop);
  return shop;
}

/** Orders a day per service at one of the shop's places (`PATCH /v1/admin/nodes/:id`). */
export async function setCapacities(app: FastifyInstance, shop: Shop, nodeId: string, capacities: Record<string, number>): Promise<void> {
  const res = await call(app, {
    method: 'PATCH',
    url: `/v1/admin/nodes/${nodeId}`,
    headers: bearer(shop.secretKey),
    payload: { capacities },
  });
  if (res.status !== 200) throw new Error(`capacities: ${res.raw}`);
}

export async function setStock(app: FastifyInstance, secretKey: string, levels: Array<{ nodeId: string; sku: string; onHand: number }>) {
  const res = await call(app, { method: 'PUT', url: '/v1/admin/inventory', headers: bearer(secretKey), payload: { levels } });
  if (res.status !== 200) throw new Error(`inventory: ${res.raw}`);
}

/** On-hand and reserved of a SKU at a node, from the admin inventory view. */
export async function levelOf(
  app: FastifyInstance,
  shop: Shop,
  nodeId: string,
  sku = shop.sku,
): Promise<{ onHand: number; reserved: number; available: number }> {
  const res = await call(app, { method: 'GET', url: `/v1/admin/inventory/${sku}`, headers: bearer(shop.secretKey) });
  const row = (res.body.nodes ?? res.body.levels ?? []).find((l: { nodeId: string }) => l.nodeId === nodeId);
  return row ? { onHand: row.onHand, reserved: row.reserved, available: row.available } : { onHand: 0, reserved: 0, available: 0 };
}

export function publicHeaders(shop: Shop, extra: Record<string, string> = {}) {
  return { ...bearer(shop.publishableKey), origin: ORIGIN, ...extra };
}

export function sessionBody(shop: Shop, overrides: Record<string, unknown> = {}) {
  return { items: [{ sku: shop.sku, quantity: 1 }], email: 'ada@example.com', address: ADDRESS, service: 'same_day', ...overrides };
}

export const newKey = () => `idem-${randomBytes(8).toString('hex')}`;

export async function startCheckout(
  app: FastifyInstance,
  shop: Shop,
  overrides: Record<string, unknown> = {},
  key = newKey(),
  extraHeaders: Record<string, string> = {},
) {
  return call(app, {
    method: 'POST',
    url: '/v1/checkout/sessions',
    headers: publicHeaders(shop, { 'idempotency-key': key, ...extraHeaders }),
    payload: sessionBody(shop, overrides),
  });
}

export async function pay(app: FastifyInstance, shop: Shop, sessionId: string, cardNumber = '4242 4242 4242 4242') {
  return call(app, {
    method: 'POST',
    url: `/v1/checkout/sessions/${sessionId}/confirm`,
    headers: publicHeaders(shop),
    payload: { cardNumber },
  });
}
