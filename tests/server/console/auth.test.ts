/** Console access: sign-up and sign-in by emailed code, cookie sessions, CSRF, limits, expiry. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, call, errorOf, TUESDAY_MORNING, type TestApp } from '../helper.js';
import type { DevMailer } from '../../../server/mail/mailer.js';
import { CODES_PER_EMAIL, SESSION_TTL_MS } from '../../../server/console/console.service.js';
import { API, PAGE, as, cookieOf, freshIp, lastCode, signIn, signUp, uniqueEmail, verify } from './helpers.js';

describe('console access', () => {
  let t: TestApp;
  let now = TUESDAY_MORNING;
  const outbox = () => (t.app.mailer as DevMailer).outbox;

  beforeAll(async () => {
    t = await buildTestApp({ clock: () => now });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    now = TUESDAY_MORNING;
  });

  it('signs a merchant up by emailed code and opens a session cookie', async () => {
    const email = uniqueEmail();
    const started = await call(t.app, {
      method: 'POST',
      url: `${API}/sign-up`,
      headers: PAGE,
      remoteAddress: freshIp(),
      payload: { name: 'Ada', email, merchantName: 'Ada Goods', allowedOrigins: ['https://ada.example'] },
    });
    expect(started.status).toBe(202);
    // Nothing exists until the code proves the address.
    expect(t.app.merchants.ids().some((id) => t.app.merchants.get(id)?.name === 'Ada Goods')).toBe(false);
    const res = await verify(t.app, email, lastCode(t.app, email)!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { email, role: 'owner', name: 'Ada' }, merchant: { name: 'Ada Goods', currency: 'USD' } });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^nb_console=[A-Za-z0-9_-]{40,}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const me = await call(t.app, { method: 'GET', url: `${API}/session`, headers: { cookie: cookieOf(res.headers) } });
    expect(me.status).toBe(200);
    expect(me.body.merchant.id).toBe(res.body.merchant.id);
    expect(me.body.csrfToken).toBe(res.body.csrfToken);
  });

  it('marks the cookie Secure anywhere but plain http on this machine', async () => {
    const email = uniqueEmail();
    await signUp(t.app, email);
    await call(t.app, { method: 'POST', url: `${API}/sign-in/code`, headers: PAGE, payload: { email }, remoteAddress: freshIp() });
    const res = await call(t.app, {
      method: 'POST',
      url: `${API}/sign-in/verify`,
      headers: { ...PAGE, host: 'nearbuy.shop.example' },
      payload: { email, code: lastCode(t.app, email) },
      remoteAddress: freshIp(),
    });
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/);
  });

  it('answers sign-in alike for unknown addresses and sends them nothing', async () => {
    const stranger = uniqueEmail('stranger');
    const known = (await signUp(t.app)).email;
    const before = outbox().length;
    const a = await call(t.app, {
      method: 'POST',
      url: `${API}/sign-in/code`,
      headers: PAGE,
      payload: { email: stranger },
      remoteAddress: freshIp(),
    });
    const b = await call(t.app, {
      method: 'POST',
      url: `${API}/sign-in/code`,
      headers: PAGE,
      payload: { email: known },
      remoteAddress: freshIp(),
    });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.body).toEqual(b.body);
    expect(outbox().length).toBe(before + 1);
    expect(outbox().at(-1)!.to).toBe(known);
    // A guessed code for the stranger reads exactly like a wrong one for the known address.
    const wrongStranger = errorOf(await verify(t.app, stranger, '123456'));
    const wrongKnown = errorOf(await verify(t.app, known, lastCode(t.app, known) === '123456' ? '654321' : '123456'));
    expect(wrongStranger).toEqual(wrongKnown);
  });

  it('signing up with a known address sends a sign-in code, not a second merchant', async () => {
    const owner = await signUp(t.app);
    const again = await call(t.app, {
      method: 'POST',
      url: `${API}/sign-up`,
      headers: PAGE,
      remoteAddress: freshIp(),
      payload: { name: 'Mallory', email: owner.email, merchantName: 'Other', allowedOrigins: ['https://other.example'] },
    });
    expect(again.status).toBe(202);
    const res = await verify(t.app, owner.email, lastCode(t.app, owner.email)!);
    expect(res.body.merchant.id).toBe(owner.merchantId);
    expect(res.body.user.name).toBe('Ada Owner');
  });

  it('a code works once, and five wrong ones burn it', async () => {
    const owner = await signUp(t.app);
    await call(t.app, {
      method: 'POST',
      url: `${API}/sign-in/code`,
      headers: PAGE,
      payload: { email: owner.email },
      remoteAddress: freshIp(),
    });
    const code = lastCode(t.app, owner.email)!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await verify(t.app, owner.email, wrong)).status).toBe(401);
    const res = await verify(t.app, owner.email, code);
    expect(res.status).toBe(401);
    expect(errorOf(res).message).toMatch(/Too many wrong codes/);
  });

  it('an expired code is refused', async () => {
    const owner = await signUp(t.app);
    await call(t.app, {
      method: 'POST',
      url: `${API}/sign-in/code`,
      headers: PAGE,
      payload: { email: owner.email },
      remoteAddress: freshIp(),
    });
    now += 11 * 60_000;
    expect((await verify(t.app, owner.email, lastCode(t.app, owner.email)!)).status).toBe(401);
  });

  it('limits codes per address and per client, known or not', async () => {
    const email = uniqueEmail('limited');
    const ask = (ip: string) =>
      call(t.app, { method: 'POST', url: `${API}/sign-in/code`, headers: PAGE, payload: { email }, remoteAddress: ip });
    for (let i = 0; i < CODES_PER_EMAIL; i++) expect((await ask(freshIp())).status).toBe(202);
    const limited = await ask(freshIp());
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('600');
    const ip = '10.77.0.1';
    let last = 0;
    for (let i = 0; i < 25; i++) {
      last = (
        await call(t.app, {
          method: 'POST',
          url: `${API}/sign-in/code`,
          headers: PAGE,
          payload: { email: uniqueEmail() },
          remoteAddress: ip,
        })
      ).status;
    }
    expect(last).toBe(429);
  });

  it('sessions expire, and sign-out revokes them', async () => {
    const owner = await signUp(t.app);
    const second = await signIn(t.app, owner.email);
    const me = (s: typeof owner) => call(t.app, { method: 'GET', url: `${API}/session`, headers: { cookie: s.cookie } });
    expect((await me(owner)).status).toBe(200);
    const out = await as(t.app, owner, { method: 'POST', url: `${API}/sign-out` });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/^nb_console=; .*Max-Age=0/);
    expect((await me(owner)).status).toBe(401);
    expect((await me(second)).status).toBe(200);
    now += SESSION_TTL_MS + 1;
    const expired = await me(second);
    expect(expired.status).toBe(401);
    expect(errorOf(expired).message).toMatch(/sign in again/);
  });

  it('sign-out everywhere ends every session of that person', async () => {
    const owner = await signUp(t.app);
    const second = await signIn(t.app, owner.email);
    const out = await as(t.app, owner, { method: 'POST', url: `${API}/sign-out?everywhere=true` });
    expect(out.body).toEqual({ signedOut: 2 });
    expect((await call(t.app, { method: 'GET', url: `${API}/session`, headers: { cookie: second.cookie } })).status).toBe(401);
  });

  it('refuses changes without the CSRF token, with a wrong one, or from another site', async () => {
    const owner = await signUp(t.app);
    const roll = (headers: Record<string, string>) =>
      call(t.app, { method: 'POST', url: `${API}/keys/secret`, headers: { cookie: owner.cookie, ...headers } });
    expect(errorOf(await roll({})).code).toBe('forbidden');
    expect(errorOf(await roll({ 'x-csrf-token': 'not-the-token' })).code).toBe('forbidden');
    expect(errorOf(await roll({ 'x-csrf-token': owner.csrf, origin: 'https://evil.example' })).code).toBe('forbidden');
    expect(errorOf(await roll({ 'x-csrf-token': owner.csrf, 'sec-fetch-site': 'cross-site' })).code).toBe('forbidden');
    expect((await roll({ 'x-csrf-token': owner.csrf, origin: 'http://localhost:80' })).status).toBe(200);
    // Before a session: the console's header, and never from another site.
    const email = uniqueEmail();
    const noHeader = await call(t.app, { method: 'POST', url: `${API}/sign-in/code`, payload: { email }, remoteAddress: freshIp() });
    expect(errorOf(noHeader).code).toBe('forbidden');
    const crossSite = await call(t.app, {
      method: 'POST',
      url: `${API}/sign-in/code`,
      headers: { ...PAGE, origin: 'https://evil.example' },
      payload: { email },
      remoteAddress: freshIp(),
    });
    expect(errorOf(crossSite).code).toBe('forbidden');
    // A form post cannot even be parsed as a console call.
    const form = await call(t.app, {
      method: 'POST',
      url: `${API}/sign-in/code`,
      headers: { ...PAGE, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${email}`,
      remoteAddress: freshIp(),
    });
    expect(form.status).toBe(415);
  });

  it('answers bad input with 400s that say what is wrong', async () => {
    const post = (url: string, payload: unknown) =>
      call(t.app, { method: 'POST', url: `${API}${url}`, headers: PAGE, payload: payload as object, remoteAddress: freshIp() });
    const cases: Array<[string, unknown, RegExp]> = [
      ['/sign-in/code', { email: 'not-an-email' }, /valid email/],
      ['/sign-in/code', { email: 'a@b.example', extra: 1 }, /extra/],
      ['/sign-in/verify', { email: 'a@b.example', code: '12ab' }, /6 digits/],
      ['/sign-up', { name: 'A', email: 'a@b.example', merchantName: 'S', allowedOrigins: [] }, /at least one storefront origin/],
      ['/sign-up', { name: 'A', email: 'a@b.example', merchantName: 'S', allowedOrigins: ['https://x.example/path'] }, /no path/],
    ];
    for (const [url, payload, message] of cases) {
      const res = await post(url, payload);
      expect(res.status, url).toBe(400);
      expect(JSON.stringify(errorOf(res))).toMatch(message);
    }
    const garbled = await call(t.app, { method: 'GET', url: `${API}/session`, headers: { cookie: 'nb_console=%%%; other=1' } });
    expect(garbled.status).toBe(401);
  });
});
