import { defineElement } from '../internal/define.js';
import { NearbuyCheckoutOpenedEvent } from '../events/checkout-opened.js';
import type { CheckoutContext } from './context.js';
import { NearbuyCheckout } from './checkout.component.js';

export { NearbuyCheckout };
defineElement('nearbuy-checkout', NearbuyCheckout);

/**
 * Opens the checkout for a `<nearbuy-button>` (`context.host`): one `<nearbuy-checkout>` per
 * button, a light-DOM child slotted into the button's shadow root (so the page's tokens on the
 * button reach it, and its own light-DOM child can hold Stripe's Payment Element). Reused, with
 * what was typed, on every opening. Fires `nearbuy-checkout-opened` on the button.
 */
export function openCheckout(context: CheckoutContext): void {
  const { host } = context;
  let checkout = host.querySelector<NearbuyCheckout>(':scope > nearbuy-checkout');
  if (!(checkout instanceof NearbuyCheckout)) {
    checkout = new NearbuyCheckout();
    checkout.slot = 'checkout';
    host.append(checkout);
  }
  void checkout.open(context);
  host.dispatchEvent(new NearbuyCheckoutOpenedEvent({ sku: context.sku, quantity: context.quantity }));
}
