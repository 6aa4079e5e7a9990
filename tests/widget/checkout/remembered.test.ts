/**
 * A returning shopper's contact and address, remembered on this device only when they tick the
 * box (widget/checkout/remembered.ts), never the card; and the autocomplete tokens the browser
 * fills the rest with.
 */
import { expect } from 'chai';
import '../../../widget/nearbuy.js';
import { useWidgetPage } from '../helpers/page.js';
import {
  expectAutocompleteTokens,
  SHOPPER,
  advance,
  dialogOf,
  fill,
  fillDetails,
  heading,
  inDialog,
  openCheckout,
  primaryAction,
  readyButton,
} from '../helpers/checkout.js';
import { part, waitFor } from '../helpers/dom.js';
import type { NearbuyButton } from '../../../widget/button/button.component.js';

const KEY = 'nearbuy:contact';
const CARD = '4242 4242 4242 4242';

function rememberBox(button: NearbuyButton): HTMLInputElement {
  const box = inDialog<HTMLInputElement>(button, 'input[name="remember"]');
  if (!box) throw new Error('Expected the remember box on step one');
  return box;
}

async function placeOrder(button: NearbuyButton): Promise<void> {
  await advance(button, 'Delivery');
  await advance(button, 'Review and pay');
  fill(button, 'card', CARD);
  await advance(button, 'Thank you!');
}

const valueOf = (button: NearbuyButton, name: string) => inDialog<HTMLInputElement>(button, `[name="${name}"]`)!.value;

describe('remembered contact', () => {
  useWidgetPage();

  it('remembers contact and address (never the card) when the shopper agrees, and fills the next checkout', async () => {
    const button = await readyButton();
    await openCheckout(button);
    await fillDetails(button);
    expect(rememberBox(button).checked, 'not without asking').to.equal(false);
    rememberBox(button).click();
    await placeOrder(button);

    const saved = JSON.parse(localStorage.getItem(KEY)!);
    expect(saved).to.deep.equal({ ...SHOPPER, line2: '', country: 'US' });
    expect(localStorage.getItem(KEY)).not.to.contain('4242');

    // Another page view: a new button and dialog, filled in from this device.
    button.remove();
    const next = await readyButton();
    await openCheckout(next);
    for (const [name, value] of Object.entries(SHOPPER)) expect(valueOf(next, name), name).to.equal(value);
    expect(rememberBox(next).checked).to.equal(true);
  });

  it('remembers nothing without the box, and forgets what it had when the box is unticked', async () => {
    const button = await readyButton();
    await openCheckout(button);
    await fillDetails(button);
    await placeOrder(button);
    expect(localStorage.getItem(KEY)).to.equal(null);

    localStorage.setItem(KEY, JSON.stringify({ ...SHOPPER, line2: '', country: 'US' }));
    button.remove();
    const next = await readyButton();
    await openCheckout(next);
    expect(valueOf(next, 'email')).to.equal(SHOPPER.email);
    rememberBox(next).click();
    expect(rememberBox(next).checked).to.equal(false);
    await placeOrder(next);
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  it('keeps the form after an order, and every field carries its autocomplete token', async () => {
    const button = await readyButton();
    await openCheckout(button);
    expectAutocompleteTokens(button);
    await fillDetails(button);
    await placeOrder(button);
    primaryAction(button).click();
    await waitFor(() => !dialogOf(button).open, 'the dialog to close');
    await openCheckout(button);
    for (const [name, value] of Object.entries(SHOPPER)) expect(valueOf(button, name), name).to.equal(value);
  });

  it('starts at step one when Buy is clicked again before the closed dialog has told anyone', async () => {
    const button = await readyButton();
    await openCheckout(button);
    await fillDetails(button);
    await placeOrder(button);
    // The dialog's close event comes a task after close(); a shopper's quick click does not wait
    // for it. Only microtasks run here, so the late event cannot have come yet.
    primaryAction(button).click();
    part(button, 'buy-button')!.click();
    for (let i = 0; i < 50 && !dialogOf(button).open; i++) await Promise.resolve();
    expect(dialogOf(button).open, 'reopened').to.equal(true);
    expect(heading(button)).to.equal('Your details');
    expect(valueOf(button, 'email')).to.equal(SHOPPER.email);
  });
});
