/** Small steps the fulfilment tests share: placing a paid order, a webhook endpoint, staff actions. */
import type { FastifyInstance } from 'fastify';
import { bearer, call } from '../helper.js';
import { pay, startCheckout, type Shop } from '../fixtures.js';

export async function placeOrder(
  app: FastifyInstance,
  shop: Shop,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; number: string; token: string }> {
  const session = await startCheckout(app, shop, overrides);
  if (session.status !== 201) throw new Error(`checkout: ${session.raw}`);
  const paid = await pay(app, shop, session.body.id);
  if (paid.status !== 200 || !paid.body.order) throw new Error(`payment: ${paid.raw}`);
  return { id: paid.body.order.id, number: paid.body.order.number, token: paid.body.order.accessToken };
}

export async function addEndpoint(
  app: FastifyInstance,
  shop: Shop,
  url: string,
  eventTypes: string[] = [],
): Promise<{ id: string; secret: string }> {
  const res = await call(app, {
    method: 'POST',
    url: '/v1/admin/webhook-endpoints',
    headers: bearer(shop.secretKey),
    payload: { url, eventTypes },
  });
  if (res.status !== 201) throw new Error(`endpoint: ${res.raw}`);
  return { id: res.body.id, secret: res.body.secret };
}

export function staff(app: FastifyInstance, shop: Shop) {
  const headers = bearer(shop.secretKey);
  return {
    pickList: (nodeId: string) => call(app, { method: 'GET', url: `/v1/admin/nodes/${nodeId}/pick-list`, headers }),
    picked: (orderId: string, nodeId: string, payload: Record<string, unknown> = {}) =>
      call(app, { method: 'POST', url: `/v1/admin/orders/${orderId}/parcels/${nodeId}/picked`, headers, payload }),
    ready: (orderId: string, nodeId: string) =>
      call(app, { method: 'POST', url: `/v1/admin/orders/${orderId}/parcels/${nodeId}/ready`, headers }),
    shortage: (orderId: string, nodeId: string, payload: Record<string, unknown>) =>
      call(app, { method: 'POST', url: `/v1/admin/orders/${orderId}/parcels/${nodeId}/shortage`, headers, payload }),
    order: (orderId: string) => call(app, { method: 'GET', url: `/v1/admin/orders/${orderId}`, headers }),
    status: (orderId: string, status: string) =>
      call(app, { method: 'POST', url: `/v1/admin/orders/${orderId}/status`, headers, payload: { status } }),
    tracking: (orderId: string, payload: Record<string, unknown>) =>
      call(app, { method: 'PUT', url: `/v1/admin/orders/${orderId}/tracking`, headers, payload }),
    log: (endpointId: string) => call(app, { method: 'GET', url: `/v1/admin/webhook-endpoints/${endpointId}/deliveries`, headers }),
  };
}
