import type { TimelineStatus } from '../../../contract/timeline.js';

/** Strings of the checkout dialog in one locale (the widget's own strings are in `locales/`). */
export interface CheckoutMessages {
  title: string;
  close: string;
  stepOf(step: number, total: number): string;
  detailsHeading: string;
  deliveryHeading: string;
  paymentHeading: string;
  doneHeading: string;
  quantity: string;
  email: string;
  memberPrompt: string;
  sendCode: string;
  codeSent(email: string): string;
  code: string;
  verify: string;
  signedIn(email: string): string;
  /** The box that keeps a member signed in on this device (30 days). */
  keepSignedIn: string;
  signOut: string;
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  /** The empty first choice of the state select. */
  chooseRegion: string;
  continue: string;
  back: string;
  placeOrder(total: string): string;
  required: string;
  invalidEmail: string;
  invalidPostalCode: string;
  /** The postal code is not in the chosen state (`region` is the state's name). */
  postalCodeNotInRegion(region: string): string;
  invalidCode: string;
  subtotal: string;
  shipping: string;
  total: string;
  deliverTo: string;
  arrives: string;
  heldUntil(time: string): string;
  testMode: string;
  testModeHint: string;
  cardNumber: string;
  orderPlaced: string;
  orderNumber(id: string): string;
  trackOrder: string;
  /** The thank-you step's timeline: its heading, each step's name, and when a step is due. */
  nextHeading: string;
  timeline: Record<TimelineStatus, string>;
  dueBy(time: string): string;
  /** The order took a later window than `shown` because the payment landed after its order-by. */
  windowMoved(shown: string): string;
  /** The box that keeps contact and address on this device (never the card). */
  rememberContact: string;
  done: string;
  working: string;
  loadingOptions: string;
  noOptions(place: string): string;
  errors: {
    out_of_stock: string;
    sold_out: string;
    promise_changed(service: string, when: string): string;
    payment_declined: string;
    session_expired: string;
    rate_limited: string;
    undeliverable: string;
    network: string;
    invalid_request: string;
    member_code: string;
    /** The API refused the member token (signed out elsewhere, membership ended, expired). */
    member_ended: string;
    payment_unavailable: string;
    generic: string;
  };
}
