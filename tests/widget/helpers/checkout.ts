/** Helpers for the checkout dialog: reaching its parts, typing like a shopper, moving through the steps. */
import { expect } from 'chai';
import type { NearbuyButton } from '../../../widget/button/button.component.js';
import type { NearbuyCheckout } from '../../../widget/checkout/checkout.component.js';
import { mount, part, settled, text, waitFor } from './dom.js';

/** A `<nearbuy-button>` for the test SKU near 85226, showing its promise. */
export async function readyButton(attributes: Record<string, string> = {}): Promise<NearbuyButton> {
  const button = mount('nearbuy-button', { sku: 'TEE-RED-M', 'postal-code': '85226', ...attributes });
  await settled(button, 'available');
  return button;
}

export function checkoutOf(button: NearbuyButton): NearbuyCheckout {
  const checkout = button.querySelector('nearbuy-checkout');
  if (!checkout) throw new Error('Expected the button to have opened a checkout');
  return checkout;
}

export function dialogOf(button: NearbuyButton): HTMLDialogElement {
  const dialog = checkoutOf(button).shadowRoot?.querySelector('dialog');
  if (!dialog) throw new Error('Expected a <dialog> in the checkout');
  return dialog;
}

export function inDialog<T extends Element = HTMLElement>(button: NearbuyButton, selector: string): T | null {
  return checkoutOf(button).shadowRoot?.querySelector<T>(selector) ?? null;
}

/** Types into a checkout field the way a shopper does (input events, one per value). */
export function fill(button: NearbuyButton, name: string, value: string): void {
  // An input, or once the places served have loaded, the country and state selects.
  const input = inDialog<HTMLInputElement | HTMLSelectElement>(button, `[name="${name}"]`);
  if (!input) throw new Error(`No field ${name}`);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

export function heading(button: NearbuyButton): string {
  return text(inDialog(button, 'form h3, .step h3'));
}

export function notice(button: NearbuyButton): string {
  return text(inDialog(button, '[part="notice"]'));
}

export function primaryAction(button: NearbuyButton): HTMLButtonElement {
  const action = inDialog<HTMLButtonElement>(button, '[part="primary-action"]');
  if (!action) throw new Error('No primary action');
  return action;
}

export async function openCheckout(button: NearbuyButton): Promise<NearbuyCheckout> {
  part(button, 'buy-button')!.click();
  const checkout = await waitFor(() => button.querySelector('nearbuy-checkout'), 'the checkout element');
  await waitFor(() => checkout.shadowRoot?.querySelector('dialog')?.open, 'the dialog to open');
  return checkout;
}

export const SHOPPER = {
  email: 'ana@example.com',
  name: 'Ana Shopper',
  line1: '1 Main St',
  city: 'Chandler',
  region: 'AZ',
  postalCode: '85226',
};

export async function fillDetails(button: NearbuyButton, values: Partial<typeof SHOPPER> = {}): Promise<void> {
  for (const [name, value] of Object.entries({ ...SHOPPER, ...values })) fill(button, name, value);
  await checkoutOf(button).updateComplete;
}

/** Clicks the step's primary action and waits for the next step's heading. */
export async function advance(button: NearbuyButton, expectedHeading: string): Promise<void> {
  primaryAction(button).click();
  try {
    await waitFor(() => heading(button) === expectedHeading, `step "${expectedHeading}"`);
  } catch {
    throw new Error(`Expected step "${expectedHeading}", still at "${heading(button)}" with notice "${notice(button)}"`);
  }
  await checkoutOf(button).updateComplete;
}

/** Waits until focus is back on the Buy button of `button`. */
export async function focusReturnsToBuy(button: NearbuyButton): Promise<void> {
  await waitFor(() => button.shadowRoot!.activeElement === part(button, 'buy-button'), 'focus back on Buy');
}

/** Opens the dialog, fills the details and reaches the delivery step. */
export async function toDelivery(button: NearbuyButton): Promise<void> {
  await openCheckout(button);
  await fillDetails(button);
  await advance(button, 'Delivery');
  await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
}

export async function toPayment(button: NearbuyButton): Promise<void> {
  await toDelivery(button);
  await advance(button, 'Review and pay');
}

export const checkedService = (button: NearbuyButton) => inDialog<HTMLInputElement>(button, 'input[name="service"]:checked')?.value;
export const serviceOptions = (button: NearbuyButton) =>
  [...checkoutOf(button).shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="service"]')].map((input) => input.value);
export const focusedInDialog = (button: NearbuyButton) => checkoutOf(button).shadowRoot!.activeElement as HTMLElement | null;

/**
 * Every field of step one (the boxes aside) and its `autocomplete` token, the one the browser fills
 * a returning shopper's contact and shipping address with; the quantity is not the browser's to fill.
 */
export function expectAutocompleteTokens(button: NearbuyButton): void {
  const fields = checkoutOf(button).shadowRoot!.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
    'form.step input:not([type="checkbox"]), form.step select',
  );
  expect(Object.fromEntries([...fields].map((field) => [field.name, field.getAttribute('autocomplete')]))).to.deep.equal({
    quantity: 'off',
    email: 'email',
    name: 'shipping name',
    line1: 'shipping address-line1',
    line2: 'shipping address-line2',
    city: 'shipping address-level2',
    region: 'shipping address-level1',
    postalCode: 'shipping postal-code',
    country: 'shipping country',
  });
}
