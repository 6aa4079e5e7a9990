/**
 * The dialog shell (widget/checkout/checkout.component.ts): loading on intent and opening from
 * Buy, what it keeps between openings, Escape, keyboard-only use with focus kept inside, layout
 * on desktops and phones, and following the button's locale, theme and tokens.
 */
import { expect } from 'chai';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import {
  expectAutocompleteTokens,
  SHOPPER,
  checkedService,
  checkoutOf,
  dialogOf,
  fill,
  focusReturnsToBuy,
  focusedInDialog,
  heading,
  inDialog,
  openCheckout,
  readyButton,
} from '../helpers/checkout.js';
import { expectAccessible, part, text, waitFor } from '../helpers/dom.js';

describe('the checkout dialog', () => {
  useWidgetPage();
  afterEach(() => setViewport({ width: 1280, height: 800 }));

  it('shows on step one what is bought, and fills a shipping address with the right autocomplete tokens', async () => {
    const button = await readyButton();
    await openCheckout(button);
    expect(text(inDialog(button, '[part="item"]'))).to.equal('T-shirt TEE-RED-M · $25.00');
    expectAutocompleteTokens(button);
    await expectAccessible(checkoutOf(button));
  });

  it('loads its chunk on intent and opens from Buy, firing nearbuy-checkout-opened', async () => {
    const button = await readyButton({ quantity: '2' });
    expect(button.querySelector('nearbuy-checkout') === null, 'nothing before intent').to.equal(true);
    const opened: CustomEvent[] = [];
    button.addEventListener('nearbuy-checkout-opened', (event) => opened.push(event));
    part(button, 'buy-button')!.dispatchEvent(new PointerEvent('pointerenter'));
    await waitFor(() => customElements.get('nearbuy-checkout'), 'the checkout chunk to load on hover');
    await openCheckout(button);
    expect(opened).to.have.length(1);
    expect(opened[0]!.detail).to.deep.equal({ sku: 'TEE-RED-M', quantity: 2 });
    expect(opened[0]!.bubbles && opened[0]!.composed).to.equal(true);
    expect(inDialog<HTMLInputElement>(button, 'input[name="quantity"]')!.value).to.equal('2');
    expect(inDialog<HTMLInputElement>(button, 'input[name="postalCode"]')!.value).to.equal('85226');
    expect(focusedInDialog(button)?.getAttribute('name'), 'focus starts in the dialog').to.equal('quantity');
    await expectAccessible(checkoutOf(button));
  });

  it('keeps what was typed when closed and reopened', async () => {
    const button = await readyButton();
    await openCheckout(button);
    fill(button, 'email', SHOPPER.email);
    fill(button, 'name', SHOPPER.name);
    inDialog<HTMLButtonElement>(button, '.close')!.click();
    await waitFor(() => !dialogOf(button).open, 'closed');
    await focusReturnsToBuy(button);
    await openCheckout(button);
    expect(inDialog<HTMLInputElement>(button, 'input[name="email"]')!.value).to.equal(SHOPPER.email);
    expect(inDialog<HTMLInputElement>(button, 'input[name="name"]')!.value).to.equal(SHOPPER.name);
    expect(button.querySelectorAll('nearbuy-checkout')).to.have.length(1);
  });

  it('Escape closes the dialog and focus returns to Buy', async () => {
    const button = await readyButton();
    await openCheckout(button);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialogOf(button).open, 'closed');
    await focusReturnsToBuy(button);
  });

  it('can be completed with the keyboard alone, focus never leaving the dialog', async () => {
    const button = await readyButton();
    const buy = part(button, 'buy-button') as HTMLButtonElement;
    buy.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => button.querySelector('nearbuy-checkout') && dialogOf(button).open, 'the dialog');
    await waitFor(() => focusedInDialog(button)?.getAttribute('name') === 'quantity', 'focus on quantity');
    const typeInto = async (name: string, value: string) => {
      for (let i = 0; i < 20 && focusedInDialog(button)?.getAttribute('name') !== name; i++) await sendKeys({ press: 'Tab' });
      expect(focusedInDialog(button)?.getAttribute('name')).to.equal(name);
      await sendKeys({ type: value });
    };
    await typeInto('email', SHOPPER.email);
    await typeInto('name', SHOPPER.name);
    await typeInto('line1', SHOPPER.line1);
    await typeInto('city', SHOPPER.city);
    // The state is a select of the places served: typing its name picks it.
    await waitFor(() => inDialog(button, 'select[name="region"]'), 'the state select');
    await typeInto('region', 'Arizona');
    expect(inDialog<HTMLSelectElement>(button, 'select[name="region"]')!.value).to.equal('AZ');
    // Tab through the whole dialog: focus stays inside it.
    for (let i = 0; i < 20; i++) {
      await sendKeys({ press: 'Tab' });
      const active = document.activeElement;
      expect(
        active === checkoutOf(button) || active === document.body || checkoutOf(button).contains(active),
        `focus left the dialog: ${active?.tagName}`,
      ).to.equal(true);
      if (active === checkoutOf(button)) expect(focusedInDialog(button) !== null).to.equal(true);
    }
    inDialog<HTMLInputElement>(button, 'input[name="city"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(button) === 'Delivery' && inDialog(button, 'input[name="service"]'), 'the delivery step');
    await waitFor(() => focusedInDialog(button)?.getAttribute('name') === 'service', 'focus on the chosen option');
    await sendKeys({ press: 'ArrowDown' });
    expect(checkedService(button)).to.equal('next_day');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(button) === 'Review and pay', 'the payment step');
    await waitFor(() => focusedInDialog(button)?.getAttribute('name') === 'card', 'focus on the card');
    await sendKeys({ type: '4242424242424242' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(button) === 'Thank you!', 'the confirmation');
    await waitFor(() => focusedInDialog(button)?.getAttribute('part') === 'primary-action', 'focus on Done');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !dialogOf(button).open, 'closed');
    await focusReturnsToBuy(button);
    expect((api.calls('/v1/checkout/sessions', 'POST')[0]!.body as { service: string }).service).to.equal('next_day');
  });

  it('is a centred dialog on desktops and a bottom sheet on phones', async () => {
    await setViewport({ width: 1280, height: 800 });
    const button = await readyButton();
    await openCheckout(button);
    let rect = dialogOf(button).getBoundingClientRect();
    expect(rect.left + rect.width / 2).to.be.closeTo(640, 2);
    expect(rect.top + rect.height / 2).to.be.closeTo(400, 2);
    await setViewport({ width: 375, height: 700 });
    await waitFor(() => dialogOf(button).getBoundingClientRect().width === 375, 'full width');
    rect = dialogOf(button).getBoundingClientRect();
    expect(rect.left).to.equal(0);
    expect(rect.bottom).to.be.closeTo(700, 1);
  });

  it('follows the button: Arabic right to left, dark theme, the button’s tokens', async () => {
    const button = await readyButton({ locale: 'ar', theme: 'dark' });
    button.style.setProperty('--nearbuy-dialog-background', 'rgb(10, 20, 30)');
    await openCheckout(button);
    const panel = inDialog(button, '.panel')!;
    expect(getComputedStyle(panel).direction).to.equal('rtl');
    expect(heading(button)).to.equal('بياناتك');
    expect(getComputedStyle(dialogOf(button)).backgroundColor).to.equal('rgb(10, 20, 30)');
    button.style.removeProperty('--nearbuy-dialog-background');
    await expectAccessible(checkoutOf(button));
  });
});
