/**
 * Stripe's Payment Element, loaded only when the shopper reaches payment.
 *
 * `@stripe/stripe-js/pure` loads Stripe.js on first call and reuses an existing
 * `<script src="https://js.stripe.com/…/stripe.js">` (or `window.Stripe`). Its own injection
 * assigns a string to `script.src`, a Trusted Types sink, so the widget injects the tag itself,
 * with a URL from its own narrow policy (`nearbuy-stripe`, which accepts exactly that one URL),
 * and waits for it before calling `loadStripe`. No default policy is ever installed on the
 * merchant's page.
 */
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Appearance, StripeElementLocale, StripePaymentElementOptions } from '@stripe/stripe-js';
import { lazy } from '../internal/lazy.js';

/** The Stripe.js release `@stripe/stripe-js` expects (its RELEASE_TRAIN); a test keeps them in step. */
export const STRIPE_JS_URL = 'https://js.stripe.com/endive/stripe.js';
export const TRUSTED_TYPES_POLICY = 'nearbuy-stripe';

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

let policy: { createScriptURL(url: string): unknown } | null = null;

function trustedScriptUrl(): string {
  const trustedTypes = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!trustedTypes) return STRIPE_JS_URL;
  policy ??= trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, {
    createScriptURL(url) {
      if (url !== STRIPE_JS_URL) throw new TypeError(`Expected ${STRIPE_JS_URL}, got ${url}`);
      return url;
    },
  });
  // A TrustedScriptURL; typed as string because that is what `script.src` is declared to take.
  return policy.createScriptURL(STRIPE_JS_URL) as string;
}

/**
 * Loads Stripe.js once: reuses a tag already on the page, else adds one whose URL comes from the
 * widget's policy, and waits for it. Waiting here rather than in `loadStripe` matters under
 * Trusted Types: after a failed load, stripe-js replaces the tag with one of its own (a plain
 * string `src`, which enforcement blocks), whereas with `window.Stripe` present it never touches
 * the DOM. A failed tag of ours is removed so that the next try starts clean.
 */
export function loadStripeJs(doc: Document = document, timeoutMs = 30_000): Promise<void> {
  if ((globalThis as { Stripe?: unknown }).Stripe) return Promise.resolve();
  let script = doc.querySelector<HTMLScriptElement>('script[src^="https://js.stripe.com/"]');
  if (!script) {
    script = doc.createElement('script');
    script.src = trustedScriptUrl();
    script.dataset.nearbuy = '';
    (doc.head ?? doc.body).append(script);
  }
  const tag = script;
  return new Promise<void>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      if (tag.dataset.nearbuy !== undefined) tag.remove();
      reject(new Error(`Expected Stripe.js from ${STRIPE_JS_URL}, got ${reason}`));
    };
    const timer = setTimeout(() => fail('no answer'), timeoutMs);
    tag.addEventListener(
      'load',
      () => {
        clearTimeout(timer);
        if ((globalThis as { Stripe?: unknown }).Stripe) resolve();
        else fail('a script without window.Stripe');
      },
      { once: true },
    );
    tag.addEventListener('error', () => fail('a network error'), { once: true });
  });
}

/** Stripe.js for this page, loaded once; a failed load is tried again on the next call. */
const stripeJs = lazy(() => loadStripeJs(document));

export interface StripePayment {
  /** Confirms the PaymentIntent; resolves with a shopper-facing message when it failed. */
  confirm(returnUrl: string): Promise<{ ok: true } | { ok: false; message: string; declined: boolean }>;
  destroy(): void;
}

/** Who pays, from the details step: Link looks the email up, wallets and cards start filled in. */
export interface Billing {
  email: string;
  name: string;
  address: { line1: string; line2: string; city: string; state: string; postal_code: string; country: string };
}

/**
 * The Payment Element's options: Apple Pay, Google Pay and Link offered wherever Stripe can show
 * them ('auto': the browser and the shopper's device decide; which methods exist at all is the
 * PaymentIntent's `automatic_payment_methods`, i.e. the merchant's Stripe Dashboard), and the
 * shopper's details passed in so that Link recognises a returning customer by email without a
 * second email field.
 */
export function paymentElementOptions(billing: Billing): StripePaymentElementOptions {
  return {
    layout: 'auto',
    wallets: { applePay: 'auto', googlePay: 'auto', link: 'auto' },
    defaultValues: { billingDetails: billing },
  };
}

/** Mounts the Payment Element into `container`, which must be in the light DOM (not a shadow root). */
export async function mountPaymentElement(options: {
  publishableKey: string;
  clientSecret: string;
  container: HTMLElement;
  locale: string;
  appearance: Appearance;
  billing: Billing;
}): Promise<StripePayment> {
  await stripeJs();
  const stripe = await loadStripe(options.publishableKey, { locale: options.locale as StripeElementLocale });
  if (!stripe) throw new Error('Expected Stripe.js to load in a browser, got nothing');
  const elements = stripe.elements({ clientSecret: options.clientSecret, appearance: options.appearance });
  const element = elements.create('payment', paymentElementOptions(options.billing));
  element.mount(options.container);
  return {
    async confirm(returnUrl) {
      const { error } = await stripe.confirmPayment({ elements, redirect: 'if_required', confirmParams: { return_url: returnUrl } });
      if (!error) return { ok: true };
      return { ok: false, message: error.message ?? '', declined: error.type === 'card_error' };
    },
    destroy() {
      element.destroy();
    },
  };
}
