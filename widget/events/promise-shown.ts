import { NearbuyEvent } from './event.js';

import type { DeliveryOption } from '../../contract/public.js';

export interface NearbuyPromiseShownDetail {
  sku: string;
  quantity: number;
  postalCode: string;
  /** The best option shown, or null when nothing can be delivered there. */
  option: DeliveryOption | null;
  /** How many options (services) the shopper can choose from. */
  optionCount: number;
}

/** Fired each time a freshly fetched promise is shown (first load, variant switch, new postal code, refresh). */
export class NearbuyPromiseShownEvent extends NearbuyEvent<NearbuyPromiseShownDetail> {
  constructor(detail: NearbuyPromiseShownDetail) {
    super('nearbuy-promise-shown', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nearbuy-promise-shown': NearbuyPromiseShownEvent;
  }
}
