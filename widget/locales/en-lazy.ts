import type { LazyMessages, PromiseMessages, WidgetMessages } from './messages.js';

/**
 * English the lazy chunks show (the first chunk's English is `en.ts`). Imported only by lazy
 * chunks (the formatting chunk, fetched with the first promise request, among them), so the
 * unavailable reasons are there as soon as a promise is.
 */
export const enLazy: LazyMessages = {
  unavailableNear: (place) => `Can't deliver to ${place}; try another code`,
  soldOut: 'Sold out',
  heldUntil: (time) => `In other carts; look again at ${time}`,
  notOffered: 'Not available here',
  unknownPostalCode: (code) => `Postal code ${code} not found`,
  postalCodeLabel: 'Postal code',
  save: 'Save',
  cancel: 'Cancel',
  invalidPostalCode: 'Enter 3–10 letters or digits',
  from: (place, distance) => `from ${place}, ${distance} away`,
  split: (count) => `in ${count} parcels`,
  history: (count) => `, based on this place's last ${count} deliveries`,
  service: {
    same_day: 'Same-day',
    local_courier: 'Local courier',
    next_day: 'Next-day',
    two_day: 'Two-day',
    standard: 'Standard',
    express: 'Express',
    expedited: 'Expedited',
  },
};

function isComplete(messages: PromiseMessages): messages is WidgetMessages {
  return 'service' in messages;
}

const completed = new WeakMap<PromiseMessages, WidgetMessages>();

/**
 * Every string, from the ones an element holds: a locale's chunk has them all; English from the
 * first chunk (also what a locale whose chunk failed to load falls back to) gets its lazy part here.
 */
export function allMessages(messages: PromiseMessages): WidgetMessages {
  if (isComplete(messages)) return messages;
  let all = completed.get(messages);
  if (!all) completed.set(messages, (all = { ...messages, ...enLazy }));
  return all;
}
