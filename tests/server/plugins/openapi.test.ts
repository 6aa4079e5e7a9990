import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, type TestApp } from '../helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('OpenAPI', () => {
  it('describes every route from the zod schemas', async () => {
    const res = await call(t.app, { method: 'GET', url: '/openapi.json' });
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/healthz',
      '/readyz',
      '/v1/admin/fulfilment/attention',
      '/v1/admin/inventory',
      '/v1/admin/inventory/{sku}',
      '/v1/admin/members',
      '/v1/admin/members/{email}',
      '/v1/admin/members/{email}/sessions',
      '/v1/admin/merchant',
      '/v1/admin/nodes',
      '/v1/admin/nodes/{id}',
      '/v1/admin/nodes/{id}/pick-list',
      '/v1/admin/orders',
      '/v1/admin/orders/tracking',
      '/v1/admin/orders/{id}',
      '/v1/admin/orders/{id}/parcels/{nodeId}/picked',
      '/v1/admin/orders/{id}/parcels/{nodeId}/ready',
      '/v1/admin/orders/{id}/parcels/{nodeId}/shortage',
      '/v1/admin/orders/{id}/status',
      '/v1/admin/orders/{id}/tracking',
      '/v1/admin/products',
      '/v1/admin/products/{sku}',
      '/v1/admin/webhook-endpoints',
      '/v1/admin/webhook-endpoints/{id}',
      '/v1/admin/webhook-endpoints/{id}/deliveries',
      '/v1/admin/webhook-endpoints/{id}/deliveries/{eventId}/retry',
      '/v1/admin/webhook-endpoints/{id}/rotate-secret',
      '/v1/admin/webhook-endpoints/{id}/secret',
      '/v1/admin/webhook-endpoints/{id}/test',
      '/v1/checkout/sessions',
      '/v1/checkout/sessions/{id}',
      '/v1/checkout/sessions/{id}/confirm',
      '/v1/members/codes',
      '/v1/members/sessions',
      '/v1/members/sessions/current',
      '/v1/orders/{id}',
      '/v1/promise',
      '/v1/regions',
      '/v1/webhooks/stripe',
    ]);
    const create = doc.paths['/v1/checkout/sessions'].post;
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '409', '422']));
    expect(create.requestBody.content['application/json'].schema.properties).not.toHaveProperty('price');
    const promise = doc.paths['/v1/promise'].get;
    expect(promise.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['sku', 'qty', 'postal_code', 'lat', 'lng']),
    );
    expect(Object.keys(promise.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '422', '429']));
    expect(promise.security).toEqual([{ publishableKey: [] }]);
    const bulk = doc.paths['/v1/admin/inventory'].put;
    expect(bulk.requestBody.content['application/json'].schema.properties.levels.maxItems).toBe(10000);
    expect(doc.paths['/v1/admin/products'].post.security).toEqual([{ secretKey: [] }]);
    const shortage = doc.paths['/v1/admin/orders/{id}/parcels/{nodeId}/shortage'].post;
    expect(Object.keys(shortage.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422', '429']));
    expect(
      doc.paths['/v1/admin/webhook-endpoints'].post.requestBody.content['application/json'].schema.properties.eventTypes.items.enum,
    ).toContain('order.delivery_late');
  });

  it('serves a readable page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('/openapi.json');
  });
});
