/**
 * The shopper's postal code, remembered for the site. Storage can be missing, full or blocked
 * (private windows, cookie-consent tools, sandboxed iframes): every access is guarded and a
 * failure only means "not remembered".
 */
const KEY = 'nearbuy:postal-code';

export function readPostalCode(): string | null {
  try {
    const value = globalThis.localStorage?.getItem(KEY);
    return value && isPostalCode(value) ? value : null;
  } catch {
    return null;
  }
}

export function writePostalCode(value: string): void {
  try {
    globalThis.localStorage?.setItem(KEY, value);
  } catch {
    // Not remembered; the widget still uses the value for this page.
  }
}

/** Same rule as the API's postal code (`contract/public.ts`): 3–10 letters, digits, spaces or dashes. */
export function isPostalCode(value: string): boolean {
  return /^[A-Za-z0-9 -]{3,10}$/.test(value.trim());
}
