import type { OptionName } from '../../contract/primitives.js';

/**
 * Strings of the button and promise elements in one locale, in two parts so that the first chunk
 * carries only English's first part (widget/README.md, "How the first chunk stays small"):
 * `PromiseMessages`, what the promise line, the location row and Buy show before anything else
 * loads, and `LazyMessages`, what only the lazy chunks put on screen (the unavailable reasons,
 * through the formatting chunk; the postal code form and the options list; the checkout). A
 * non-English locale's chunk carries both; English's lazy part is `en-lazy.ts`. Dates, times,
 * money and durations come from `Intl`; these only put them in a sentence.
 */
export interface PromiseMessages {
  /** "FREE" */
  free: string;
  /** "FREE delivery today 4–8 PM"; `price` is "FREE" or a formatted amount. */
  delivery(price: string, when: string): string;
  /** "today 4–8 PM"; `day` is "today", "tomorrow" or a date. */
  when(day: string, range: string): string;
  orderWithin(duration: string): string;
  /** Our side cannot answer right now (retried by itself). */
  infoUnavailable: string;
  loading: string;
  postalCodePrompt: string;
  deliverTo(place: string): string;
  change: string;
  moreOptions(count: number): string;
  fewerOptions: string;
  buy: string;
  /** The checkout's chunk did not load: shown without any other chunk. */
  checkoutUnavailable: string;
}

/** Strings only the lazy chunks show (see `PromiseMessages`). */
export interface LazyMessages {
  /** Nothing reaches this postal code (`place`): try another. */
  unavailableNear(place: string): string;
  /** No place has the units. */
  soldOut: string;
  /** The last units are held in other shoppers' checkouts; `time` is when to look again. */
  heldUntil(time: string): string;
  /** The API refused the SKU or key: the product cannot be bought on this page. */
  notOffered: string;
  /** The API does not know the postal code the promise is for. */
  unknownPostalCode(code: string): string;
  postalCodeLabel: string;
  save: string;
  cancel: string;
  invalidPostalCode: string;
  from(place: string, distance: string): string;
  split(count: number): string;
  /** ", based on this place's last 60 deliveries": added to `from` when the place's dates come from its own history. */
  history(count: number): string;
  /** An option's name (`option.name ?? option.service`): a service's own, or Express and Expedited for ranges past it. */
  service: Record<OptionName, string>;
}

/** Every string of the elements in one locale: what a non-English locale's chunk exports. */
export type WidgetMessages = PromiseMessages & LazyMessages;

export type LocaleCode = 'en' | 'id' | 'fr' | 'ja' | 'zh' | 'ar';
export const LOCALES: readonly LocaleCode[] = ['en', 'id', 'fr', 'ja', 'zh', 'ar'];
