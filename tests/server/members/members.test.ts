/**
 * Member sign-in by one-time code, what a member token changes (free eligible fast delivery), and
 * its session: two hours or 30 days, revoked by a sign-out, the end of the membership or "sign
 * out everywhere", in this process and, through change notices, in every other.
 */
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
  const verify = (code: string, email = EMAIL, more: Record<string, unknown> = {}) =>
    call(t.app, { method: 'POST', url: '/v1/members/sessions', headers: publicHeaders(shop), payload: { email, code, ...more } });

  async function signIn(more: Record<string, unknown> = {}): Promise<string> {
    expect((await requestCode()).status).toBe(202);
    const code = mailer().lastCodeFor(EMAIL)!;
    expect(code).toMatch(/^\d{6}$/);
    const res = await verify(code, EMAIL, more);
    expect(res.status).toBe(200);
    // The next code may be asked for 30 s later.
    now += 31_000;
    return res.body.token;
  }

  const promiseAs = (token: string) =>
    call(t.app, {
      method: 'GET',
      url: `/v1/promise?sku=${shop.sku}&postal_code=85226`,
      headers: publicHeaders(shop, { 'nearbuy-member-token': token }),
    });
  const signOut = (token?: string) =>
    call(t.app, {
      method: 'DELETE',
      url: '/v1/members/sessions/current',
      headers: publicHeaders(shop, token === undefined ? {} : { 'nearbuy-member-token': token }),
    });

  it('a code from the mailer signs a member in, once', async () => {
    expect((await requestCode()).status).toBe(202);
    const code = mailer().lastCodeFor(EMAIL)!;
    const res = await verify(code);
    expect(res.body).toEqual({ token: expect.stringMatching(/^mt2\./), email: EMAIL, expiresAt: '2026-03-10T17:00:00.000Z' });
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

  it('a shopper who stays signed in on the device gets a 30-day session, still a member after reloads', async () => {
    const token = await signIn({ remember: true });
    const [, body] = token.split('.');
    expect(JSON.parse(Buffer.from(body!, 'base64url').toString())[2]).toBe(TUESDAY_MORNING + 30 * 24 * 3_600_000);
    now = TUESDAY_MORNING + 29 * 24 * 3_600_000;
    const later = await promiseAs(token);
    expect(later.status).toBe(200);
    expect(later.body.member).toBe(true);
    now = TUESDAY_MORNING + 30 * 24 * 3_600_000 + 1;
    expect(errorOf(await promiseAs(token)).code).toBe('unauthorized');
  });

  it('remember must be a boolean', async () => {
    await requestCode();
    const res = await verify(mailer().lastCodeFor(EMAIL)!, EMAIL, { remember: 'yes' });
    expect(res.status).toBe(400);
  });

  it('signing out revokes the token at once; signing out again is fine; a forged token is refused', async () => {
    const token = await signIn({ remember: true });
    const other = await signIn({ remember: true });
    expect((await promiseAs(token)).body.member).toBe(true);
    const out = await signOut(token);
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ signedOut: true });
    const refused = await promiseAs(token);
    expect(refused.status).toBe(401);
    expect(errorOf(refused).message).toMatch(/signed out/);
    const checkout = await startCheckout(t.app, shop, {}, undefined, { 'nearbuy-member-token': token });
    expect(checkout.status).toBe(401);
    // Only that device: the member's other session goes on.
    expect((await promiseAs(other)).body.member).toBe(true);
    expect((await signOut(token)).status).toBe(200);
    expect(errorOf(await signOut(`${other}x`)).code).toBe('unauthorized');
    expect(errorOf(await signOut()).code).toBe('unauthorized');
    expect((await promiseAs(other)).body.member).toBe(true);
  });

  it('ending a membership, or signing the member out everywhere, revokes every session', async () => {
    const [a, b] = [await signIn({ remember: true }), await signIn()];
    const everywhere = await call(t.app, { method: 'DELETE', url: `/v1/admin/members/${EMAIL}/sessions`, headers: bearer(shop.secretKey) });
    expect(everywhere.body).toEqual({ email: EMAIL, signedOut: 2 });
    expect((await promiseAs(a)).status).toBe(401);
    expect((await promiseAs(b)).status).toBe(401);
    // Still a member: a new sign-in works.
    const c = await signIn();
    expect((await promiseAs(c)).body.member).toBe(true);
    const removed = await call(t.app, { method: 'DELETE', url: `/v1/admin/members/${EMAIL}`, headers: bearer(shop.secretKey) });
    expect(removed.status).toBe(200);
    expect((await promiseAs(c)).status).toBe(401);
  });

  it("a sign-out in another process reaches this one's revocation list through its change notice", async () => {
    const token = await signIn({ remember: true });
    const [, body] = token.split('.');
    const sessionId = JSON.parse(Buffer.from(body!, 'base64url').toString())[3] as string;
    // Another process's sign-out: the row written without this process's bus, then its NOTIFY.
    await t.app.db.query(`UPDATE member_sessions SET revoked_at = $2 WHERE id = $1`, [sessionId, new Date(now)]);
    expect((await promiseAs(token)).body.member).toBe(true);
    await t.app.changes.receive(JSON.stringify({ v: 1, src: 'another-process', m: shop.id, k: 'members', ids: [sessionId] }));
    expect((await promiseAs(token)).status).toBe(401);
  });
});
