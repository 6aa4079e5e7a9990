import { NearbuyEvent } from './event.js';

export interface NearbuyErrorDetail {
  /** The API's stable error code (`out_of_stock`, `payment_declined`, …), or `network`. */
  code: string;
  /** A developer-facing message (the shopper sees a localized one). */
  message: string;
  /** HTTP status, 0 when the server could not be reached. */
  status: number;
  /** What the widget was doing. */
  source: 'promise' | 'checkout' | 'payment' | 'member';
}

/** Fired when a call fails; the widget has already shown the shopper what to do. Never thrown. */
export class NearbuyErrorEvent extends NearbuyEvent<NearbuyErrorDetail> {
  constructor(detail: NearbuyErrorDetail) {
    super('nearbuy-error', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nearbuy-error': NearbuyErrorEvent;
  }
}
