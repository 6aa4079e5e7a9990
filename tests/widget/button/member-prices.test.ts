/**
 * A member recognised on the product page (widget/internal/promise-element.ts, storage.ts): a
 * sign-in the shopper asked this device to keep is read when the page loads again, so the first
 * promise is already the member's (its prices), on every widget of that key; a token the API no
 * longer takes (signed out elsewhere, expired: the API judges) is forgotten and the promise asked
 * for again as a guest's, never shown as "not available".
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import { api, errorBody } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import { collectEscapedErrors, mount, promiseLine, settled, waitFor } from '../helpers/dom.js';
import { installFakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { API, NEXT_DAY, NOW, PK, promiseResponse } from '../helpers/fixtures.js';

const KEY = `nearbuy:member:${PK}`;
const base = { sku: 'TEE-RED-M', 'postal-code': '85226' };

/** What the checkout keeps on the device after a sign-in with the box ticked (`checkout/member-session.ts`). */
function keptSignIn(token: string) {
  const expiresAt = new Date(Date.now() + 30 * 24 * 3_600_000).toISOString();
  localStorage.setItem(KEY, JSON.stringify({ token, email: 'member@example.com', expiresAt }));
}

/** Next-day delivery: $5.99 for guests, free for members (the API's member prices). */
function pricedPromises(refuse: (token: string) => boolean = () => false) {
  api.use(
    http.get(`${API}/v1/promise`, async ({ request }) => {
      await api.log(request);
      const token = request.headers.get('nearbuy-member-token');
      if (token && refuse(token)) {
        return HttpResponse.json(errorBody('unauthorized', 'The member sign-in has expired, was signed out or is not valid'), {
          status: 401,
        });
      }
      const member = token !== null;
      return HttpResponse.json(
        promiseResponse({ member, options: [{ ...NEXT_DAY, price: { ...NEXT_DAY.price, amount: member ? 0 : 599 } }] }),
      );
    }),
  );
}

describe('a member on the product page', () => {
  const escaped = collectEscapedErrors();
  let clock: FakeClock | null = null;
  useWidgetPage();
  beforeEach(() => {
    clock = installFakeClock(NOW);
  });
  afterEach(() => {
    clock?.uninstall();
    clock = null;
    localStorage.removeItem(KEY);
  });

  it('a guest sees the guest price, with no member token sent', async () => {
    pricedPromises();
    const button = mount('nearbuy-button', base);
    await settled(button, 'available');
    expect(promiseLine(button)).to.equal('$5.99 delivery tomorrow 9 AM – 1 PM');
    expect(api.calls('/v1/promise')[0]!.headers.has('nearbuy-member-token')).to.equal(false);
  });

  it('a sign-in kept on the device gives member prices from the first promise, on every widget', async () => {
    keptSignIn('member-token-kept');
    pricedPromises();
    const button = mount('nearbuy-button', base);
    const badge = mount('nearbuy-promise', base);
    await settled(button, 'available');
    await settled(badge, 'available');
    expect(promiseLine(button)).to.equal('FREE delivery tomorrow 9 AM – 1 PM');
    expect(promiseLine(badge)).to.equal('FREE delivery tomorrow 9 AM – 1 PM');
    const calls = api.calls('/v1/promise');
    expect(calls).to.have.length(2);
    for (const call of calls) expect(call.headers.get('nearbuy-member-token')).to.equal('member-token-kept');
  });

  it('a sign-in kept for another publishable key is not sent', async () => {
    localStorage.setItem('nearbuy:member:pk_test_other', JSON.stringify({ token: 'x', expiresAt: '2030-01-01T00:00:00Z' }));
    try {
      pricedPromises();
      const button = mount('nearbuy-button', base);
      await settled(button, 'available');
      expect(promiseLine(button)).to.equal('$5.99 delivery tomorrow 9 AM – 1 PM');
    } finally {
      localStorage.removeItem('nearbuy:member:pk_test_other');
    }
  });

  it('a token the API refuses (signed out, expired) is forgotten, and the promise asked again as a guest', async () => {
    keptSignIn('member-token-revoked');
    pricedPromises((token) => token === 'member-token-revoked');
    const events: CustomEvent[] = [];
    const onError = (event: CustomEvent) => events.push(event);
    document.addEventListener('nearbuy-error', onError);
    try {
      const button = mount('nearbuy-button', base);
      const badge = mount('nearbuy-promise', base);
      await settled(button, 'available');
      await settled(badge, 'available');
      expect(promiseLine(button)).to.equal('$5.99 delivery tomorrow 9 AM – 1 PM');
      expect(promiseLine(badge)).to.equal('$5.99 delivery tomorrow 9 AM – 1 PM');
      expect(localStorage.getItem(KEY)).to.equal(null);
      const calls = api.calls('/v1/promise');
      expect(calls.filter((call) => call.headers.has('nearbuy-member-token')).length).to.be.greaterThan(0);
      expect(calls.at(-1)!.headers.has('nearbuy-member-token')).to.equal(false);
      // Not the merchant's page being wrong: no "not available", no error event, nothing escapes.
      expect(events).to.deep.equal([]);
      expect(escaped).to.deep.equal([]);
      await waitFor(() => api.calls('/v1/promise').length === calls.length, 'no more requests');
    } finally {
      document.removeEventListener('nearbuy-error', onError);
    }
  });
});
