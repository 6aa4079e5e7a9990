/**
 * Member sign-in in the dialog (widget/checkout/member.ts): a one-time code by email, a wrong
 * code said at its field, the member token carried by every later call (the button's promise
 * included), kept on the device only when the shopper ticks the box, and Sign out.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import { api, errorBody } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import {
  advance,
  dialogOf,
  fill,
  fillDetails,
  focusedInDialog,
  heading,
  inDialog,
  notice,
  openCheckout,
  primaryAction,
  readyButton,
} from '../helpers/checkout.js';
import { API } from '../helpers/fixtures.js';
import { settled, text, waitFor } from '../helpers/dom.js';

describe('member sign-in in the checkout', () => {
  useWidgetPage();
  afterEach(() => localStorage.removeItem('nearbuy:member:pk_test_nearbuy'));

  it('signs a member in with a one-time code and sends the member token from then on', async () => {
    const button = await readyButton();
    await openCheckout(button);
    fill(button, 'email', 'Member@Example.com');
    inDialog<HTMLButtonElement>(button, '.member button')!.click();
    await waitFor(() => inDialog(button, 'input[name="code"]'), 'the code field');
    expect(api.calls('/v1/members/codes', 'POST')[0]!.body).to.deep.equal({ email: 'member@example.com' });
    expect(text(inDialog(button, '.member p'))).to.equal('We sent a 6-digit code to member@example.com.');
    await waitFor(() => focusedInDialog(button)?.getAttribute('name') === 'code', 'focus on the code');
    fill(button, 'code', '000000');
    inDialog<HTMLButtonElement>(button, '.member .row button')!.click();
    await waitFor(() => text(inDialog(button, '#code-error')), 'the code error');
    expect(text(inDialog(button, '#code-error'))).to.equal("That code didn't work. Check it, or ask for a new one.");
    fill(button, 'code', '123456');
    inDialog<HTMLButtonElement>(button, '.member .row button')!.click();
    await waitFor(() => inDialog(button, '.member.signed-in'), 'signed in');
    expect(text(inDialog(button, '.member.signed-in p'))).to.equal('Signed in as member member@example.com');
    // Not kept on the device: the box was not ticked.
    expect(api.calls('/v1/members/sessions', 'POST')[1]!.body).to.deep.include({ remember: false });
    expect(localStorage.getItem('nearbuy:member:pk_test_nearbuy')).to.equal(null);
    // The button's own promise is fetched again as a member.
    await waitFor(
      () => api.calls('/v1/promise').some((call) => call.headers.get('nearbuy-member-token') === 'member-token-1'),
      'a member promise',
    );
    await fillDetails(button, { email: 'member@example.com' });
    await advance(button, 'Delivery');
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
    await advance(button, 'Review and pay');
    expect(api.calls('/v1/checkout/sessions', 'POST')[0]!.headers.get('nearbuy-member-token')).to.equal('member-token-1');
  });

  it('keeps the member signed in on the next opening, and no event about it reaches the page', async () => {
    const heard: Event[] = [];
    const listen = (event: Event) => heard.push(event);
    for (const type of ['member', 'change', 'nearbuy-member-signed-in']) document.addEventListener(type, listen);
    try {
      const button = await readyButton();
      await openCheckout(button);
      fill(button, 'email', 'member@example.com');
      inDialog<HTMLButtonElement>(button, '.member button')!.click();
      await waitFor(() => inDialog(button, 'input[name="code"]'), 'the code field');
      fill(button, 'code', '123456');
      inDialog<HTMLButtonElement>(button, '.member .row button')!.click();
      await waitFor(() => inDialog(button, '.member.signed-in'), 'signed in');
      inDialog<HTMLButtonElement>(button, '.close')!.click();
      await waitFor(() => !dialogOf(button).open, 'closed');
      // The button kept the token (its promise is fetched again, as a member's) and hands it to
      // the dialog when it opens again.
      await settled(button, 'available');
      await openCheckout(button);
      await fillDetails(button, { email: 'member@example.com' });
      await advance(button, 'Delivery');
      await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
      await advance(button, 'Review and pay');
      expect(api.calls('/v1/checkout/sessions', 'POST')[0]!.headers.get('nearbuy-member-token')).to.equal('member-token-1');
      expect(heard, 'the sign-in event stays inside the button').to.deep.equal([]);
    } finally {
      for (const type of ['member', 'change', 'nearbuy-member-signed-in']) document.removeEventListener(type, listen);
    }
  });

  it('keeps the sign-in on the device when the shopper ticks the box, and Sign out forgets it', async () => {
    const button = await readyButton();
    await openCheckout(button);
    fill(button, 'email', 'member@example.com');
    inDialog<HTMLButtonElement>(button, '.member button')!.click();
    await waitFor(() => inDialog(button, 'input[name="code"]'), 'the code field');
    const keep = inDialog<HTMLInputElement>(button, 'input[name="keep-signed-in"]')!;
    expect(keep.checked, 'never ticked for the shopper').to.equal(false);
    expect(text(keep.closest('label'))).to.equal('Keep me signed in on this device for 30 days');
    keep.click();
    fill(button, 'code', '123456');
    inDialog<HTMLButtonElement>(button, '.member .row button')!.click();
    await waitFor(() => inDialog(button, '.member.signed-in'), 'signed in');
    expect(api.calls('/v1/members/sessions', 'POST')[0]!.body).to.deep.include({ remember: true });
    const kept = JSON.parse(localStorage.getItem('nearbuy:member:pk_test_nearbuy')!);
    expect(kept).to.include({ token: 'member-token-1', email: 'member@example.com' });
    expect(Date.parse(kept.expiresAt)).to.be.greaterThan(Date.now() + 29 * 24 * 3_600_000);

    const signOut = inDialog<HTMLButtonElement>(button, '.member.signed-in button')!;
    expect(text(signOut)).to.equal('Sign out');
    signOut.click();
    await waitFor(() => api.calls('/v1/members/sessions/current', 'DELETE').length === 1, 'the sign-out call');
    expect(api.calls('/v1/members/sessions/current', 'DELETE')[0]!.headers.get('nearbuy-member-token')).to.equal('member-token-1');
    expect(localStorage.getItem('nearbuy:member:pk_test_nearbuy')).to.equal(null);
    await waitFor(() => inDialog(button, '.member:not(.signed-in)'), 'the sign-in prompt again');
    // The button's promise is a guest's again, and so is the checkout.
    await waitFor(() => api.calls('/v1/promise').at(-1)!.headers.has('nearbuy-member-token') === false, 'a guest promise');
    await fillDetails(button, { email: 'member@example.com' });
    await advance(button, 'Delivery');
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
    await advance(button, 'Review and pay');
    expect(api.calls('/v1/checkout/sessions', 'POST')[0]!.headers.has('nearbuy-member-token')).to.equal(false);
  });

  it('a member token the API refuses at checkout signs the shopper out and says so', async () => {
    const button = await readyButton();
    await openCheckout(button);
    fill(button, 'email', 'member@example.com');
    inDialog<HTMLButtonElement>(button, '.member button')!.click();
    await waitFor(() => inDialog(button, 'input[name="code"]'), 'the code field');
    inDialog<HTMLInputElement>(button, 'input[name="keep-signed-in"]')!.click();
    fill(button, 'code', '123456');
    inDialog<HTMLButtonElement>(button, '.member .row button')!.click();
    await waitFor(() => inDialog(button, '.member.signed-in'), 'signed in');
    // Signed out on another device meanwhile: the API refuses the token.
    api.use(
      http.post(`${API}/v1/checkout/sessions`, async ({ request }) => {
        await api.log(request);
        return request.headers.has('nearbuy-member-token')
          ? HttpResponse.json(errorBody('unauthorized', 'The member sign-in has expired, was signed out or is not valid'), { status: 401 })
          : undefined;
      }),
    );
    await fillDetails(button, { email: 'member@example.com' });
    await advance(button, 'Delivery');
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
    primaryAction(button).click();
    await waitFor(() => notice(button), 'the notice');
    expect(notice(button)).to.equal('Your member sign-in has ended. Sign in again, or continue as a guest.');
    expect(heading(button)).to.equal('Your details');
    expect(inDialog(button, '.member.signed-in'), 'signed out').to.equal(null);
    expect(localStorage.getItem('nearbuy:member:pk_test_nearbuy')).to.equal(null);
    // As a guest the same order goes through.
    await advance(button, 'Delivery');
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
    await advance(button, 'Review and pay');
  });
});
