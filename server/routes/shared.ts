/** Bits every route module uses: error responses for OpenAPI, and output mappers. */
import { ErrorBody } from '../../contract/primitives.js';
import type { Node, Product, MerchantSettings } from '../../contract/admin.js';
import type { NodeRecord } from '../catalog/nodes.repository.js';
import type { ProductRecord } from '../catalog/products.repository.js';
import type { MerchantRecord } from '../merchants/merchants.repository.js';
import { RECOMMENDED_BUFFERS, buffersOf, buffersSourceOf } from '../merchants/merchant.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (malformed JSON, wrong types, unknown fields)',
  401: 'Missing or unknown API key',
  403: 'Key not allowed here (publishable key on an admin route, origin not allowed, secret key from a browser)',
  404: 'No such entity',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Body is not JSON',
  422: 'Understood but cannot be done',
  429: 'Rate limited; see Retry-After',
};

/** Error response schemas for the given statuses, all the one `ErrorBody` shape. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody.describe(DESCRIPTIONS[s] ?? 'Error')]));
}

/** Statuses any authenticated route can answer with. */
export const COMMON_ERRORS = [400, 401, 403, 429] as const;
export const BODY_ERRORS = [413, 415] as const;

export function productOut(p: ProductRecord): Product {
  return {
    sku: p.sku,
    title: p.title,
    price: { amount: p.priceMinor, currency: p.currency },
    imageUrl: p.imageUrl,
    fastDeliveryEligible: p.fastDeliveryEligible,
    archived: p.archivedAt !== null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function nodeOut(n: NodeRecord): Node {
  const {
    merchantId: _merchant,
    createdAt,
    updatedAt,
    carrierPickup,
    airCutoff,
    saturdayDelivery,
    serviceClosedDates,
    capacities,
    ...node
  } = n;
  return {
    ...node,
    carrierPickup: carrierPickup ?? null,
    airCutoff: airCutoff ?? null,
    saturdayDelivery: saturdayDelivery ?? false,
    serviceClosedDates: serviceClosedDates ?? {},
    capacities: capacities ?? {},
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export function merchantOut(m: MerchantRecord): MerchantSettings {
  return {
    id: m.id,
    name: m.name,
    publishableKey: m.publishableKey,
    currency: m.currency,
    allowedOrigins: m.allowedOrigins,
    feePolicy: m.feePolicy,
    latePayment: m.latePayment,
    deliveryBuffers: buffersOf(m),
    deliveryBuffersSource: buffersSourceOf(m),
    recommendedDeliveryBuffers: RECOMMENDED_BUFFERS,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** The cursor for the next page: the last id when the page is full. */
export function nextCursor<T>(items: T[], limit: number, idOf: (item: T) => string): string | null {
  return items.length === limit ? idOf(items[items.length - 1]!) : null;
}
