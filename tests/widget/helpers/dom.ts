/** Small named helpers so that tests read as behaviour, not as shadow-root spelunking. */
import { expect } from 'chai';
import type { NearbuyButton } from '../../../widget/button/button.component.js';
import type { NearbuyCheckout } from '../../../widget/checkout/checkout.component.js';
import type { NearbuyPromise } from '../../../widget/promise/promise.component.js';
import { API, PK } from './fixtures.js';

const mounted: HTMLElement[] = [];

/** Adds an element with attributes (defaults: the test API and key) to the page. */
export function mount<K extends 'nearbuy-button' | 'nearbuy-promise'>(
  tag: K,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries({ 'api-base': API, 'publishable-key': PK, ...attributes })) element.setAttribute(name, value);
  document.body.append(element);
  mounted.push(element);
  return element;
}

export function unmountAll(): void {
  for (const element of mounted.splice(0)) element.remove();
  localStorage.clear();
}

export async function waitFor<T>(condition: () => T | null | undefined | false, what = 'condition', timeout = 5000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = condition();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type WidgetElement = NearbuyButton | NearbuyPromise;

export function part(element: Element, name: string): HTMLElement | null {
  return element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
}

export function stateOf(element: WidgetElement): string | null {
  return part(element, 'promise')?.dataset.state ?? null;
}

/** Waits until the element shows something other than the loading skeleton. */
export async function settled(element: WidgetElement, state?: string): Promise<void> {
  await waitFor(
    () => {
      const current = stateOf(element);
      return state ? current === state : current !== null && current !== 'loading';
    },
    `state ${state ?? '≠ loading'} (is ${stateOf(element)})`,
  );
  await element.updateComplete;
}

export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
export const promiseLine = (element: WidgetElement) => text(part(element, 'promise-line'));
export const countdown = (element: WidgetElement) => text(part(element, 'countdown'));

export function expectPromiseToRead(element: WidgetElement, line: string, countdownText?: string): void {
  expect(promiseLine(element)).to.equal(line);
  if (countdownText !== undefined) expect(countdown(element)).to.equal(countdownText);
}

// ——— the checkout dialog ———

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
  const input = inDialog<HTMLInputElement>(button, `input[name="${name}"]`);
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

// ——— axe ———

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[];
}
declare global {
  interface Window {
    axe?: { run(context: Element | Document, options?: object): Promise<AxeResult> };
  }
}

let axeLoaded: Promise<void> | null = null;
function loadAxe(): Promise<void> {
  axeLoaded ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('axe-core did not load'));
    document.head.append(script);
  });
  return axeLoaded;
}

/** Runs axe on an element (shadow roots included) and fails with a readable list of violations. */
export async function expectAccessible(context: Element | Document): Promise<void> {
  await loadAxe();
  const result = await window.axe!.run(context, { resultTypes: ['violations'] });
  const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect(violations, violations.join('\n')).to.deep.equal([]);
}
