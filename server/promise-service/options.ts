/**
 * The one mapping from the engine's options to the contract's `DeliveryOption`, and the English
 * words API clients and emails read for them. The widget words options in the shopper's own
 * language from the same facts (`shipments`), so this text is for everyone else.
 */
import type { DeliveryOption } from '../../contract/public.js';
import type { OptionName, PlannedShipment, PromiseOption, ServiceId } from '../promise/index.js';

/** What shoppers read for each service, in English. */
export const SERVICE_LABELS: Readonly<Record<ServiceId, string>> = {
  same_day: 'Same-day delivery',
  local_courier: 'Local courier delivery',
  next_day: 'Next-day delivery',
  two_day: 'Two-day delivery',
  standard: 'Standard delivery',
};

/** What shoppers read for an option's name (`PromiseOption.name`), in English. */
export const OPTION_LABELS: Readonly<Record<OptionName, string>> = {
  ...SERVICE_LABELS,
  express: 'Express delivery',
  expedited: 'Expedited delivery',
};

/** "6 km", "2,745 km" (Intl's number formatting costs more than a whole promise on this path). */
function km(distance: number): string {
  if (distance < 1) return 'under 1 km';
  return `${String(Math.round(distance)).replace(/\B(?=(\d{3})+$)/g, ',')} km`;
}

/**
 * "from Chandler Fashion Center, 6 km away", or "in 2 shipments, from A (3 km) and B (9 km)";
 * "…, based on this place's last 60 deliveries" when its dates come from its own history.
 */
export function reasonFor(shipments: readonly PlannedShipment[]): string {
  if (shipments.length === 1) {
    const s = shipments[0]!;
    const history = s.history > 0 ? `, based on this place's last ${s.history} deliveries` : '';
    return `from ${s.nodeName}, ${km(s.distanceKm)} away${history}`;
  }
  const names = shipments.map((s) => `${s.nodeName} (${km(s.distanceKm)})`);
  const history = shipments.every((s) => s.history > 0) ? ", each based on the place's own recent deliveries" : '';
  return `in ${shipments.length} shipments, from ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}${history}`;
}

/** A delivery option as the contract shows it: no engine instants, an English reason. */
export function toDeliveryOption(option: PromiseOption): DeliveryOption {
  return {
    service: option.service,
    name: option.name,
    window: option.window,
    orderBy: option.orderBy,
    price: option.price,
    dateRange: option.dateRange,
    reason: reasonFor(option.shipments),
    split: option.split,
    // The pick day is the hold's business (its capacity), not the shopper's.
    shipments: option.shipments.map((s) => ({
      nodeId: s.nodeId,
      nodeName: s.nodeName,
      nodeKind: s.nodeKind,
      distanceKm: s.distanceKm,
      items: s.items,
      history: s.history,
    })),
  };
}
