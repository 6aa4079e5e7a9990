/**
 * The shopper's order page names an order as the checkout showed it: by the promised window's last
 * day (docs/promise-model.md, "What the shopper is shown"), not by the service alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helper.js';
import { openShop, type Shop } from '../fixtures.js';
import { placeOrder } from '../fulfilment/helpers.js';

let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await buildTestApp();
  shop = await openShop(t.app, { mall: 5, station: 5 });
});
afterAll(() => t.close());

const pageOf = async (order: { id: string; token: string }) =>
  (await t.app.inject({ method: 'GET', url: `/orders/${order.id}?token=${order.token}&tz=America/Phoenix` })).body;

describe('the order page names the option by its last day', () => {
  it.each([
    // Tuesday 08:00 in Phoenix. Next-day from the station is planned for Wednesday; the default
    // buffers' two days of slack end it on Friday, so the shopper was shown Express, Wed – Fri.
    ['next_day', 'Express delivery · arrives Wed, Mar 11 – Fri, Mar 13<'],
    ['same_day', 'Same-day delivery · arrives Tue, Mar 10, 4:00 PM – 8:00 PM<'],
  ])('%s', async (service, lede) => {
    const body = await pageOf(await placeOrder(t.app, shop, { service }));
    expect(body).toContain(lede);
    expect(body).not.toContain('Next-day delivery');
  });
});
