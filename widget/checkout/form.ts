/**
 * The checkout form as data: the fields the shopper types, the rules they must meet before
 * anything is sent, and the session request they become. No DOM here (the fields are rendered
 * by `form-fields.ts`); the server checks everything again, this only saves a round trip.
 */
import type { CreateCheckoutSessionBody, DeliveryOption, ServedRegions } from '../../contract/public.js';
import type { ServiceId } from '../../contract/primitives.js';
import { isPostalCode } from '../internal/storage.js';
import type { CheckoutMessages } from './locales/messages.js';

/** What the shopper typed; kept across close and reopen. */
export interface CheckoutForm {
  quantity: string;
  email: string;
  /** The member sign-in code. */
  code: string;
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  /** The test provider's card number (Stripe's card fields are Stripe's own). */
  card: string;
}
export type FieldName = keyof CheckoutForm;
export type FieldErrors = Partial<Record<FieldName, string>>;

export const EMPTY_FORM: Readonly<CheckoutForm> = {
  quantity: '1',
  email: '',
  code: '',
  name: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: 'US',
  card: '',
};

type Messages = Pick<CheckoutMessages, 'required' | 'invalidEmail' | 'invalidPostalCode' | 'invalidCode' | 'postalCodeNotInRegion'>;

type ServedRegion = ServedRegions['countries'][number]['regions'][number];

/** The state the form names, among those served: by code or by name, in any case. */
export function regionOf(form: CheckoutForm, regions: ServedRegions | null): ServedRegion | undefined {
  const wanted = form.region.trim().toUpperCase();
  const country = regions?.countries.find((c) => c.code === form.country.trim().toUpperCase());
  return country?.regions.find((r) => r.code === wanted || r.name.toUpperCase() === wanted);
}

/**
 * The postal code checked against the chosen state, from the first three digits the server's
 * postal table lists for it: said as soon as three digits are typed. Null when it fits, or when
 * there is nothing to check against (no state chosen, or the places served did not load).
 */
export function postalCodeRegionError(form: CheckoutForm, regions: ServedRegions | null, m: Messages): string | null {
  const region = regionOf(form, regions);
  const prefix = form.postalCode.trim().slice(0, 3);
  if (!region || region.postalPrefixes.length === 0 || !/^\d{3}$/.test(prefix)) return null;
  return region.postalPrefixes.includes(prefix) ? null : m.postalCodeNotInRegion(region.name);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The email as it is sent: trimmed, lower case. */
export const normalizedEmail = (form: CheckoutForm): string => form.email.trim().toLowerCase();

/** What is wrong with the email, or null. */
export function emailError(form: CheckoutForm, m: Messages): string | null {
  const email = form.email.trim();
  if (EMAIL.test(email)) return null;
  return email ? m.invalidEmail : m.required;
}

/** What is wrong with the member sign-in code (six digits), or null. */
export function codeError(form: CheckoutForm, m: Messages): string | null {
  return /^\d{6}$/.test(form.code.trim()) ? null : m.invalidCode;
}

/** What is wrong with the test card number, or null. */
export function cardError(form: CheckoutForm, m: Messages): string | null {
  return /^[0-9 ]{12,23}$/.test(form.card.trim()) ? null : m.required;
}

/** Everything wrong with the details step, in the order the fields appear (empty when none). */
export function validateDetails(form: CheckoutForm, m: Messages, regions: ServedRegions | null = null): FieldErrors {
  const errors: FieldErrors = {};
  const quantity = Number(form.quantity);
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99) errors.quantity = '1–99';
  const email = emailError(form, m);
  if (email) errors.email = email;
  for (const name of ['name', 'line1', 'city', 'region'] as const) if (!form[name].trim()) errors[name] = m.required;
  if (!isPostalCode(form.postalCode)) errors.postalCode = form.postalCode.trim() ? m.invalidPostalCode : m.required;
  else {
    const outside = postalCodeRegionError(form, regions, m);
    if (outside) errors.postalCode = outside;
  }
  if (!/^[A-Za-z]{2}$/.test(form.country.trim())) errors.country = 'US, FR, JP…';
  return errors;
}

/**
 * The body of `POST /v1/checkout/sessions`: items, email, address and the chosen service. Never a
 * price: the server computes every amount. `chosen` is the option the shopper saw for `service`;
 * its window is sent so that a later one by now comes back as `promise_changed`.
 */
export function sessionBody(
  form: CheckoutForm,
  sku: string,
  service: ServiceId,
  chosen: DeliveryOption | undefined,
): CreateCheckoutSessionBody {
  const line2 = form.line2.trim();
  return {
    items: [{ sku, quantity: Number(form.quantity) }],
    email: normalizedEmail(form),
    address: {
      name: form.name.trim(),
      line1: form.line1.trim(),
      ...(line2 ? { line2 } : {}),
      city: form.city.trim(),
      region: form.region.trim(),
      postalCode: form.postalCode.trim().toUpperCase(),
      country: form.country.trim().toUpperCase(),
    },
    service,
    ...(chosen ? { expectedWindow: chosen.window } : {}),
  };
}

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The `Idempotency-Key` of session requests: a fresh key per attempt, and the same key when the
 * shopper retries the very same attempt (after a network error, say), so that the server answers
 * it once. An answer that ends the attempt makes the next request a new one.
 */
export class SessionAttempts {
  #last: { body: string; key: string } | null = null;

  keyFor(body: CreateCheckoutSessionBody): string {
    const json = JSON.stringify(body);
    if (this.#last?.body !== json) this.#last = { body: json, key: newIdempotencyKey() };
    return this.#last.key;
  }

  /** The attempt is over (refused, expired, paid, or the shopper signed in): the next request is a new one. */
  forget(): void {
    this.#last = null;
  }

  /** After a failed request: a refusal for good ends the attempt; "too many" or "still in flight" do not, nor does the network. */
  failed(error: { status: number; code: string }): void {
    const refused = error.status >= 400 && error.status < 500;
    if (refused && error.code !== 'rate_limited' && error.code !== 'idempotency_key_in_flight') this.forget();
  }
}
