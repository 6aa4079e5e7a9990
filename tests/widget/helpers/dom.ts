/** Small named helpers so that tests read as behaviour, not as shadow-root spelunking (the checkout's are in checkout.ts). */
import { expect } from 'chai';
import type { NearbuyButton } from '../../../widget/button/button.component.js';
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

/**
 * Every text the promise line shows from now on outside the loading skeleton, in order and without
 * repeats (read at each change of the shadow tree, so nothing that reaches the screen is missed);
 * `stop()` ends the watch.
 */
export function watchPromiseLine(element: WidgetElement): string[] & { stop(): void } {
  const observer = new MutationObserver(() => note());
  const seen = Object.assign([] as string[], { stop: () => observer.disconnect() });
  const note = () => {
    const line = promiseLine(element);
    const state = stateOf(element);
    if (state && state !== 'loading' && seen.at(-1) !== line) seen.push(line);
  };
  observer.observe(element.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
  note();
  return seen;
}

export function expectPromiseToRead(element: WidgetElement, line: string, countdownText?: string): void {
  expect(promiseLine(element)).to.equal(line);
  if (countdownText !== undefined) expect(countdown(element)).to.equal(countdownText);
}

/**
 * Errors that escape into the page during each test of the calling `describe` (the widget must
 * never let one out): uncaught errors and unhandled rejections.
 */
export function collectEscapedErrors(): unknown[] {
  const escaped: unknown[] = [];
  const onError = (event: ErrorEvent) => escaped.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => escaped.push(event.reason);
  beforeEach(() => {
    escaped.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });
  return escaped;
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
