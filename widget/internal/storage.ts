/**
 * The shopper's postal code, remembered for the site. Storage can be missing, full or blocked
 * (private windows, cookie-consent tools, sandboxed iframes): every access is guarded and a
 * failure only means "not remembered". Saving is in the on-demand chunk (`button/more.ts`), with
 * the form that saves.
 */
export const POSTAL_CODE_KEY = 'nearbuy:postal-code';

export function readPostalCode(): string | null {
  try {
    const value = globalThis.localStorage?.getItem(POSTAL_CODE_KEY);
    return value && isPostalCode(value) ? value : null;
  } catch {
    return null;
  }
}

/** Postal codes the shopper saves, announced to every widget element on the page (`detail`: the code). */
export const postalCodeChannel = new EventTarget();

/** Same rule as the API's postal code (`contract/public.ts`): 3–10 letters, digits, spaces or dashes. */
export function isPostalCode(value: string): boolean {
  return /^[A-Za-z0-9 -]{3,10}$/.test(value.trim());
}
