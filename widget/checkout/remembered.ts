/**
 * The shopper's contact and delivery address, remembered on this device when they tick the box
 * (step one), so that the next checkout on this site starts filled in. Saved in `localStorage`
 * after an order is placed, removed when it is placed with the box unticked. Never the card, the
 * quantity or a sign-in code. Storage can be missing or blocked: a failure only means "not
 * remembered".
 */
import type { CheckoutForm } from './form.js';

export const CONTACT_KEY = 'nearbuy:contact';
const FIELDS = ['email', 'name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;
export type RememberedContact = Pick<CheckoutForm, (typeof FIELDS)[number]>;

/** What this device remembers, or null (nothing saved, or not what this module writes). */
export function readContact(): RememberedContact | null {
  try {
    const saved: unknown = JSON.parse(globalThis.localStorage?.getItem(CONTACT_KEY) ?? 'null');
    if (!saved || typeof saved !== 'object') return null;
    const contact = {} as RememberedContact;
    for (const field of FIELDS) {
      const value = (saved as Record<string, unknown>)[field];
      if (typeof value !== 'string' || value.length > 200) return null;
      contact[field] = value;
    }
    return contact;
  } catch {
    return null;
  }
}

/** Remembers the contact and address when the shopper agreed, forgets them when not. */
export function rememberContact(form: CheckoutForm, agreed: boolean): void {
  try {
    if (!agreed) return void globalThis.localStorage?.removeItem(CONTACT_KEY);
    const contact = Object.fromEntries(FIELDS.map((field) => [field, form[field]]));
    globalThis.localStorage?.setItem(CONTACT_KEY, JSON.stringify(contact));
  } catch {
    // Not remembered; the order is placed all the same.
  }
}
