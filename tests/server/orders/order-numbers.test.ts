/**
 * Order numbers for people (server/orders/order-number.ts): "NB-7K4Q-2M", made in the order's own
 * transaction, unique per merchant (a collision is drawn again), in the checkout's answer and the
 * order, and accepted by the admin API in place of the id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, call, DB_KINDS, openTestDb, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { openShop, pay, startCheckout, type Shop } from '../fixtures.js';
import { placeOrder } from '../fulfilment/helpers.js';
import { insertOrder, newOrderId } from '../../../server/orders/orders.repository.js';
import { ORDER_NUMBER_PATTERN, newOrderNumber, normalizeOrderNumber } from '../../../server/orders/order-number.js';

describe('order number format', () => {
  it('draws six characters that cannot be misread, in the NB-XXXX-XX shape', () => {
    const numbers = Array.from({ length: 2000 }, newOrderNumber);
    for (const number of numbers) expect(number).toMatch(ORDER_NUMBER_PATTERN);
    expect(numbers.join('')).not.toMatch(/[01ILOU]/);
    expect(new Set(numbers).size).toBeGreaterThan(1990);
  });

  it.each([
    ['nb-7k4q-2m', 'NB-7K4Q-2M'],
    [' NB-7K4Q-2M ', 'NB-7K4Q-2M'],
    ['NB-7K4Q-2O', null],
    ['NB-7K4Q2M', null],
    ['ord_abc', null],
  ])('reads %j as %j', (input, expected) => {
    expect(normalizeOrderNumber(input)).toBe(expected);
  });
});

describe.each(DB_KINDS)('order numbers on %s', (kind) => {
  let t: TestApp;
  let shop: Shop;

  beforeAll(async () => {
    t = await buildTestApp({ testDb: await openTestDb(kind), clock: () => TUESDAY_MORNING, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
    shop = await openShop(t.app, { mall: 20 });
  });
  afterAll(async () => {
    await t.close();
  });

  const numberOf = async (id: string) =>
    (await t.app.db.query<{ number: string }>(`SELECT number FROM orders WHERE id = $1`, [id]))[0]?.number;

  it('gives a placed order a number, shown in the checkout answer and the order', async () => {
    const session = await startCheckout(t.app, shop);
    const paid = await pay(t.app, shop, session.body.id);
    expect(paid.body.order.number).toMatch(ORDER_NUMBER_PATTERN);
    expect(await numberOf(paid.body.order.id)).toBe(paid.body.order.number);
    const order = await call(t.app, { method: 'GET', url: `/v1/admin/orders/${paid.body.order.id}`, headers: bearer(shop.secretKey) });
    expect(order.body).toMatchObject({ id: paid.body.order.id, number: paid.body.order.number });
  });

  it('finds an order by its number, in any case, and only the merchant’s own', async () => {
    const { id } = await placeOrder(t.app, shop);
    const number = (await numberOf(id))!;
    for (const asTyped of [number, number.toLowerCase()]) {
      const res = await call(t.app, { method: 'GET', url: `/v1/admin/orders/${asTyped}`, headers: bearer(shop.secretKey) });
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(id);
    }
    const other = await openShop(t.app);
    const res = await call(t.app, { method: 'GET', url: `/v1/admin/orders/${number}`, headers: bearer(other.secretKey) });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('draws again when the merchant already has the number, in the same transaction', async () => {
    const { id: first } = await placeOrder(t.app, shop);
    const taken = (await numberOf(first))!;
    const session = await startCheckout(t.app, shop);
    const draws = [taken, taken, 'NB-2222-22'];
    const id = newOrderId();
    const number = await t.app.db.transaction((tx) =>
      insertOrder(
        tx,
        {
          id,
          merchantId: shop.id,
          sessionId: session.body.id,
          email: 'again@example.com',
          address: { name: 'A', line1: '1 Main St', city: 'Chandler', region: 'AZ', postalCode: '85226', country: 'US' },
          items: [],
          service: 'same_day',
          shipments: [],
          window: { start: '2026-03-10T16:00:00-07:00', end: '2026-03-10T20:00:00-07:00' },
          currency: 'USD',
          subtotal: 0,
          shipping: 0,
          total: 0,
          paymentProvider: 'test',
          paymentRef: null,
          placedAt: new Date(TUESDAY_MORNING),
          locale: 'en',
        },
        () => draws.shift()!,
      ),
    );
    expect(number).toBe('NB-2222-22');
    expect(await numberOf(id)).toBe('NB-2222-22');
    expect(draws).toEqual([]);
  });

  it('lets two merchants have the same number', async () => {
    const { id } = await placeOrder(t.app, shop);
    const other = await openShop(t.app);
    const { id: theirs } = await placeOrder(t.app, other);
    await t.app.db.query(`UPDATE orders SET number = $2 WHERE id = $1`, [theirs, await numberOf(id)]);
    expect(await numberOf(theirs)).toBe(await numberOf(id));
  });
});
