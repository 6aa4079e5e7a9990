import type { OptionName } from '../../contract/primitives.js';

/** Strings of the button and promise elements in one locale. Dates, times, money and durations
 * come from `Intl`; these only put them in a sentence. */
export interface WidgetMessages {
  /** "FREE" */
  free: string;
  /** "FREE delivery today 4–8 PM"; `price` is "FREE" or a formatted amount. */
  delivery(price: string, when: string): string;
  /** "today 4–8 PM"; `day` is "today", "tomorrow" or a date. */
  when(day: string, range: string): string;
  orderWithin(duration: string): string;
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
  /** Our side cannot answer right now (retried by itself). */
  infoUnavailable: string;
  loading: string;
  deliverTo(place: string): string;
  change: string;
  postalCodeLabel: string;
  postalCodePrompt: string;
  save: string;
  cancel: string;
  invalidPostalCode: string;
  checkoutUnavailable: string;
  buy: string;
  moreOptions(count: number): string;
  fewerOptions: string;
  from(place: string, distance: string): string;
  split(count: number): string;
  /** An option's name (`option.name ?? option.service`): a service's own, or Express and Expedited for ranges past it. */
  service: Record<OptionName, string>;
}

export type LocaleCode = 'en' | 'id' | 'fr' | 'ja' | 'zh' | 'ar';
export const LOCALES: readonly LocaleCode[] = ['en', 'id', 'fr', 'ja', 'zh', 'ar'];
