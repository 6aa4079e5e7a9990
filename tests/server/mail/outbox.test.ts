/**
 * The email outbox's lease: a claimed email is not handed to a second send while the first is in
 * progress, however far the shop's clock moves (demo mode and tests move it by hours), and is
 * handed out again once the lease has lapsed in real time (the sender died).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDueMail, enqueueMail } from '../../../server/mail/outbox.repository.js';
import type { MailData } from '../../../server/mail/render.js';
import { buildTestApp, TUESDAY_MORNING, type TestApp } from '../helper.js';

const HOUR = 3_600_000;

describe('email outbox leases', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t?.close());

  it('run on the wall clock, not the shop clock', async () => {
    await enqueueMail(t.db, {
      merchantId: t.demo.merchantId,
      orderId: null,
      kind: 'confirmation',
      to: 'lease@example.com',
      locale: 'en',
      data: {} as MailData,
      now: new Date(TUESDAY_MORNING),
    });
    const claimed = await claimDueMail(t.db, TUESDAY_MORNING, 10, 60_000);
    expect(claimed.map((m) => m.recipient)).toEqual(['lease@example.com']);
    // The shop's clock jumps past the evening while that send is still going: not claimed twice.
    expect(await claimDueMail(t.db, TUESDAY_MORNING + 5 * HOUR, 10, 60_000)).toEqual([]);
    // A minute of real time later, the lease has lapsed: another worker takes it over.
    const retaken = await claimDueMail(t.db, TUESDAY_MORNING, 10, 60_000, Date.now() + 61_000);
    expect(retaken.map((m) => [m.recipient, m.attempts])).toEqual([['lease@example.com', 2]]);
  });
});
