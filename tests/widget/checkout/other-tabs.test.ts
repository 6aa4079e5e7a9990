/**
 * Sign-in and sign-out across tabs (widget/internal/storage.ts `followOtherTabs`, the dialog's
 * `memberChannel` listener): another tab of the same site, here a same-origin frame with its own
 * `localStorage` object, signs the member out (or the API refused the token there and it was
 * forgotten) or signs one in on the device; every element of this page and its open checkout
 * follow, from the `storage` event the browser sends to every other page of the origin.
 */
import { expect } from 'chai';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import { advance, fillDetails, inDialog, openCheckout, readyButton } from '../helpers/checkout.js';
import { mount, settled, waitFor } from '../helpers/dom.js';
import { PK } from '../helpers/fixtures.js';

const KEY = `nearbuy:member:${PK}`;
const kept = (token: string) =>
  JSON.stringify({ token, email: 'member@example.com', expiresAt: new Date(Date.now() + 30 * 24 * 3_600_000).toISOString() });

/** Another page of the same origin: changes to storage made there reach this page as `storage` events. */
async function otherTab(): Promise<{ storage: Storage; close(): void }> {
  const frame = document.createElement('iframe');
  frame.srcdoc = '<!doctype html><title>another tab</title>';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return { storage: frame.contentWindow!.localStorage, close: () => frame.remove() };
}

const lastPromiseToken = () => api.calls('/v1/promise').at(-1)?.headers.get('nearbuy-member-token') ?? null;

describe('a member signed in on this device, with the site open in two tabs', () => {
  useWidgetPage();
  let tab: Awaited<ReturnType<typeof otherTab>> | null = null;
  afterEach(() => {
    tab?.close();
    tab = null;
    localStorage.removeItem(KEY);
  });

  it('signing out in the other tab signs every element here out: their promises are a guest’s again', async () => {
    localStorage.setItem(KEY, kept('member-token-kept'));
    const button = await readyButton();
    const badge = mount('nearbuy-promise', { sku: 'TEE-BLU-M', 'postal-code': '85226' });
    await settled(badge, 'available');
    expect(api.calls('/v1/promise').map((call) => call.headers.get('nearbuy-member-token'))).to.deep.equal([
      'member-token-kept',
      'member-token-kept',
    ]);
    tab = await otherTab();
    tab.storage.removeItem(KEY);
    await waitFor(() => api.calls('/v1/promise').length === 4, 'both promises asked again');
    const again = api.calls('/v1/promise').slice(2);
    expect(again.map((call) => call.headers.has('nearbuy-member-token'))).to.deep.equal([false, false]);
    expect(again.map((call) => call.url.searchParams.get('sku')).sort()).to.deep.equal(['TEE-BLU-M', 'TEE-RED-M']);
    await settled(button, 'available');
  });

  it('the open checkout follows: signed out there, the sign-in prompt here and a guest’s checkout', async () => {
    localStorage.setItem(KEY, kept('member-token-kept'));
    const button = await readyButton();
    await openCheckout(button);
    await waitFor(() => inDialog(button, '.member.signed-in'), 'signed in from the device');
    tab = await otherTab();
    tab.storage.removeItem(KEY);
    await waitFor(() => inDialog(button, '.member:not(.signed-in)'), 'the sign-in prompt');
    await fillDetails(button);
    await advance(button, 'Delivery');
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
    await advance(button, 'Review and pay');
    expect(api.calls('/v1/checkout/sessions', 'POST')[0]!.headers.has('nearbuy-member-token')).to.equal(false);
  });

  it('a sign-in kept on the device in the other tab reaches this page too', async () => {
    const button = await readyButton();
    expect(lastPromiseToken()).to.equal(null);
    tab = await otherTab();
    tab.storage.setItem(KEY, kept('member-token-2'));
    await waitFor(() => lastPromiseToken() === 'member-token-2', 'a member promise');
    await settled(button, 'available');
    await openCheckout(button);
    await waitFor(() => inDialog(button, '.member.signed-in'), 'signed in');
  });

  it('another key’s sign-out, or another entry, changes nothing here', async () => {
    localStorage.setItem(KEY, kept('member-token-kept'));
    await readyButton();
    tab = await otherTab();
    tab.storage.removeItem(`nearbuy:member:pk_test_other`);
    tab.storage.setItem('nearbuy:postal-code-x', '1');
    tab.storage.removeItem('nearbuy:postal-code-x');
    tab.storage.setItem(`nearbuy:member:pk_test_other`, kept('x'));
    tab.storage.removeItem(`nearbuy:member:pk_test_other`);
    // A change for this key afterwards is the first thing to move the element.
    tab.storage.removeItem(KEY);
    await waitFor(() => api.calls('/v1/promise').length === 2, 'the promise asked again');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.calls('/v1/promise').map((call) => call.headers.get('nearbuy-member-token'))).to.deep.equal(['member-token-kept', null]);
  });
});
