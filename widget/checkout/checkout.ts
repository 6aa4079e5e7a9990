import { defineElement } from '../internal/define.js';
import type { NearbuyButton } from '../button/button.component.js';
import { NearbuyCheckout } from './checkout.component.js';

export { NearbuyCheckout };
defineElement('nearbuy-checkout', NearbuyCheckout);

/**
 * Opens the checkout for a `<nearbuy-button>`: one `<nearbuy-checkout>` per button, a light-DOM
 * child slotted into the button's shadow root (so the page's tokens on the button reach it, and
 * its own light-DOM child can hold Stripe's Payment Element). Reused, with what was typed, on
 * every opening.
 */
export function openCheckout(owner: NearbuyButton): void {
  let checkout = owner.querySelector<NearbuyCheckout>(':scope > nearbuy-checkout');
  if (!(checkout instanceof NearbuyCheckout)) {
    checkout = new NearbuyCheckout();
    checkout.slot = 'checkout';
    owner.append(checkout);
  }
  checkout.owner = owner;
  void checkout.open();
}
