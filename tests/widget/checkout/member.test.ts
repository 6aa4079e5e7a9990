/**
 * Member sign-in in the dialog (widget/checkout/member.ts): a one-time code by email, a wrong
 * code said at its field, and the member token carried by every later call, the button's
 * promise included (through the internal nearbuy-member-signed-in event).
 */
import { expect } from 'chai';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import { advance, dialogOf, fill, fillDetails, focusedInDialog, inDialog, openCheckout, readyButton } from '../helpers/checkout.js';
import { settled, text, waitFor } from '../helpers/dom.js';

describe('member sign-in in the checkout', () => {
  useWidgetPage();

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
    expect(text(inDialog(button, '.member.signed-in'))).to.equal('Signed in as member member@example.com');
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

  it('keeps the member signed in on the next opening, and nothing outside the button hears of it', async () => {
    const heard: Event[] = [];
    const listen = (event: Event) => heard.push(event);
    document.addEventListener('nearbuy-member-signed-in', listen);
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
      document.removeEventListener('nearbuy-member-signed-in', listen);
    }
  });
});
