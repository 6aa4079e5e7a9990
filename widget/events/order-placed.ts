import { NearbuyEvent } from './event.js';

import type { Amounts, DeliveryWindow } from '../../contract/public.js';
import type { ServiceId } from '../../contract/primitives.js';

export interface NearbuyOrderPlacedDetail {
  orderId: string;
  items: { sku: string; quantity: number }[];
  /** Amounts as computed by the server. */
  amounts: Amounts;
  service: ServiceId;
  promisedWindow: DeliveryWindow;
}

/** Fired once payment succeeded and the server placed the order. */
export class NearbuyOrderPlacedEvent extends NearbuyEvent<NearbuyOrderPlacedDetail> {
  constructor(detail: NearbuyOrderPlacedDetail) {
    super('nearbuy-order-placed', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nearbuy-order-placed': NearbuyOrderPlacedEvent;
  }
}
