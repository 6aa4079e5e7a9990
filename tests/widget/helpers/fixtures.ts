/** Builders for API answers, in the contract's shapes, with overridable defaults. */
import type { CheckoutSession, DeliveryOption, PromiseResponse, ServedRegions } from '../../../contract/public.js';

/** Wednesday 25 November 2026, noon in Phoenix (UTC−7 all year: no DST to think about). */
export const NOW = Date.parse('2026-11-25T12:00:00-07:00');
export const API = 'https://api.nearbuy.test';
export const PK = 'pk_test_nearbuy';

export function option(overrides: Partial<DeliveryOption> = {}): DeliveryOption {
  return {
    service: 'same_day',
    window: { start: '2026-11-25T16:00:00-07:00', end: '2026-11-25T20:00:00-07:00' },
    orderBy: '2026-11-25T14:14:00-07:00',
    price: { amount: 0, currency: 'USD' },
    reason: 'from Chandler Fashion Center, 6 km away',
    split: false,
    shipments: [
      {
        nodeId: 'node-chandler',
        nodeName: 'Chandler Fashion Center',
        nodeKind: 'mall_store',
        distanceKm: 6,
        items: [{ sku: 'TEE-RED-M', quantity: 1 }],
      },
    ],
    ...overrides,
  };
}

export const NEXT_DAY = option({
  service: 'next_day',
  window: { start: '2026-11-26T09:00:00-07:00', end: '2026-11-26T13:00:00-07:00' },
  orderBy: '2026-11-25T17:00:00-07:00',
  price: { amount: 599, currency: 'USD' },
  shipments: [
    {
      nodeId: 'node-phx',
      nodeName: 'Phoenix FC',
      nodeKind: 'fulfillment_center',
      distanceKm: 31,
      items: [{ sku: 'TEE-RED-M', quantity: 1 }],
    },
  ],
});

export const STANDARD = option({
  service: 'standard',
  window: { start: '2026-11-30T09:00:00-07:00', end: '2026-11-30T21:00:00-07:00' },
  orderBy: '2026-11-26T12:00:00-07:00',
  price: { amount: 0, currency: 'USD' },
  split: true,
  shipments: [
    { nodeId: 'a', nodeName: 'Reno FC', nodeKind: 'fulfillment_center', distanceKm: 900, items: [{ sku: 'TEE-RED-M', quantity: 1 }] },
    { nodeId: 'b', nodeName: 'Dallas FC', nodeKind: 'fulfillment_center', distanceKm: 1400, items: [{ sku: 'TEE-RED-M', quantity: 1 }] },
  ],
});

export function promiseResponse(overrides: Partial<PromiseResponse> & { sku?: string; postalCode?: string } = {}): PromiseResponse {
  const { sku = 'TEE-RED-M', postalCode = '85226', ...rest } = overrides;
  return {
    product: { sku, title: `T-shirt ${sku}`, price: { amount: 2500, currency: 'USD' }, imageUrl: null, fastDeliveryEligible: true },
    destination: { postalCode, country: 'US', lat: 33.3, lng: -111.9, timeZone: 'America/Phoenix', label: `Chandler, AZ ${postalCode}` },
    quantity: 1,
    computedAt: new Date(NOW).toISOString(),
    member: false,
    options: [option(), NEXT_DAY, STANDARD],
    unavailable: null,
    ...rest,
  };
}

export function checkoutSession(overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  return {
    id: 'cs_1',
    status: 'open',
    items: [
      {
        sku: 'TEE-RED-M',
        title: 'T-shirt TEE-RED-M',
        quantity: 1,
        unitPrice: { amount: 2500, currency: 'USD' },
        lineTotal: { amount: 2500, currency: 'USD' },
      },
    ],
    amounts: {
      subtotal: { amount: 2500, currency: 'USD' },
      shipping: { amount: 0, currency: 'USD' },
      total: { amount: 2500, currency: 'USD' },
    },
    option: option(),
    reservationExpiresAt: new Date(NOW + 15 * 60_000).toISOString(),
    payment: { provider: 'test' },
    order: null,
    ...overrides,
  };
}

/** The order a completed session carries: placed with the option's window unless told otherwise. */
export function placedOrder(overrides: Partial<NonNullable<CheckoutSession['order']>> = {}): NonNullable<CheckoutSession['order']> {
  return { id: 'ord_42', number: 'NB-7K4Q-2M', accessToken: 'tok_42', promisedWindow: option().window, promiseChange: null, ...overrides };
}

/** `GET /v1/regions`: a few states served, with their postal prefixes (as the server's postal table gives them). */
export const REGIONS: ServedRegions = {
  countries: [
    {
      code: 'US',
      regions: [
        {
          code: 'AZ',
          name: 'Arizona',
          postalPrefixes: ['850', '851', '852', '853', '855', '856', '857', '859', '860', '863', '864', '865'],
        },
        { code: 'CA', name: 'California', postalPrefixes: ['900', '902', '941', '945'] },
        { code: 'NY', name: 'New York', postalPrefixes: ['100', '101', '102', '112'] },
      ],
    },
  ],
};
