import type { PromiseResponse } from '../../contract/public.js';
import type { ApiConfig } from '../internal/api.js';
import type { LocaleCode } from '../locales/messages.js';

/**
 * What `<nearbuy-button>` tells its checkout dialog each time the dialog opens. The dialog reads
 * nothing else of the button and writes nothing of it: what it has to say back travels as events
 * (the public ones on `host`); a member's sign-in and sign-out go to every widget through
 * `memberChannel` (`member-session.ts`).
 * See docs/ARCHITECTURE.md, section "Widget".
 */
export interface CheckoutContext {
  /** The product (variant) the shopper is buying. */
  sku: string;
  /** The button's quantity (1–99): the quantity field starts from it for a new product. */
  quantity: number;
  /** How to reach the API; `memberToken` is set while the shopper is signed in as a member. */
  api: ApiConfig;
  locale: LocaleCode;
  theme: 'light' | 'dark' | 'auto';
  /** The promise the button shows, so the delivery step can start without waiting; null when it shows none. */
  promise: PromiseResponse | null;
  /** Where the button promises delivery to: the address form starts from it. */
  postalCode: string;
  /** The `<nearbuy-button>`: the dialog lives in it, and fires the public events on it. */
  host: HTMLElement;
  /** Buy: focus goes back to it when the dialog closes. */
  opener: HTMLElement | null;
}
