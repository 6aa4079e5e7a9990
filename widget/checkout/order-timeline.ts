import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckoutSession, ShopperOrder } from '../../contract/public.js';
import { isAbort, type ApiConfig } from '../internal/api.js';
import { getOrder } from './api.js';

/**
 * The placed order as the API reads it (`GET /v1/orders/:id` with its access token), for the
 * thank-you step's timeline: what happened, what happens next and when. Fetched once per order;
 * a failure leaves it out quietly (the link to the status page stays), and closing drops it.
 */
export class OrderTimeline implements ReactiveController {
  /** The order, or null until it arrived (or when it could not be read). */
  order: ShopperOrder | null = null;
  #abort: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  async load(api: ApiConfig, placed: NonNullable<CheckoutSession['order']>): Promise<void> {
    this.reset();
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const order = await getOrder(api, placed.id, placed.accessToken, abort.signal);
      if (abort.signal.aborted) return;
      this.order = order;
      this.host.requestUpdate();
    } catch (error) {
      // Aborted: another order or closing took over. Failed: the step shows no timeline.
      if (!isAbort(error)) this.order = null;
    }
  }

  reset(): void {
    this.#abort?.abort();
    this.#abort = null;
    if (this.order) {
      this.order = null;
      this.host.requestUpdate();
    }
  }
}
