/**
 * Stripe, never reached: msw answers the Stripe API, and webhooks are signed locally with the
 * webhook secret exactly as Stripe signs them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import Stripe from 'stripe';
import { buildTestApp, call, errorOf, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { levelOf, openShop, publicHeaders, startCheckout, type Shop } from '../fixtures.js';

const WEBHOOK_SECRET = 'whsec_test_nearbuy_local';
const STRIPE = 'https://api.stripe.com/v1';

interface StripeCalls {
  created: URLSearchParams[];
  cancelled: string[];
  refunded: URLSearchParams[];
  failCreate: boolean;
}

const calls: StripeCalls = { created: [], cancelled: [], refunded: [], failCreate: false };
let intentCounter = 0;
/** What each PaymentIntent was created for, as Stripe's events about it report. */
const intents = new Map<string, { amount: number; currency: string }>();

const stripeApi = setupServer(
  http.post(`${STRIPE}/payment_intents`, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    calls.created.push(form);
    if (calls.failCreate) return HttpResponse.json({ error: { type: 'api_error', message: 'Stripe is down' } }, { status: 500 });
    const id = `pi_test_${++intentCounter}`;
    intents.set(id, { amount: Number(form.get('amount')), currency: String(form.get('currency')) });
    return HttpResponse.json({
      id,
      object: 'payment_intent',
      amount: Number(form.get('amount')),
      currency: form.get('currency'),
      client_secret: `${id}_secret_abc`,
      status: 'requires_payment_method',
      metadata: { nearbuy_session_id: form.get('metadata[nearbuy_session_id]') },
    });
  }),
  http.post(`${STRIPE}/payment_intents/:id/cancel`, ({ params }) => {
    calls.cancelled.push(String(params.id));
    return HttpResponse.json({ id: params.id, object: 'payment_intent', status: 'canceled' });
  }),
  http.post(`${STRIPE}/refunds`, async ({ request }) => {
    calls.refunded.push(new URLSearchParams(await request.text()));
    return HttpResponse.json({ id: 're_test_1', object: 'refund', status: 'succeeded' });
  }),
);

function event(id: string, type: string, intentId: string, sessionId: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    id,
    object: 'event',
    type,
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: { id: intentId, object: 'payment_intent', metadata: { nearbuy_session_id: sessionId }, ...intents.get(intentId), ...extra },
    },
  });
}

function sign(payload: string, options: { secret?: string; timestamp?: number } = {}) {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
}

describe('payments through Stripe', () => {
  let t: TestApp;
  let now = TUESDAY_MORNING;
  let shop: Shop;

  const deliver = (payload: string, signature = sign(payload)) =>
    call(t.app, {
      method: 'POST',
      url: '/v1/webhooks/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      payload,
    });

  async function stripeSession(quantity = 1) {
    const res = await startCheckout(t.app, shop, { items: [{ sku: shop.sku, quantity }] });
    expect(res.status).toBe(201);
    return res.body as { id: string; payment: { provider: string; clientSecret: string }; amounts: { total: { amount: number } } };
  }

  beforeAll(async () => {
    stripeApi.listen({ onUnhandledRequest: 'error' });
    t = await buildTestApp({
      clock: () => now,
      config: {
        CHECKOUT_SWEEP_SECONDS: 0,
        STRIPE_SECRET_KEY: 'sk_test_nearbuy',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_nearbuy',
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    stripeApi.close();
  });
  beforeEach(async () => {
    now = TUESDAY_MORNING;
    calls.created.length = 0;
    calls.cancelled.length = 0;
    calls.refunded.length = 0;
    calls.failCreate = false;
    shop = await openShop(t.app);
  });

  it('creates a PaymentIntent for the server total and hands over its client secret', async () => {
    const session = await stripeSession(2);
    expect(session.payment).toEqual({
      provider: 'stripe',
      clientSecret: expect.stringMatching(/^pi_test_\d+_secret_/),
      stripePublishableKey: 'pk_test_nearbuy',
    });
    const form = calls.created[0]!;
    expect(Number(form.get('amount'))).toBe(session.amounts.total.amount);
    expect(form.get('currency')).toBe('usd');
    expect(form.get('metadata[nearbuy_session_id]')).toBe(session.id);
  });

  it("lets the Payment Element offer wallets and Link: the Dashboard's payment methods, never a fixed list", async () => {
    await stripeSession();
    const form = calls.created[0]!;
    // Apple Pay and Google Pay ride on `card`, and Link is a method of its own: a fixed
    // `payment_method_types` list would leave out whatever the merchant turned on in Stripe.
    expect(form.get('automatic_payment_methods[enabled]')).toBe('true');
    expect([...form.keys()].filter((key) => key.startsWith('payment_method_types'))).toEqual([]);
    expect(form.get('receipt_email')).toBe('ada@example.com');
  });

  it('the test card route is closed when Stripe is configured', async () => {
    const session = await stripeSession();
    const res = await call(t.app, {
      method: 'POST',
      url: `/v1/checkout/sessions/${session.id}/confirm`,
      headers: publicHeaders(shop),
      payload: { cardNumber: '4242424242424242' },
    });
    expect(res.status).toBe(409);
  });

  it('payment_intent.succeeded places the order once, however often it is delivered', async () => {
    const session = await stripeSession(2);
    const intentId = session.payment.clientSecret.split('_secret_')[0]!;
    const payload = event('evt_ok_1', 'payment_intent.succeeded', intentId, session.id);
    expect((await deliver(payload)).body).toEqual({ received: true, result: 'applied' });
    expect((await deliver(payload)).body).toEqual({ received: true, result: 'duplicate' });
    // The same success under another event id (Stripe retries can differ) still places it once.
    expect((await deliver(event('evt_ok_2', 'payment_intent.succeeded', intentId, session.id))).body.result).toBe('applied');
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    const read = await call(t.app, { method: 'GET', url: `/v1/checkout/sessions/${session.id}`, headers: publicHeaders(shop) });
    expect(read.body.status).toBe('completed');
    expect(read.body.order.id).toMatch(/^ord_/);
    // A late failure notice for a paid intent changes nothing.
    await deliver(event('evt_fail_late', 'payment_intent.payment_failed', intentId, session.id));
    expect(
      (await call(t.app, { method: 'GET', url: `/v1/checkout/sessions/${session.id}`, headers: publicHeaders(shop) })).body.status,
    ).toBe('completed');
  });

  it('a failed attempt keeps the hold; cancellation releases it', async () => {
    const session = await stripeSession();
    const intentId = session.payment.clientSecret.split('_secret_')[0]!;
    await deliver(
      event('evt_f1', 'payment_intent.payment_failed', intentId, session.id, {
        last_payment_error: { message: 'Your card was declined.' },
      }),
    );
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 1 });
    await deliver(event('evt_c1', 'payment_intent.canceled', intentId, session.id));
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 5, reserved: 0, available: 5 });
  });

  it('a payment arriving after the hold lapsed takes the stock if it is there, else refunds', async () => {
    const first = await stripeSession(5);
    now += 16 * 60_000;
    await t.app.checkout.sweep();
    expect(calls.cancelled).toContain(first.payment.clientSecret.split('_secret_')[0]);
    // Someone else buys all five meanwhile.
    now = TUESDAY_MORNING + 17 * 60_000;
    const second = await stripeSession(5);
    const intent2 = second.payment.clientSecret.split('_secret_')[0]!;
    await deliver(event('evt_s2', 'payment_intent.succeeded', intent2, second.id));
    // The lapsed intent was paid anyway (it raced the cancel): nothing left, so it is refunded.
    const intent1 = first.payment.clientSecret.split('_secret_')[0]!;
    expect((await deliver(event('evt_s1', 'payment_intent.succeeded', intent1, first.id))).body.result).toBe('applied');
    expect(calls.refunded.map((f) => f.get('payment_intent'))).toEqual([intent1]);
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 0, reserved: 0, available: 0 });
  });

  it.each([
    ['another payment id', (intentId: string) => ({ intent: `${intentId}_other`, extra: {} })],
    ['another amount', () => ({ intent: null, extra: { amount: 1 } })],
    ['another currency', () => ({ intent: null, extra: { currency: 'eur' } })],
  ])('a signed success with %s places no order', async (_name, mismatch) => {
    const session = await stripeSession(2);
    const intentId = session.payment.clientSecret.split('_secret_')[0]!;
    const { intent, extra } = mismatch(intentId);
    const res = await deliver(event(`evt_mismatch_${intentId}`, 'payment_intent.succeeded', intent ?? intentId, session.id, extra));
    // Answered 2xx so Stripe stops retrying; only the event is recorded.
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, result: 'ignored' });
    const read = await call(t.app, { method: 'GET', url: `/v1/checkout/sessions/${session.id}`, headers: publicHeaders(shop) });
    expect(read.body).toMatchObject({ status: 'open', order: null });
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 5, reserved: 2, available: 3 });
    const [recorded] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payment_events WHERE event_id = $1`, [
      `evt_mismatch_${intentId}`,
    ]);
    expect(recorded!.n).toBe(1);
    // The real success still places it.
    expect((await deliver(event(`evt_real_${intentId}`, 'payment_intent.succeeded', intentId, session.id))).body.result).toBe('applied');
  });

  it('a cancellation of another payment does not release the hold', async () => {
    const session = await stripeSession();
    const intentId = session.payment.clientSecret.split('_secret_')[0]!;
    await deliver(event(`evt_cx_${intentId}`, 'payment_intent.canceled', `${intentId}_other`, session.id));
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 1 });
  });

  it('rejects forged, altered and stale signatures', async () => {
    const session = await stripeSession();
    const payload = event('evt_forged', 'payment_intent.succeeded', 'pi_x', session.id);
    const forged = await deliver(payload, sign(payload, { secret: 'whsec_someone_else' }));
    expect(forged.status).toBe(400);
    expect(errorOf(forged).message).toMatch(/Stripe-Signature/);
    const altered = await deliver(payload.replace('pi_x', 'pi_y'), sign(payload));
    expect(altered.status).toBe(400);
    const stale = await deliver(payload, sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(stale.status).toBe(400);
    const missing = await call(t.app, {
      method: 'POST',
      url: '/v1/webhooks/stripe',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(missing.status).toBe(400);
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 1, onHand: 5 });
  });

  it('when Stripe is down the hold is released and the shopper told to retry', async () => {
    calls.failCreate = true;
    const res = await startCheckout(t.app, shop);
    expect(res.status).toBe(503);
    expect(errorOf(res).message).toMatch(/Nothing was charged/);
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 5, reserved: 0, available: 5 });
  });
});
