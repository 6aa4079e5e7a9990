import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckoutSession } from '../../contract/public.js';
import { NearbuyApiError, type ApiConfig } from '../internal/api.js';
import { lazy } from '../internal/lazy.js';
import { confirmTestPayment, getCheckoutSession } from './api.js';
import { normalizedEmail, type CheckoutForm } from './form.js';
import type { Billing, StripePayment } from './stripe.js';

/** Stripe's loader is its own chunk, fetched when a Stripe session reaches the payment step. */
const loadStripeModule = lazy(() => import('./stripe.js'));

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How a payment ended: the placed order's session, or Stripe's own words for what went wrong. */
export type PaymentResult =
  { ok: true; session: CheckoutSession } | { ok: false; code: 'payment_declined' | 'payment_failed'; message: string };

/** The details step's contact and address, as Stripe's billing details (Link finds the shopper by email). */
export function billingOf(form: CheckoutForm): Billing {
  return {
    email: normalizedEmail(form),
    name: form.name.trim(),
    address: {
      line1: form.line1.trim(),
      line2: form.line2.trim(),
      city: form.city.trim(),
      state: form.region.trim(),
      postal_code: form.postalCode.trim().toUpperCase(),
      country: form.country.trim().toUpperCase(),
    },
  };
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * The payment step's two providers: the offline test provider (a card number posted to the
 * server) and Stripe's Payment Element (mounted, confirmed, destroyed; the order then placed by
 * Stripe's webhook on the server, which this waits for). Stripe cannot mount inside a shadow
 * root, so the element goes into a light-DOM child of the dialog, slotted as `payment`.
 */
export class PaymentController implements ReactiveController {
  /** The mounted Payment Element, once it is there (Place order waits for it). */
  stripe: StripePayment | null = null;
  #container: HTMLDivElement | null = null;
  /** Bumped by every mount and destroy, so that a mount that finishes late knows it is stale. */
  #generation = 0;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.destroy();
  }

  /**
   * Mounts Stripe's Payment Element for a Stripe session; rejects when Stripe.js cannot be
   * loaded (offline, blocked). A mount overtaken by `destroy()` (the shopper went back) is undone.
   */
  async mount(session: CheckoutSession, locale: string, theme: 'light' | 'dark' | 'auto', billing: Billing): Promise<void> {
    if (session.payment.provider !== 'stripe') return;
    this.destroy();
    const generation = this.#generation;
    const host = this.host;
    if (!this.#container) {
      this.#container = document.createElement('div');
      this.#container.slot = 'payment';
      this.#container.className = 'nearbuy-payment';
    }
    host.append(this.#container);
    // Stripe's iframe cannot see the dialog's CSS variables: hand it resolved colours and the font.
    const dark = theme === 'dark' || (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
    const fontFamily = getComputedStyle(host).fontFamily;
    await host.updateComplete;
    const action = host.renderRoot.querySelector<HTMLElement>('[part="primary-action"]');
    const colorPrimary = action ? getComputedStyle(action).backgroundColor : undefined;
    const { mountPaymentElement } = await loadStripeModule();
    const payment = await mountPaymentElement({
      publishableKey: session.payment.stripePublishableKey,
      clientSecret: session.payment.clientSecret,
      container: this.#container,
      locale,
      appearance: { theme: dark ? 'night' : 'stripe', variables: { ...(colorPrimary ? { colorPrimary } : {}), fontFamily } },
      billing,
    });
    if (generation !== this.#generation) {
      payment.destroy();
      return;
    }
    this.stripe = payment;
    this.host.requestUpdate();
  }

  /**
   * Pays for the session: with the test provider, posts the card number (a decline is thrown as
   * the API's `payment_declined`); with Stripe, confirms the Payment Element and waits for the
   * webhook to place the order.
   */
  async pay(api: ApiConfig, session: CheckoutSession, cardNumber: string): Promise<PaymentResult> {
    if (session.payment.provider === 'test') {
      return { ok: true, session: await confirmTestPayment(api, session.id, { cardNumber }) };
    }
    if (!this.stripe) throw new NearbuyApiError('payment_unavailable', 'Stripe is not ready', 0);
    const result = await this.stripe.confirm(globalThis.location?.href ?? '');
    if (!result.ok) return { ok: false, code: result.declined ? 'payment_declined' : 'payment_failed', message: result.message };
    return { ok: true, session: await this.#waitForOrder(api, session.id) };
  }

  /** Removes the Payment Element (going back, done, closed for good). */
  destroy(): void {
    this.#generation += 1;
    this.stripe?.destroy();
    this.stripe = null;
    this.#container?.remove();
  }

  /** With Stripe the order is placed by the webhook; polls the session briefly until it has one. */
  async #waitForOrder(api: ApiConfig, id: string): Promise<CheckoutSession> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const session = await getCheckoutSession(api, id);
      if (session.order) return session;
      await wait(Math.min(500 * (attempt + 1), 2000));
    }
    throw new NearbuyApiError('internal', 'The payment went through but the order is not placed yet', 0);
  }
}
