/**
 * The demo merchant: products with variants and telling stock, and a network of mall stores,
 * local shops, delivery stations and fulfilment centres, laid out so that every delivery service
 * shows up for some postal code. Shared by `npm run seed`, the demo site and the tests.
 *
 * Postal codes to try (US). Every service reaches 85226; with the default (recommended) buffers a
 * shopper is shown those worth choosing (docs/promise-model.md, "What the shopper is shown"), and
 * same-day only from a place with a second holder of the parcel in reach (docs/simulation.md,
 * "Buffers"), so the goods shown same-day are stocked twice near Chandler and Las Vegas:
 * - 85226 Chandler AZ — same-day from Chandler Fashion Center; local courier from a downtown
 *   Chandler shop and next-day/two-day/standard from the Phoenix station and FC, of which
 *   Standard's range ends soonest for the least, so it alone is shown beside same-day.
 * - 85603 Bisbee AZ (small town) — local courier from the Bisbee shop; carrier services only.
 * - 89109 Las Vegas NV — same-day from Fashion Show (Downtown Summerlin holds the same goods: a
 *   same-day offer asks a second place nearby that could send it); next-day from the Reno and
 *   Phoenix FCs.
 * - 22102 McLean VA — same-day from Tysons Corner Center and the Dulles station; next-day.
 * - 24091 Floyd VA (small town) — local courier from the Floyd shop; carrier services.
 * - 59801 Missoula MT — nothing near: two-day and standard only.
 */
import type { FeePolicySettings } from '../../contract/admin.js';
import type { Db } from '../db/port.js';
import { hashSecretKey, newSecretKey } from '../merchants/keys.js';
import type { NetworkNode } from '../promise/index.js';
import { getMerchant, insertMerchant, updateMerchant } from '../merchants/merchants.repository.js';
import { upsertNode } from '../catalog/nodes.repository.js';
import { upsertProduct } from '../catalog/products.repository.js';
import { levelsForMerchant, upsertOnHand } from '../inventory/levels.repository.js';
import { ChangeBus, type Writes } from '../live/changes.js';

export const DEMO_MERCHANT_ID = 'mer_demo';
/** Fixed and public on purpose: it only reads promises, and only from the origins below. */
export const DEMO_PUBLISHABLE_KEY = 'pk_demo_nearbuy_storefront';
export const DEMO_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];
export const DEMO_CURRENCY = 'USD';

export const DEMO_FEE_POLICY: FeePolicySettings = {
  fees: { same_day: 799, local_courier: 499, next_day: 999, two_day: 599, standard: 399 },
  freeShippingThreshold: 3500,
  freeShippingServices: ['two_day', 'standard'],
  memberFreeServices: ['same_day', 'local_courier', 'next_day', 'two_day'],
};

export interface DemoProduct {
  sku: string;
  title: string;
  priceMinor: number;
  fastDeliveryEligible: boolean;
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { sku: 'TEE-BLK-M', title: 'Everyday Tee — Black, M', priceMinor: 2400, fastDeliveryEligible: true },
  { sku: 'TEE-BLK-L', title: 'Everyday Tee — Black, L', priceMinor: 2400, fastDeliveryEligible: true },
  { sku: 'TEE-WHT-M', title: 'Everyday Tee — White, M', priceMinor: 2400, fastDeliveryEligible: true },
  { sku: 'HOODIE-GRY-M', title: 'Loopback Hoodie — Grey, M', priceMinor: 6800, fastDeliveryEligible: true },
  { sku: 'CAP-NVY', title: 'Canvas Cap — Navy', priceMinor: 2200, fastDeliveryEligible: true },
  { sku: 'SNEAKER-RUN-9', title: 'Trail Runner — Size 9', priceMinor: 12000, fastDeliveryEligible: true },
  { sku: 'SNEAKER-RUN-10', title: 'Trail Runner — Size 10', priceMinor: 12000, fastDeliveryEligible: true },
  { sku: 'LAMP-BRASS', title: 'Brass Desk Lamp', priceMinor: 8900, fastDeliveryEligible: false },
  { sku: 'MUG-STONE', title: 'Stoneware Mug', priceMinor: 1800, fastDeliveryEligible: true },
  { sku: 'TOTE-CANVAS', title: 'Market Tote', priceMinor: 2900, fastDeliveryEligible: true },
  { sku: 'CANDLE-CEDAR', title: 'Cedar Candle', priceMinor: 3200, fastDeliveryEligible: true },
];

const MALL_HOLIDAYS = ['2026-11-26', '2026-12-25', '2027-01-01'];

export const DEMO_NODES: readonly NetworkNode[] = [
  // Chandler / Phoenix, Arizona (no DST).
  {
    id: 'chandler-fashion-center',
    name: 'Chandler Fashion Center',
    kind: 'mall_store',
    lat: 33.3016,
    lng: -111.898,
    timeZone: 'America/Phoenix',
    handlingMinutes: 30,
    calendar: { closedWeekdays: [], closedDates: MALL_HOLIDAYS },
    cutoffs: { same_day: '14:00' },
    // Gig-driver slots in the evening window (docs/promise-model.md, "Capacity").
    capacities: { same_day: 60 },
  },
  {
    id: 'downtown-chandler-goods',
    name: 'Downtown Chandler Goods',
    kind: 'local_store',
    lat: 33.3033,
    lng: -111.8413,
    timeZone: 'America/Phoenix',
    handlingMinutes: 45,
    calendar: { closedWeekdays: [7], closedDates: [] },
    cutoffs: { same_day: '13:00', local_courier: '17:00' },
    // The shop's own courier drives one route a day.
    capacities: { local_courier: 25 },
  },
  {
    id: 'phx-tempe-station',
    name: 'Tempe Delivery Station',
    kind: 'delivery_station',
    lat: 33.3836,
    lng: -111.9548,
    timeZone: 'America/Phoenix',
    handlingMinutes: 60,
    calendar: { closedWeekdays: [], closedDates: [] },
    cutoffs: { same_day: '15:00', next_day: '18:00', two_day: '19:00', standard: '19:00' },
    carrierPickup: '20:30',
  },
  {
    id: 'phx-goodyear-fc',
    name: 'Goodyear Fulfillment Center',
    kind: 'fulfillment_center',
    lat: 33.4353,
    lng: -112.3577,
    timeZone: 'America/Phoenix',
    handlingMinutes: 120,
    calendar: { closedWeekdays: [], closedDates: [] },
    cutoffs: { next_day: '17:00', two_day: '18:00', standard: '20:00' },
    carrierPickup: '22:30',
    airCutoff: '14:00',
  },
  // A partner shop in Gilbert's Heritage District, across Chandler from the downtown shop: a second
  // holder of the local goods in same-day reach (docs/simulation.md, "Buffers": a second source).
  // Gig drivers only: it runs no courier route of its own.
  {
    id: 'gilbert-heritage-goods',
    name: 'Heritage District Goods, Gilbert',
    kind: 'local_store',
    lat: 33.3522,
    lng: -111.7891,
    timeZone: 'America/Phoenix',
    handlingMinutes: 45,
    calendar: { closedWeekdays: [7], closedDates: [] },
    cutoffs: { same_day: '12:00' },
  },
  // Small town in Cochise County, Arizona.
  {
    id: 'bisbee-mercantile',
    name: 'Bisbee Mercantile',
    kind: 'local_store',
    lat: 31.4426,
    lng: -109.9153,
    timeZone: 'America/Phoenix',
    handlingMinutes: 60,
    calendar: { closedWeekdays: [1], closedDates: [] },
    cutoffs: { local_courier: '16:00' },
  },
  // Las Vegas, Nevada.
  {
    id: 'fashion-show-las-vegas',
    name: 'Fashion Show Las Vegas',
    kind: 'mall_store',
    lat: 36.1274,
    lng: -115.1711,
    timeZone: 'America/Los_Angeles',
    handlingMinutes: 30,
    calendar: { closedWeekdays: [], closedDates: MALL_HOLIDAYS },
    cutoffs: { same_day: '15:00' },
  },
  {
    id: 'downtown-summerlin',
    name: 'Downtown Summerlin',
    kind: 'mall_store',
    lat: 36.1505,
    lng: -115.3329,
    timeZone: 'America/Los_Angeles',
    handlingMinutes: 30,
    calendar: { closedWeekdays: [], closedDates: MALL_HOLIDAYS },
    cutoffs: { same_day: '14:00' },
  },
  {
    id: 'reno-fc',
    name: 'Reno Fulfillment Center',
    kind: 'fulfillment_center',
    lat: 39.5349,
    lng: -119.7527,
    timeZone: 'America/Los_Angeles',
    handlingMinutes: 120,
    calendar: { closedWeekdays: [], closedDates: [] },
    cutoffs: { next_day: '16:00', two_day: '18:00', standard: '20:00' },
    carrierPickup: '22:30',
    airCutoff: '14:00',
  },
  // Tysons, Virginia.
  {
    id: 'tysons-corner-center',
    name: 'Tysons Corner Center',
    kind: 'mall_store',
    lat: 38.9177,
    lng: -77.2226,
    timeZone: 'America/New_York',
    handlingMinutes: 30,
    calendar: { closedWeekdays: [], closedDates: MALL_HOLIDAYS },
    cutoffs: { same_day: '14:00' },
  },
  {
    id: 'dulles-station',
    name: 'Dulles Delivery Station',
    kind: 'delivery_station',
    lat: 38.9531,
    lng: -77.4481,
    timeZone: 'America/New_York',
    handlingMinutes: 60,
    calendar: { closedWeekdays: [], closedDates: [] },
    cutoffs: { same_day: '13:00', next_day: '18:00', two_day: '19:00', standard: '19:00' },
    carrierPickup: '20:30',
  },
  // Small town in the Blue Ridge, Virginia.
  {
    id: 'floyd-country-store',
    name: 'Floyd Country Store',
    kind: 'local_store',
    lat: 36.9115,
    lng: -80.3198,
    timeZone: 'America/New_York',
    handlingMinutes: 60,
    calendar: { closedWeekdays: [2], closedDates: [] },
    cutoffs: { local_courier: '15:00' },
  },
  // Far away: eastern Pennsylvania.
  {
    id: 'lehigh-valley-fc',
    name: 'Lehigh Valley Fulfillment Center',
    kind: 'fulfillment_center',
    lat: 40.6084,
    lng: -75.4902,
    timeZone: 'America/New_York',
    handlingMinutes: 180,
    calendar: { closedWeekdays: [], closedDates: [] },
    cutoffs: { next_day: '15:00', two_day: '17:00', standard: '20:00' },
    carrierPickup: '23:30',
    airCutoff: '13:00',
  },
];

/** On-hand units per SKU and node. Reserved units are never seeded. */
export const DEMO_STOCK: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'TEE-BLK-M': {
    'chandler-fashion-center': 12,
    'downtown-chandler-goods': 4,
    'phx-tempe-station': 40,
    'phx-goodyear-fc': 300,
    'fashion-show-las-vegas': 9,
    'downtown-summerlin': 6,
    'reno-fc': 250,
    'tysons-corner-center': 7,
    'dulles-station': 35,
    'lehigh-valley-fc': 400,
    'bisbee-mercantile': 3,
    'floyd-country-store': 2,
  },
  // Large only far from Arizona stores: Chandler sees carrier services for this size.
  'TEE-BLK-L': { 'phx-goodyear-fc': 80, 'reno-fc': 60, 'tysons-corner-center': 3, 'dulles-station': 10, 'lehigh-valley-fc': 120 },
  'TEE-WHT-M': {
    'chandler-fashion-center': 2,
    'phx-tempe-station': 8,
    'fashion-show-las-vegas': 5,
    'downtown-summerlin': 3,
    'reno-fc': 40,
    'lehigh-valley-fc': 90,
  },
  'HOODIE-GRY-M': {
    'chandler-fashion-center': 5,
    'phx-tempe-station': 10,
    'phx-goodyear-fc': 60,
    'tysons-corner-center': 4,
    'dulles-station': 12,
    'reno-fc': 30,
  },
  // One left, anywhere: at a station, so Standard still promises it where same-day (with no second
  // holder) does not.
  'CAP-NVY': { 'phx-tempe-station': 1 },
  // Sold out: rows exist, nothing on hand.
  'SNEAKER-RUN-9': { 'chandler-fashion-center': 0, 'phx-goodyear-fc': 0, 'lehigh-valley-fc': 0 },
  'SNEAKER-RUN-10': {
    'chandler-fashion-center': 3,
    'phx-tempe-station': 6,
    'phx-goodyear-fc': 25,
    'fashion-show-las-vegas': 2,
    'downtown-summerlin': 2,
    'lehigh-valley-fc': 40,
  },
  // Only in the far fulfilment centre in Pennsylvania.
  'LAMP-BRASS': { 'lehigh-valley-fc': 18 },
  // Local shops only: local courier (and same-day in Chandler, where two shops hold it).
  'MUG-STONE': { 'downtown-chandler-goods': 20, 'gilbert-heritage-goods': 10, 'bisbee-mercantile': 12, 'floyd-country-store': 15 },
  'TOTE-CANVAS': {
    'chandler-fashion-center': 15,
    'downtown-chandler-goods': 8,
    'phx-tempe-station': 50,
    'phx-goodyear-fc': 200,
    'fashion-show-las-vegas': 10,
    'downtown-summerlin': 8,
    'reno-fc': 150,
    'tysons-corner-center': 11,
    'dulles-station': 40,
    'lehigh-valley-fc': 300,
    'bisbee-mercantile': 4,
    'floyd-country-store': 6,
  },
  'CANDLE-CEDAR': { 'downtown-chandler-goods': 6, 'chandler-fashion-center': 4, 'floyd-country-store': 9, 'bisbee-mercantile': 5 },
};

export interface SeedResult {
  merchantId: string;
  publishableKey: string;
  /** The new secret key when one was created or rolled; null when the old one was kept. */
  secretKey: string | null;
  created: boolean;
}

export interface SeedOptions {
  /** Roll the secret key of an existing demo merchant (the CLI does, so it can print one). */
  rollSecretKey?: boolean;
  /** Use this secret key instead of a random one (tests). */
  secretKey?: string;
  /**
   * Leave existing stock levels alone and only add the missing ones (the demo server on every
   * start, so that restarting keeps what was sold). By default the seed resets on-hand.
   */
  keepStock?: boolean;
  /**
   * The running server's change bus (the demo server passes `app.changes`): its caches then
   * reflect the seed when this returns. Without one, the seed only notifies other processes.
   */
  bus?: ChangeBus;
}

/** Loads the demo merchant, products, nodes and stock. Safe to run again: it converges. */
export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<SeedResult> {
  const bus = options.bus ?? new ChangeBus(db.listen !== undefined);
  return bus.transaction(db, async (tx) => {
    const existing = await getMerchant(tx, DEMO_MERCHANT_ID);
    let secretKey: string | null = null;
    if (!existing) {
      secretKey = options.secretKey ?? newSecretKey();
      await insertMerchant(tx, {
        id: DEMO_MERCHANT_ID,
        name: 'nearbuy Demo Store',
        publishableKey: DEMO_PUBLISHABLE_KEY,
        secretKeyHash: hashSecretKey(secretKey),
        allowedOrigins: DEMO_ORIGINS,
        currency: DEMO_CURRENCY,
        feePolicy: DEMO_FEE_POLICY,
      });
    } else {
      if (options.rollSecretKey || options.secretKey) secretKey = options.secretKey ?? newSecretKey();
      await updateMerchant(tx, DEMO_MERCHANT_ID, {
        allowedOrigins: [...new Set([...existing.allowedOrigins, ...DEMO_ORIGINS])],
        feePolicy: DEMO_FEE_POLICY,
        ...(secretKey ? { secretKeyHash: hashSecretKey(secretKey) } : {}),
      });
    }
    await seedCatalogAndNetwork(tx, DEMO_MERCHANT_ID, options.keepStock ?? false);
    return { merchantId: DEMO_MERCHANT_ID, publishableKey: DEMO_PUBLISHABLE_KEY, secretKey, created: !existing };
  });
}

async function seedCatalogAndNetwork(tx: Writes, merchantId: string, keepStock: boolean): Promise<void> {
  for (const p of DEMO_PRODUCTS) {
    await upsertProduct(tx, merchantId, p.sku, {
      title: p.title,
      priceMinor: p.priceMinor,
      currency: DEMO_CURRENCY,
      imageUrl: null,
      fastDeliveryEligible: p.fastDeliveryEligible,
    });
  }
  for (const n of DEMO_NODES) await upsertNode(tx, merchantId, n);
  let levels = Object.entries(DEMO_STOCK).flatMap(([sku, perNode]) =>
    Object.entries(perNode).map(([nodeId, onHand]) => ({ nodeId, sku, onHand })),
  );
  if (keepStock) {
    const existing = new Set((await levelsForMerchant(tx, merchantId)).map((l) => `${l.nodeId}\u0000${l.sku}`));
    levels = levels.filter((l) => !existing.has(`${l.nodeId}\u0000${l.sku}`));
    if (levels.length === 0) return;
  }
  await upsertOnHand(tx, merchantId, levels, true);
}
