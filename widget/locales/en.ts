import type { PromiseMessages } from './messages.js';

/** English for the first chunk: only what shows before a lazy chunk loads (the rest: `en-lazy.ts`). */
export const en: PromiseMessages = {
  free: 'FREE',
  delivery: (price, when) => `${price} delivery ${when}`,
  when: (day, range) => `${day} ${range}`,
  orderWithin: (duration) => `order within ${duration}`,
  infoUnavailable: 'Delivery info unavailable',
  loading: 'Checking delivery near you…',
  postalCodePrompt: 'Enter your postal code to see delivery times',
  deliverTo: (place) => `Deliver to ${place}`,
  change: 'Change',
  moreOptions: (count) => `${count} more delivery ${count === 1 ? 'option' : 'options'}`,
  fewerOptions: 'Hide delivery options',
  buy: 'Buy now',
  checkoutUnavailable: "Checkout couldn't load. Try again.",
};
