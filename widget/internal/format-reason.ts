/** Distances and the "from …, 6 km away" line: only needed by the options list and the checkout,
 * so kept out of the first chunk. */
import type { DeliveryOption } from '../../contract/public.js';
import type { WidgetMessages } from '../locales/messages.js';

const distanceFormats = new Map<string, Intl.NumberFormat>();

export function formatDistance(km: number, locale: string): string {
  const key = `${locale}|${km < 10}`;
  let format = distanceFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: 'kilometer',
      unitDisplay: 'short',
      maximumFractionDigits: km < 10 ? 1 : 0,
    });
    distanceFormats.set(key, format);
  }
  return format.format(km);
}

/**
 * "from Chandler Fashion Center, 6 km away", or "in 2 parcels", in the shopper's language, built
 * from `option.shipments` alone. `option.reason` is the server's English sentence for API clients;
 * the widget never shows it, not even when the shipments are missing (then it shows nothing).
 */
export function formatReason(option: DeliveryOption, locale: string, messages: WidgetMessages): string {
  if (option.split) return messages.split(option.shipments.length);
  const shipment = option.shipments[0];
  return shipment ? messages.from(shipment.nodeName, formatDistance(shipment.distanceKm, locale)) : '';
}
