/**
 * A process killed between the order and its messages loses none of them: the order, its email
 * and its webhook were written in one transaction, and another process (here, the same database
 * after the crash) delivers them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openTestDb, PG_URL, TUESDAY_MORNING, type TestApp, type TestDb } from '../helper.js';
import { checkoutOverHttp, startApiProcess } from '../processes.js';
import { ADDRESS, ORIGIN, openShop, type Shop } from '../fixtures.js';
import { addEndpoint } from './helpers.js';
import { Receiver } from './receiver.js';

describe.runIf(PG_URL)('a process killed between the order and the webhook (PostgreSQL)', () => {
  let testDb: TestDb;
  let t: TestApp;
  let shop: Shop;
  let receiver: Receiver;

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    t = await buildTestApp({ testDb, clock: () => TUESDAY_MORNING, captureMail: true, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
    shop = await openShop(t.app, { mall: 4 });
    receiver = await Receiver.start();
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await testDb.close();
    await receiver.close();
  });

  it('still delivers the webhook and the email after the restart', async () => {
    const endpoint = await addEndpoint(t.app, shop, receiver.url);
    // The doomed process runs no workers: it places the order and dies before telling anyone.
    const doomed = await startApiProcess(PG_URL!, testDb.schema!, TUESDAY_MORNING);
    const session = await checkoutOverHttp(doomed.base, shop.publishableKey, ORIGIN, {
      items: [{ sku: shop.sku, quantity: 1 }],
      email: 'crash@example.com',
      address: ADDRESS,
      service: 'same_day',
    });
    expect(session.status).toBe(201);
    const paid = await fetch(`${doomed.base}/v1/checkout/sessions/${session.body.id}/confirm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.publishableKey}`, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ cardNumber: '4242 4242 4242 4242' }),
    });
    const orderId = ((await paid.json()) as { order: { id: string } }).order.id;
    await doomed.kill('SIGKILL');
    expect(receiver.requests).toEqual([]);

    // After the restart, the outbox still holds both.
    expect(await t.app.webhooks.deliverDue()).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.verify(receiver.requests[0]!, endpoint.secret)).toMatchObject({
      type: 'order.placed',
      data: { order: { id: orderId } },
    });
    expect(await t.app.mail.deliverDue()).toBe(1);
    expect(t.app.mail.inbox!.to('crash@example.com').map((m) => [m.kind, m.orderId])).toEqual([['confirmation', orderId]]);
    expect(await t.app.webhooks.deliverDue()).toBe(0);
  }, 180_000);
});
