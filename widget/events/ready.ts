import { NearbuyEvent } from './event.js';

export interface NearbuyReadyDetail {
  /** The SKU the element showed first. */
  sku: string;
  /** What the shopper saw first: `available`, `unavailable`, `needs-postal-code` or `error`. */
  state: NearbuyPromiseState;
}

export type NearbuyPromiseState = 'available' | 'unavailable' | 'needs-postal-code' | 'error';

/** Fired once per element, when its first promise (or quiet error) is on screen. */
export class NearbuyReadyEvent extends NearbuyEvent<NearbuyReadyDetail> {
  constructor(detail: NearbuyReadyDetail) {
    super('nearbuy-ready', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nearbuy-ready': NearbuyReadyEvent;
  }
}
