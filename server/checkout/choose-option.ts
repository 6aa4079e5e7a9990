/**
 * Step 2 of a checkout: the option the shopper chose, recomputed now by the promise service.
 * It must still exist (else `out_of_stock`, with what is still open) and must not arrive later
 * than the window the shopper was shown (else `promise_changed`, with the current options).
 */
import type { Destination, DeliveryWindow } from '../../contract/public.js';
import { ApiError } from '../errors.js';
import type { Merchant } from '../merchants/merchant.js';
import { optionName, type PromiseOption, type ServiceId } from '../promise/index.js';
import type { PromiseService } from '../promise-service/plugin.js';
import { OPTION_LABELS, SERVICE_LABELS, toDeliveryOption } from '../promise-service/options.js';
import type { PricedCart } from './price.js';

export interface OptionQuestion {
  merchant: Merchant;
  cart: PricedCart;
  destination: Destination;
  member: boolean;
  service: ServiceId;
  /** The window the shopper saw for `service`. */
  expectedWindow?: DeliveryWindow | undefined;
  /** When the question is asked: the shown option's name is read from it. */
  now: number;
}

/**
 * The option as the shopper saw it, in English: its name by the window shown ("Express delivery"
 * for a next-day range past tomorrow, docs/promise-model.md), else the service's.
 */
function shownAs(q: OptionQuestion): string {
  if (!q.expectedWindow) return SERVICE_LABELS[q.service];
  return OPTION_LABELS[optionName(q.service, q.destination.timeZone, q.now, Date.parse(q.expectedWindow.end))];
}

export function chooseOption(promises: PromiseService, q: OptionQuestion): PromiseOption {
  // Only the chosen service on the way to a hold; every service only for an error's details.
  const option = promises.options(q.merchant, q.cart.engineItems, q.destination, q.member, [q.service])[0];
  if (!option) throw unavailable(promises, q);
  if (q.expectedWindow && option.windowEndMs > Date.parse(q.expectedWindow.end)) {
    throw new ApiError(
      'promise_changed',
      `The ${shownAs(q)} option now arrives later than shown (${option.window.start} – ${option.window.end}); please check the new time`,
      { options: promises.options(q.merchant, q.cart.engineItems, q.destination, q.member).map(toDeliveryOption) },
    );
  }
  return option;
}

/** Out of stock: name the first item that has no option on its own, and what else is open. */
export function unavailable(promises: PromiseService, q: OptionQuestion): ApiError {
  const everything = promises.options(q.merchant, q.cart.engineItems, q.destination, q.member);
  if (everything.length === 0) {
    // One item is its own culprit: no second run of the engine (a flash sale's every refusal).
    const culprit =
      (q.cart.engineItems.length > 1
        ? q.cart.engineItems.find((item) => promises.options(q.merchant, [item], q.destination, q.member).length === 0)
        : undefined) ?? q.cart.engineItems[0]!;
    return new ApiError('out_of_stock', `Not enough stock of ${culprit.sku} to deliver ${culprit.quantity} to ${q.destination.label}`, {
      sku: culprit.sku,
      options: [],
    });
  }
  return new ApiError('out_of_stock', `${shownAs(q)} is no longer available for this order; other options are still open`, {
    sku: q.cart.skus.length === 1 ? q.cart.skus[0]! : null,
    service: q.service,
    options: everything.map(toDeliveryOption),
  });
}
