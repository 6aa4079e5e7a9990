/** Distances and the "from …, 6 km away" line: only needed by the options list and the checkout,
 * so kept out of the first chunk. */
import type { DeliveryOption } from '../../contract/public.js';
import type { WidgetMessages } from '../locales/messages.js';

const distanceFormats = new Map<string, Intl.NumberFormat>();

/** Where road distances are given in miles (ISO 3166 codes of the destination). */
const MILES = new Set(['US', 'GB', 'LR', 'MM']);

/** "6 km", or "3.7 mi" where the destination's country measures roads in miles. */
export function formatDistance(km: number, locale: string, country = ''): string {
  const miles = MILES.has(country.toUpperCase());
  const value = miles ? km / 1.609344 : km;
  const key = `${locale}|${value < 10}|${miles}`;
  let format = distanceFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: miles ? 'mile' : 'kilometer',
      unitDisplay: 'short',
      maximumFractionDigits: value < 10 ? 1 : 0,
    });
    distanceFormats.set(key, format);
  }
  return format.format(value);
}

/**
 * "from Chandler Fashion Center, 6 km away", or "in 2 parcels", in the shopper's language, built
 * from `option.shipments` alone; ", based on this place's last 60 deliveries" when the place's
 * dates come from its own history (docs/ARCHITECTURE.md, "Promises from history").
 * `option.reason` is the server's English sentence for API clients; the widget never shows it,
 * not even when the shipments are missing (then it shows nothing).
 */
export function formatReason(option: DeliveryOption, locale: string, messages: WidgetMessages, country = ''): string {
  if (option.split) return messages.split(option.shipments.length);
  const shipment = option.shipments[0];
  if (!shipment) return '';
  const from = messages.from(shipment.nodeName, formatDistance(shipment.distanceKm, locale, country));
  return shipment.history ? from + messages.history(shipment.history) : from;
}
