/**
 * A place's capacities as the places form reads and the list shows them: orders a day per
 * service, where an empty field (or a service left out) means unlimited. The server checks them
 * again (`Capacities` in contract/admin.ts); reading them here gives a message before a request.
 */
import type { ServiceId } from '../contract/primitives.js';

export type Capacities = Partial<Record<ServiceId, number>>;

/** Largest orders a day the server takes (as `Capacities` in the contract). */
export const MAX_CAPACITY = 1_000_000;

/**
 * The capacities typed for `services` (each field's text from `text(service)`), or the first
 * field that is not a whole number from 0 to `MAX_CAPACITY`, with a message for the person.
 */
export function readCapacities(
  services: readonly ServiceId[],
  text: (service: ServiceId) => string,
  labels: Record<ServiceId, string>,
): { capacities: Capacities } | { error: string; service: ServiceId } {
  const capacities: Capacities = {};
  for (const service of services) {
    const typed = text(service)
      .trim()
      .replace(/[,_\s]/g, '');
    if (typed === '') continue;
    if (!/^\d+$/.test(typed) || Number(typed) > MAX_CAPACITY) {
      return {
        service,
        error: `${labels[service]} orders a day: give a whole number from 0 to ${MAX_CAPACITY.toLocaleString('en-US')}, or leave it empty for unlimited.`,
      };
    }
    capacities[service] = Number(typed);
  }
  return { capacities };
}

/** The list's summary: "Same day 60/day, Next day 0/day", or "Unlimited" when none is set. */
export function capacitiesText(capacities: Capacities, labels: Record<ServiceId, string>): string {
  return (
    (Object.entries(capacities) as Array<[ServiceId, number]>).map(([service, n]) => `${labels[service]} ${n}/day`).join(', ') ||
    'Unlimited'
  );
}
