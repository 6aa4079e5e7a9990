/* global fetch, document, Node */
// Small helpers the storefront's pages share. No string-to-HTML sinks anywhere: the pages run
// with Trusted Types enforced, so the DOM is built with createElement and textContent.

export const PUBLISHABLE_KEY = 'pk_demo_nearbuy_storefront';

/** Calls the demo server; throws an Error with the API's message when the answer is not 2xx. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new Error(data?.error?.message ?? `${method} ${path} answered ${response.status}`);
  return data;
}

/** `el('td', { class: 'num' }, '3')`: an element with attributes and text or child nodes. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/**
 * "$19.99", "¥1,999": an amount in integer minor units, with the currency's own fraction digits
 * (2 for USD, 0 for JPY, 3 for KWD). The rule of `contract/money.ts`, which these plain modules
 * cannot import; tests/widget/demo-site/lib.test.ts keeps the two equal.
 */
export function money({ amount, currency }) {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/**
 * A delivery window as the shopper reads it where it is delivered: the ISO strings carry the
 * destination's offset, so their wall-clock part is formatted as is.
 */
export function wallClockWindow({ start, end }) {
  const wall = (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5])) : new Date(iso);
  };
  const day = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  const s = wall(start);
  const e = wall(end);
  const sameDay = day.format(s) === day.format(e);
  return sameDay
    ? `${day.format(s)}, ${time.format(s)} – ${time.format(e)}`
    : `${day.format(s)} ${time.format(s)} – ${day.format(e)} ${time.format(e)}`;
}

export const SERVICE_NAMES = {
  same_day: 'Same-day',
  local_courier: 'Local courier',
  next_day: 'Next-day',
  two_day: 'Two-day',
  standard: 'Standard',
};

export const STATUS_NAMES = {
  placed: 'Placed',
  ready: 'Ready',
  picked_up: 'Picked up',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  delivery_failed: 'Delivery failed',
  cancelled: 'Cancelled',
};
