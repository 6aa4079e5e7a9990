/**
 * The public (publishable-key) half of the HTTP contract: what the widget sends and receives.
 * docs/ARCHITECTURE.md, "The HTTP contract". The widget imports these with `import type` only.
 */
import { z } from 'zod';
import { Email, IsoDateTime, Money, NodeKind, OptionName, Quantity, ServiceId, Sku, Text, VerifyCodeBody } from './primitives.js';

export const DeliveryWindow = z.object({
  start: IsoDateTime,
  end: IsoDateTime,
});
export type DeliveryWindow = z.infer<typeof DeliveryWindow>;

/**
 * A late payment took the current window (docs/promise-model.md, "A promise is kept at payment
 * too"): the window the shopper was shown at checkout, and why the order has another. The
 * reason is English for the merchant; shopper surfaces say it in their own words.
 */
export const PromiseChange = z.object({ previousWindow: DeliveryWindow, reason: z.string() });
export type PromiseChange = z.infer<typeof PromiseChange>;

/** One parcel of an option: which node sends which items. */
export const Shipment = z.object({
  nodeId: z.string(),
  nodeName: z.string(),
  nodeKind: NodeKind,
  distanceKm: z.number().nonnegative(),
  items: z.array(z.object({ sku: Sku, quantity: Quantity })),
  /**
   * How many of this place's own recent deliveries its dates come from ("based on this store's
   * last 60 deliveries"); absent or 0 when they come from its stated handling and the buffers.
   */
  history: z.number().int().nonnegative().optional(),
});
export type Shipment = z.infer<typeof Shipment>;

/** The best way to get the items to the shopper on one service. */
export const DeliveryOption = z.object({
  service: ServiceId,
  /**
   * What to call the option (docs/promise-model.md, "Names match dates"): `next_day` only when
   * the window ends on the next business day, `two_day` by the second; otherwise `express` or
   * `expedited`, shown with the window's dates. Absent: the service's own name.
   */
  name: OptionName.optional(),
  /** When the parcel(s) arrive, written in the destination's time zone. */
  window: DeliveryWindow,
  /** Order before this instant to keep this window ("order within 2 h 14 min"). */
  orderBy: IsoDateTime,
  /** Shipping price for this option, computed by the server. */
  price: Money,
  /**
   * True when the day is not known well enough to promise one (too little history, a wide lane):
   * show the window as a range of days ("Thu–Sat"), not a date. Absent: false.
   */
  dateRange: z.boolean().optional(),
  /** Short English reason the shopper can read: "from Chandler Fashion Center, 6 km away". */
  reason: z.string(),
  /** True when the items come from more than one node. */
  split: z.boolean(),
  shipments: z.array(Shipment).min(1),
});
export type DeliveryOption = z.infer<typeof DeliveryOption>;

const PostalCode = z
  .string()
  .trim()
  .min(3)
  .max(10)
  .regex(/^[A-Za-z0-9 -]+$/, 'A postal code is letters, digits, spaces or dashes');
const Country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'A country is an ISO 3166 two-letter code')
  .default('US');

/** Query of `GET /v1/promise`: a SKU and quantity, and either a postal code or coordinates. */
export const PromiseQuery = z
  .object({
    sku: Sku,
    /** The publishable key, instead of the Authorization header: keeps the request a CORS simple request. */
    key: z.string().max(130).optional(),
    qty: z.coerce.number().int().min(1).max(99).default(1),
    postal_code: PostalCode.optional(),
    country: Country,
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
  })
  .strict()
  .refine((q) => q.postal_code !== undefined || (q.lat !== undefined && q.lng !== undefined), {
    message: 'Give a postal_code, or both lat and lng',
    path: ['postal_code'],
  });
export type PromiseQuery = z.infer<typeof PromiseQuery>;

export const ProductSummary = z.object({
  sku: Sku,
  title: z.string(),
  price: Money,
  imageUrl: z.string().nullable(),
  fastDeliveryEligible: z.boolean(),
});
export type ProductSummary = z.infer<typeof ProductSummary>;

export const Destination = z.object({
  postalCode: z.string().nullable(),
  country: z.string(),
  lat: z.number(),
  lng: z.number(),
  timeZone: z.string(),
  /** "Chandler, AZ 85226", for showing where the promise is for. */
  label: z.string(),
});
export type Destination = z.infer<typeof Destination>;

/**
 * Why a promise has no option, as a machine code clients render in their own words:
 * `sold_out` (no place has the units), `held` (the last units are held by other shoppers'
 * checkouts: look again at `retryAt`, when the first hold may expire), `not_deliverable` (units
 * exist, but no place reaches this destination: try another postal code) and `unknown_postal_code`
 * (no such code). The last two also come as the `details.reason` of an `undeliverable` error,
 * when the destination itself cannot be resolved.
 */
export const UNAVAILABLE_REASONS = ['sold_out', 'held', 'not_deliverable', 'unknown_postal_code'] as const;
export const UnavailableReason = z.enum(UNAVAILABLE_REASONS);
export type UnavailableReason = z.infer<typeof UnavailableReason>;

export const Unavailable = z.object({
  reason: UnavailableReason,
  /** The same in an English sentence, for API clients and logs. */
  message: z.string(),
  /** `held`: when to look again (the earliest hold's expiry); null otherwise. */
  retryAt: IsoDateTime.nullable(),
});
export type Unavailable = z.infer<typeof Unavailable>;

/** `details` of an `undeliverable` error: why the destination cannot be served. */
export const UndeliverableDetails = z.object({ reason: z.enum(['unknown_postal_code', 'not_deliverable']) });
export type UndeliverableDetails = z.infer<typeof UndeliverableDetails>;

export const PromiseResponse = z.object({
  product: ProductSummary,
  destination: Destination,
  quantity: Quantity,
  /** The instant the promise was computed at; the client ticks countdowns from here. */
  computedAt: IsoDateTime,
  /** Whether the shopper is treated as a member (free eligible fast delivery). */
  member: z.boolean(),
  /** Best option per service, earliest first. Empty when nothing can be delivered here. */
  options: z.array(DeliveryOption),
  /** Why `options` is empty; null when there is an option. */
  unavailable: Unavailable.nullable(),
});
export type PromiseResponse = z.infer<typeof PromiseResponse>;

/** Query of `GET /v1/regions`: only the publishable key, when not in the Authorization header. */
export const ServedRegionsQuery = z.object({ key: z.string().max(130).optional() }).strict();

/**
 * Answer of `GET /v1/regions`: the countries and, in each, the states or territories the
 * merchant's network delivers to, for the address step's selects (codes as `Address.country` and
 * `Address.region` take them).
 */
export const ServedRegions = z.object({
  countries: z.array(
    z.object({
      /** ISO 3166 two-letter code. */
      code: z.string(),
      regions: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          /**
           * The first three digits of the region's postal codes, from the server's postal table:
           * a form can tell at once that a code is not in the chosen state. The server checks again.
           */
          postalPrefixes: z.array(z.string()),
        }),
      ),
    }),
  ),
});
export type ServedRegions = z.infer<typeof ServedRegions>;

export const Address = z
  .object({
    name: Text(120),
    line1: Text(200),
    line2: Text(200, 0).optional(),
    city: Text(100),
    region: Text(100),
    postalCode: PostalCode,
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/)
      .default('US'),
  })
  .strict();
export type Address = z.infer<typeof Address>;

export const CartItem = z.object({ sku: Sku, quantity: Quantity }).strict();
export type CartItem = z.infer<typeof CartItem>;

/** Body of `POST /v1/checkout/sessions`. Carries no price: the server computes every amount. */
export const CreateCheckoutSessionBody = z
  .object({
    items: z.array(CartItem).min(1).max(20),
    email: Email,
    address: Address,
    service: ServiceId,
    /**
     * The window the shopper was shown for `service`. When the server's fresh promise is later
     * (a cut-off passed while the dialog was open) it answers `promise_changed` instead of
     * charging for a slower delivery. Never a price: the server computes every amount.
     */
    expectedWindow: DeliveryWindow.optional(),
    /**
     * The shopper's language (BCP 47, e.g. `fr` or `zh-CN`), for the emails about this order. Read
     * by its primary subtag; one the server has no emails in gets English.
     */
    locale: z
      .string()
      .trim()
      .max(35)
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'A language tag such as en, fr or zh-CN')
      .optional(),
  })
  .strict();
export type CreateCheckoutSessionBody = z.infer<typeof CreateCheckoutSessionBody>;

export const LineItem = z.object({
  sku: Sku,
  title: z.string(),
  quantity: Quantity,
  unitPrice: Money,
  lineTotal: Money,
});
export type LineItem = z.infer<typeof LineItem>;

export const Amounts = z.object({
  subtotal: Money,
  shipping: Money,
  total: Money,
});
export type Amounts = z.infer<typeof Amounts>;

export const PaymentHandoff = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('stripe'),
    /** The PaymentIntent's client secret, for Stripe's Payment Element. */
    clientSecret: z.string(),
    /** Stripe's publishable key, to load Stripe.js with. */
    stripePublishableKey: z.string(),
  }),
  z.object({
    /** The offline test provider: confirm with a test card through `/confirm`. */
    provider: z.literal('test'),
  }),
]);
export type PaymentHandoff = z.infer<typeof PaymentHandoff>;

export const CheckoutSessionStatus = z.enum(['open', 'completed', 'expired', 'cancelled']);

export const CheckoutSession = z.object({
  id: z.string(),
  status: CheckoutSessionStatus,
  items: z.array(LineItem),
  amounts: Amounts,
  option: DeliveryOption,
  /** Stock is held until this instant. */
  reservationExpiresAt: IsoDateTime,
  payment: PaymentHandoff,
  /**
   * Set once payment succeeded and the order was placed: its id (what the API takes), its number
   * for people ("NB-7K4Q-2M", unique per merchant), the shopper's access token, and the window
   * the order was placed with: `option.window`, unless a late payment took the current window
   * (`promiseChange`, as on the order).
   */
  order: z
    .object({
      id: z.string(),
      number: z.string(),
      accessToken: z.string(),
      promisedWindow: DeliveryWindow,
      promiseChange: PromiseChange.nullable(),
    })
    .nullable(),
});
export type CheckoutSession = z.infer<typeof CheckoutSession>;

/** Body of `POST /v1/checkout/sessions/:id/confirm` (test provider only). */
export const ConfirmTestPaymentBody = z
  .object({
    cardNumber: z
      .string()
      .trim()
      .regex(/^[0-9 ]{12,23}$/, 'A card number is 12–19 digits'),
  })
  .strict();
export type ConfirmTestPaymentBody = z.infer<typeof ConfirmTestPaymentBody>;

export const ORDER_STATUSES = ['placed', 'ready', 'picked_up', 'out_for_delivery', 'delivered', 'delivery_failed', 'cancelled'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** One place's part of an order: the row of that place's pick list. */
export const Parcel = z.object({
  nodeId: z.string(),
  nodeName: z.string(),
  status: OrderStatus,
  /** When the promise assumed the parcel would be ready for handover. */
  readyBy: IsoDateTime,
  readyAt: IsoDateTime.nullable(),
  pickedUpAt: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
  lines: z.array(z.object({ sku: Sku, title: z.string(), quantity: z.number().int(), picked: z.number().int() })),
  /** A shortage left the parcel waiting for its place's restock: when the units are expected. */
  waitingForStock: IsoDateTime.nullable(),
});
export type Parcel = z.infer<typeof Parcel>;

export const COURIER_EVENT_KINDS = [
  'requested',
  'assigned',
  'picked_up',
  'en_route',
  'delayed',
  'delivered',
  'failed',
  'cancelled',
] as const;

/** A same-day courier's progress, as the courier reports it. */
export const CourierProgress = z.object({
  provider: z.string(),
  status: z.enum(['requested', 'assigned', 'picked_up', 'en_route', 'delivered', 'failed', 'cancelled']),
  /** The driver's first name and vehicle, once one is assigned. */
  courierName: z.string().nullable(),
  vehicle: z.string().nullable(),
  trackingUrl: z.string().nullable(),
  pickupEta: IsoDateTime.nullable(),
  dropoffEta: IsoDateTime.nullable(),
  events: z.array(z.object({ kind: z.enum(COURIER_EVENT_KINDS), at: IsoDateTime, note: z.string().nullable() })),
});
export type CourierProgress = z.infer<typeof CourierProgress>;

/** What happened after the order was placed: preparation, handover and delivery. */
export const OrderFulfilment = z.object({
  /** When the parcels were really ready, picked up and delivered (null until then). */
  readyAt: IsoDateTime.nullable(),
  pickedUpAt: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
  /** The window the parcel is now expected in: the promised one, or a later one after a delay. */
  expectedWindow: DeliveryWindow,
  /** Delivered after the promised window, or now expected after it. */
  late: z.boolean(),
  parcels: z.array(Parcel),
  /** Same-day: the courier's latest delivery for this order. */
  courier: CourierProgress.nullable(),
  /** Carrier services: the tracking number entered or imported by the merchant. */
  tracking: z.object({ carrier: z.string(), number: z.string(), url: z.string().nullable() }).nullable(),
  /** Why the order was cancelled, when it was. */
  cancelReason: z.string().nullable(),
  refundedAt: IsoDateTime.nullable(),
});
export type OrderFulfilment = z.infer<typeof OrderFulfilment>;

export const Order = z.object({
  id: z.string(),
  /** "NB-7K4Q-2M": the order number people read and type, unique per merchant. */
  number: z.string(),
  status: OrderStatus,
  timeline: z.array(z.object({ status: OrderStatus, at: IsoDateTime })),
  items: z.array(LineItem),
  amounts: Amounts,
  address: Address,
  email: z.string(),
  service: ServiceId,
  promisedWindow: DeliveryWindow,
  /**
   * Set when the payment landed after the option's order-by and the shown window could no longer
   * be made: the window the shopper was shown, and why `promisedWindow` is another one.
   */
  promiseChange: PromiseChange.nullable(),
  shipments: z.array(Shipment),
  placedAt: IsoDateTime,
  fulfilment: OrderFulfilment,
});
export type Order = z.infer<typeof Order>;

/**
 * `GET /v1/orders/:id` for the shopper: the order, and the IANA zone of its destination, the clock
 * every time of it is shown on (contract/timeline.ts).
 */
export const ShopperOrder = Order.extend({ timeZone: z.string() });
export type ShopperOrder = z.infer<typeof ShopperOrder>;

export const OrderParams = z.object({ id: z.string().min(1).max(80) }).strict();
/** The order's access token: whoever holds it may read the order (the shopper's link). */
export const OrderAccessQuery = z.object({ token: z.string().min(1).max(200) }).strict();

export { RequestCodeBody as RequestMemberCodeBody } from './primitives.js';
/** Body of `POST /v1/members/sessions`: the emailed code, and whether to stay signed in on this device. */
export const VerifyMemberCodeBody = VerifyCodeBody.extend({
  /** Keep the sign-in for 30 days (the widget then keeps the token on the device); two hours otherwise. */
  remember: z.boolean().default(false),
}).strict();
export type VerifyMemberCodeBody = z.input<typeof VerifyMemberCodeBody>;
/** A member session: its token (sent back in `nearbuy-member-token`), whose it is, and until when. */
export const MemberToken = z.object({ token: z.string(), email: z.string(), expiresAt: IsoDateTime });
export type MemberToken = z.infer<typeof MemberToken>;
