/**
 * The checkout's error view: turns a failed call into what the shopper reads and where they go
 * to act on it ("That option just sold out" and back to the delivery options; "Your card was
 * declined" and a cleared card field). Pure: the dialog applies what it returns.
 */
import type { DeliveryOption, PromiseResponse } from '../../contract/public.js';
import type { ServiceId } from '../../contract/primitives.js';
import { NearbuyApiError } from '../internal/api.js';
import { formatWindow } from '../internal/format.js';
import type { NearbuyErrorDetail } from '../events/error.js';
import type { LocaleCode, WidgetMessages } from '../locales/messages.js';
import type { CheckoutMessages } from './locales/messages.js';
import type { FieldErrors } from './form.js';

/** What the dialog does about a failure. */
export interface Recovery {
  /** The message the shopper reads. */
  notice: string;
  /** The step where the shopper can act on it, when it is not the one on screen. */
  step?: 'details' | 'delivery';
  /** The server's fresh delivery options to show instead; `null`: fetch them again. */
  options?: DeliveryOption[] | null;
  /** The checkout session (and the stock it held) is gone. */
  dropSession?: boolean;
  /** The next session request is a new attempt, with a new idempotency key. */
  newAttempt?: boolean;
  /** Errors to show on fields (and only these). */
  fieldErrors?: FieldErrors;
  /** The card number is cleared and focused, to type another. */
  retypeCard?: boolean;
}

/** What the dialog shows when the failure happens. */
export interface ErrorScene {
  /** The options on screen and the one chosen (the dialog's `DeliveryOptions`). */
  delivery: { readonly response: PromiseResponse | null; readonly service: ServiceId | null };
  locale: LocaleCode;
  m: CheckoutMessages;
  w: WidgetMessages;
}

/** Any failure as an API error: what `api.ts` throws is one already; anything else is a bug, `internal`. */
export function toApiError(error: unknown): NearbuyApiError {
  return error instanceof NearbuyApiError ? error : new NearbuyApiError('internal', String(error), 0);
}

/** The server's options in the error's `details` (`out_of_stock`, `promise_changed`), if it sent them. */
function optionsOf(error: NearbuyApiError): DeliveryOption[] | null {
  const options = (error.details as { options?: unknown } | undefined)?.options;
  return Array.isArray(options) ? (options as DeliveryOption[]) : null;
}

function stockOrPromiseChanged(error: NearbuyApiError, scene: ErrorScene): Recovery {
  const errors = scene.m.errors;
  const w = scene.w;
  const options = optionsOf(error);
  let notice: string;
  if (error.code === 'out_of_stock') {
    notice = options?.length === 0 ? errors.sold_out : errors.out_of_stock;
  } else {
    const current = options?.find((option) => option.service === scene.delivery.service) ?? options?.[0];
    const promise = scene.delivery.response;
    const now = new Date(Date.parse(promise?.computedAt ?? '') || Date.now());
    const when = current && promise ? formatWindow(current, now, promise.destination.timeZone, scene.locale, w) : '';
    notice = current ? errors.promise_changed(w.service[current.name ?? current.service], when) : errors.out_of_stock;
  }
  return { notice, step: 'delivery', options, dropSession: true };
}

/** What the shopper reads about a failure, and where they go to act on it. */
export function recoveryFor(error: NearbuyApiError, source: NearbuyErrorDetail['source'], scene: ErrorScene): Recovery {
  const errors = scene.m.errors;
  switch (error.code) {
    case 'out_of_stock':
    case 'promise_changed':
      return stockOrPromiseChanged(error, scene);
    case 'payment_declined':
      return { notice: errors.payment_declined, retypeCard: true };
    case 'session_expired':
      return { notice: errors.session_expired, step: 'delivery', dropSession: true, newAttempt: true };
    case 'undeliverable':
      return { notice: errors.undeliverable, step: 'details', fieldErrors: { postalCode: errors.undeliverable } };
    case 'rate_limited':
    case 'payment_unavailable':
    case 'network':
      return { notice: errors[error.code] };
    case 'invalid_request':
    case 'unprocessable': {
      // The server names the address fields it refused (a postal code outside the state).
      const issues = (error.details as { issues?: Array<{ path?: unknown }> } | undefined)?.issues;
      const paths = Array.isArray(issues) ? issues.map((issue) => issue.path) : [];
      if (paths.includes('address.postalCode')) {
        const fieldErrors: FieldErrors = { postalCode: errors.invalid_request };
        if (paths.includes('address.region')) fieldErrors.region = errors.invalid_request;
        return { notice: errors.invalid_request, step: 'details', fieldErrors };
      }
      return { notice: errors.invalid_request };
    }
    default:
      return { notice: source === 'member' ? errors.member_code : errors.generic };
  }
}
