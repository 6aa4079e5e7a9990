/**
 * A promise is kept at payment too (docs/promise-model.md): a payment that lands after its
 * option's order-by keeps the window only if the network can still make it; else the order takes
 * the current window of the same service and says why, or is refunded, as the merchant chooses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, call, errorOf, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { levelOf, openShop, pay, publicHeaders, setCapacities, startCheckout, type Shop } from '../fixtures.js';

const MINUTE = 60_000;
/** 13:55 in Phoenix, five minutes before the mall's 14:00 same-day cut-off. */
const BEFORE_CUTOFF = TUESDAY_MORNING + (5 * 60 + 55) * MINUTE;
const TODAY = { start: '2026-03-10T16:00:00-07:00', end: '2026-03-10T20:00:00-07:00' };
const TOMORROW = { start: '2026-03-11T16:00:00-07:00', end: '2026-03-11T20:00:00-07:00' };

describe('a payment after the order-by', () => {
  let t: TestApp;
  let now = BEFORE_CUTOFF;

  beforeAll(async () => {
    t = await buildTestApp({ clock: () => now, captureMail: true, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
  });
  afterAll(() => t.close());

  async function order(shop: Shop, orderId: string, token: string) {
    const res = await call(t.app, { method: 'GET', url: `/v1/orders/${orderId}?token=${token}`, headers: publicHeaders(shop) });
    expect(res.status, res.raw).toBe(200);
    return res.body;
  }

  async function setLatePayment(shop: Shop, latePayment: string) {
    return call(t.app, { method: 'PATCH', url: '/v1/admin/merchant', headers: bearer(shop.secretKey), payload: { latePayment } });
  }

  it.each([
    // [paid minutes after 13:55, the merchant's setting, the order's window, re-promised]
    ['before the order-by: the window stands', 3, 're_promise', TODAY, false],
    ['after it, re-promise (the default): the next window, and why', 10, null, TOMORROW, true],
    ['after it, refund: no order, the stock goes back', 10, 'refund', null, false],
  ] as const)('%s', async (_name, paidAfter, setting, window, changed) => {
    now = BEFORE_CUTOFF;
    const shop = await openShop(t.app, { mall: 4 });
    if (setting) expect((await setLatePayment(shop, setting)).body.latePayment).toBe(setting);
    const session = await startCheckout(t.app, shop);
    expect(session.status, session.raw).toBe(201);
    expect(session.body.option.window).toEqual(TODAY);
    now = BEFORE_CUTOFF + paidAfter * MINUTE;
    const paid = await pay(t.app, shop, session.body.id);
    if (window === null) {
      expect(paid.status).toBe(409);
      const error = errorOf(paid);
      expect(error.code).toBe('promise_changed');
      expect(error.message).toContain('refunds late payments');
      expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 4, reserved: 0, available: 4 });
      return;
    }
    expect(paid.status, paid.raw).toBe(200);
    const placed = await order(shop, paid.body.order.id, paid.body.order.accessToken);
    expect(placed.promisedWindow).toEqual(window);
    // The session's answer (what the widget's confirmation reads) carries the order's window.
    expect(paid.body.option.window).toEqual(TODAY);
    expect(paid.body.order.promisedWindow).toEqual(window);
    expect(paid.body.order.promiseChange).toEqual(placed.promiseChange);
    if (changed) {
      expect(placed.promiseChange.previousWindow).toEqual(TODAY);
      expect(placed.promiseChange.reason).toContain('the earliest window now is 2026-03-11T16:00:00-07:00');
      // The mall gets the parcel ready for tomorrow's cut-off, not today's.
      expect(Date.parse(placed.fulfilment.parcels[0].readyBy)).toBeGreaterThan(Date.parse('2026-03-11T00:00:00-07:00'));
      const page = await call(t.app, { method: 'GET', url: `/orders/${paid.body.order.id}?token=${paid.body.order.accessToken}` });
      // A link without the viewer's zone (as in an email) names the destination's zone.
      expect(page.raw).toContain(
        'arrives <strong>Wed, Mar 11, 4:00 PM – 8:00 PM MST</strong>, not Tue, Mar 10, 4:00 PM – 8:00 PM MST as shown at checkout',
      );
      // The confirmation email says the same: the new window, the one shown, and why.
      await t.app.mail.deliverDue();
      const [confirmation] = t.app.mail.inbox!.to('ada@example.com').filter((m) => m.orderId === paid.body.order.id);
      expect(confirmation!.kind).toBe('confirmation');
      expect(confirmation!.text).toContain('your payment arrived after the last moment to order for the window shown at checkout');
      expect(confirmation!.text).toMatch(/Arrives: Wed, Mar 11, 4:00\s*–\s*8:00\sPM/);
      expect(confirmation!.text).toMatch(/Shown at checkout: Tue, Mar 10, 4:00\s*–\s*8:00\sPM/);
    } else {
      expect(placed.promiseChange).toBeNull();
      await t.app.mail.deliverDue();
      const [confirmation] = t.app.mail.inbox!.to('ada@example.com').filter((m) => m.orderId === paid.body.order.id);
      expect(confirmation!.text).not.toContain('Shown at checkout');
    }
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 3, reserved: 0, available: 3 });
  });

  it('a re-promised order moves its place to the new day', async () => {
    now = BEFORE_CUTOFF;
    const shop = await openShop(t.app, { mall: 4 });
    await setCapacities(t.app, shop, shop.mall, { same_day: 5 });
    const session = await startCheckout(t.app, shop);
    now = BEFORE_CUTOFF + 10 * MINUTE;
    expect((await pay(t.app, shop, session.body.id)).status).toBe(200);
    const rows = await t.db.query<{ day: string; used: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, used FROM capacity_usage WHERE merchant_id = $1 ORDER BY day`,
      [shop.id],
    );
    expect(rows).toEqual([
      { day: '2026-03-10', used: 0 },
      { day: '2026-03-11', used: 1 },
    ]);
  });

  it('the setting is read and refused like every other', async () => {
    const shop = await openShop(t.app);
    const got = await call(t.app, { method: 'GET', url: '/v1/admin/merchant', headers: bearer(shop.secretKey) });
    expect(got.body.latePayment).toBe('re_promise');
    const bad = await setLatePayment(shop, 'keep_anyway');
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('invalid_request');
  });
});
