import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DeliveryOption, PromiseResponse } from '../../contract/public.js';
import type { ServiceId } from '../../contract/primitives.js';
import { getPromise, isAbort, type ApiConfig, type PromiseParams } from '../internal/api.js';

/**
 * The delivery options of the delivery step and the one the shopper chose. Fetching aborts the
 * fetch before it, and a fetch overtaken (by another, by continuing, by closing for good) never
 * lands: what is on screen is always the answer to the last question asked.
 */
export class DeliveryOptions implements ReactiveController {
  /** The options on screen (with their destination and when they were computed), or null while there are none. */
  response: PromiseResponse | null = null;
  service: ServiceId | null = null;
  #abort: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** The option the shopper chose, as they saw it. */
  get chosen(): DeliveryOption | undefined {
    return this.response?.options.find((option) => option.service === this.service);
  }

  choose(service: ServiceId): void {
    this.service = service;
    this.host.requestUpdate();
  }

  /** Shows options (or none); the chosen service stays chosen while it is offered, else the first is. */
  show(response: PromiseResponse | null): void {
    this.response = response;
    if (response && !response.options.some((option) => option.service === this.service))
      this.service = response.options[0]?.service ?? null;
    this.host.requestUpdate();
  }

  /** The server's fresh options (from an error's details) in place of those on screen. */
  replace(options: DeliveryOption[]): void {
    if (this.response) this.show({ ...this.response, options });
  }

  /**
   * Fetches the options for `params`. Until they arrive it shows `initial` (the button's promise)
   * when that answers the very same question, else nothing. Resolves true once fresh options are
   * on screen, false when the fetch was overtaken; rejects when it failed.
   */
  async load(api: ApiConfig, params: PromiseParams, initial: PromiseResponse | null): Promise<boolean> {
    this.cancel();
    const abort = new AbortController();
    this.#abort = abort;
    const same =
      initial?.quantity === params.quantity && initial.destination.postalCode === params.postalCode && initial.product.sku === params.sku;
    this.show(same ? initial : null);
    try {
      const response = await getPromise(api, params, abort.signal);
      if (abort.signal.aborted) return false;
      this.show(response);
      return true;
    } catch (error) {
      if (isAbort(error)) return false;
      throw error;
    }
  }

  /** Drops the fetch on its way, if any. */
  cancel(): void {
    this.#abort?.abort();
  }
}
