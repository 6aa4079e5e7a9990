/**
 * The side-effect-free entry: classes, event classes and types. Importing it defines no element
 * and touches no DOM, for frameworks, server rendering and cookie-consent tools. Define the
 * elements yourself (`customElements.define('nearbuy-button', NearbuyButton)`) or load
 * `nearbuy.js`, which does.
 */
export { NearbuyButton } from './button/button.component.js';
export { NearbuyPromise } from './promise/promise.component.js';
export { NearbuyApiError } from './internal/api.js';
export { NearbuyReadyEvent, type NearbuyReadyDetail, type NearbuyPromiseState } from './events/ready.js';
export { NearbuyPromiseShownEvent, type NearbuyPromiseShownDetail } from './events/promise-shown.js';
export { NearbuyCheckoutOpenedEvent, type NearbuyCheckoutOpenedDetail } from './events/checkout-opened.js';
export { NearbuyOrderPlacedEvent, type NearbuyOrderPlacedDetail } from './events/order-placed.js';
export { NearbuyErrorEvent, type NearbuyErrorDetail } from './events/error.js';
export type { LocaleCode } from './locales/messages.js';
export { NearbuyEvent } from './events/event.js';
/** The order timeline every surface draws (the status page, the demo's order page): rows and times. */
export { TIMELINE_NAMES, TIMELINE_STEPS, formatMoment, timelineSteps, type TimelineStep } from '../contract/timeline.js';
