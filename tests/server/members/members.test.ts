/** Member sign-in by one-time code, and what a member token changes: free eligible fast delivery. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DevMailer } from '../../../server/mail/mailer.js';
import { bearer, buildTestApp, call, errorOf, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { openShop, publicHeaders, startCheckout, type Shop } from '../fixtures.js';

const EMAIL = 'member@example.com';

describe('members', () => {
  let t: TestApp;
  let now = TUESDAY_MORNING;
  let shop: Shop;
  const mailer = () => t.app.mailer as DevMailer;

  beforeAll(async () => {
    t = await buildTestApp({ clock: () => now, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    now = TUESDAY_MORNING;
    shop = await openShop(t.app);
    const added = await call(t.app, { method: 'PUT', url: `/v1/admin/members/${EMAIL}`, headers: bearer(shop.secretKey) });
    expect(added.body).toEqual({ email: EMAIL, added: true });
  });

  const requestCode = (email = EMAIL) =>
    call(t.app, { method: 'POST', url: '/v1/members/codes', headers: publicHeaders(shop), payload: { email } });
  const verify = (code: string, email = EMAIL) =>
    call(t.app, { method: 'POST', url: '/v1/members/sessions', headers: publicHeaders(shop), payload: { email, code } });

  async function signIn(): Promise<string> {
    expect((await requestCode()).status).toBe(202);
    const code = mailer().lastCodeFor(EMAIL)!;
    expect(code).toMatch(/^\d{6}$/);
    const res = await verify(code);
    expect(res.status).toBe(200);
    return res.body.token;
  }

  it('a code from the mailer signs a member in, once', async () => {
    expect((await requestCode()).status).toBe(202);
    const code = mailer().lastCodeFor(EMAIL)!;
    const res = await verify(code);
    expect(res.body).toMatchObject({ token: expect.stringMatching(/^mt1\./), expiresAt: '2026-03-10T17:00:00.000Z' });
    expect(errorOf(await verify(code)).code).toBe('unauthorized');
  });

  it('answers the same for strangers and sends them nothing', async () => {
    const before = mailer().outbox.length;
    const res = await requestCode('stranger@example.com');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ sent: true });
    expect(mailer().outbox.length).toBe(before);
  });

  it('every answer of the code flow is the same for a member and a stranger', async () => {
    const STRANGER = 'stranger@example.com';
    const strip = (res: Awaited<ReturnType<typeof requestCode>>) => ({
      status: res.status,
      body: res.body,
      retryAfter: res.headers['retry-after'],
    });
    const both = async (ask: (email: string) => ReturnType<typeof requestCode>) => {
      const [member, stranger] = [strip(await ask(EMAIL)), strip(await ask(STRANGER))];
      expect(stranger).toEqual(member);
      return member;
    };
    expect(await both((e) => requestCode(e))).toMatchObject({ status: 202 });
    // A second request within 30 s.
    expect(await both((e) => requestCode(e))).toMatchObject({ status: 429, retryAfter: '30' });
    const code = mailer().lastCodeFor(EMAIL)!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await both((e) => verify(wrong, e))).toMatchObject({ status: 401 });
    for (let i = 0; i < 4; i++) await both((e) => verify(wrong, e));
    expect(await both((e) => verify(wrong, e))).toMatchObject({ status: 429 });
    now += 60_000;
    await both((e) => requestCode(e));
    now += 11 * 60_000;
    expect(await both((e) => verify(wrong, e))).toMatchObject({ status: 401 });
    expect(mailer().lastCodeFor(STRANGER)).toBeUndefined();
  });

  it('codes expire, allow five guesses, and are not resent within 30 s', async () => {
    await requestCode();
    expect(errorOf(await requestCode()).code).toBe('rate_limited');
    const code = mailer().lastCodeFor(EMAIL)!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect(errorOf(await verify(wrong)).message).toBe('That code is not right; 4 tries left');
    for (let i = 0; i < 4; i++) await verify(wrong);
    expect(errorOf(await verify(code))).toMatchObject({ code: 'rate_limited', message: 'Too many wrong codes; ask for a new code' });

    now += 60_000;
    await requestCode();
    const fresh = mailer().lastCodeFor(EMAIL)!;
    now += 11 * 60_000;
    expect(errorOf(await verify(fresh)).message).toMatch(/expired/);
  });

  it('a member pays nothing for eligible fast delivery, in the promise and the checkout', async () => {
    const token = await signIn();
    const url = `/v1/promise?sku=${shop.sku}&postal_code=85226`;
    const guest = await call(t.app, { method: 'GET', url, headers: publicHeaders(shop) });
    const member = await call(t.app, { method: 'GET', url, headers: publicHeaders(shop, { 'nearbuy-member-token': token }) });
    const price = (body: { options: Array<{ service: string; price: { amount: number } }> }, s: string) =>
      body.options.find((o) => o.service === s)!.price.amount;
    expect(price(guest.body, 'same_day')).toBeGreaterThan(0);
    expect(member.body.member).toBe(true);
    expect(price(member.body, 'same_day')).toBe(0);
    expect(member.headers['cache-control']).toMatch(/private/);

    const session = await startCheckout(t.app, shop, {}, undefined, { 'nearbuy-member-token': token });
    expect(session.status).toBe(201);
    expect(session.body.amounts.shipping.amount).toBe(0);
    expect(session.body.amounts.total.amount).toBe(2400);
  });

  it('a forged or expired token is refused with a clear message', async () => {
    const token = await signIn();
    const url = `/v1/promise?sku=${shop.sku}&postal_code=85226`;
    const forged = await call(t.app, { method: 'GET', url, headers: publicHeaders(shop, { 'nearbuy-member-token': `${token}x` }) });
    expect(forged.status).toBe(401);
    now += 3 * 60 * 60_000;
    const expired = await call(t.app, { method: 'GET', url, headers: publicHeaders(shop, { 'nearbuy-member-token': token }) });
    expect(errorOf(expired).message).toMatch(/sign in again/);
    const other = await openShop(t.app);
    now = TUESDAY_MORNING;
    const elsewhere = await call(t.app, {
      method: 'GET',
      url: `/v1/promise?sku=${other.sku}&postal_code=85226`,
      headers: publicHeaders(other, { 'nearbuy-member-token': token }),
    });
    expect(elsewhere.status).toBe(401);
  });
});
