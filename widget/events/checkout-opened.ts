import { NearbuyEvent } from './event.js';

export interface NearbuyCheckoutOpenedDetail {
  sku: string;
  quantity: number;
}

/** Fired when the shopper opens the checkout dialog with Buy. */
export class NearbuyCheckoutOpenedEvent extends NearbuyEvent<NearbuyCheckoutOpenedDetail> {
  constructor(detail: NearbuyCheckoutOpenedDetail) {
    super('nearbuy-checkout-opened', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nearbuy-checkout-opened': NearbuyCheckoutOpenedEvent;
  }
}
