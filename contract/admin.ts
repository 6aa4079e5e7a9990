/**
 * The admin (secret-key) half of the HTTP contract: products, nodes, inventory, merchant
 * settings, orders and members. Server-side callers only; the widget never imports this module.
 */
import { z } from 'zod';
import { Order, OrderStatus } from './public.js';
import { CurrencyCode, IsoDate, IsoDateTime, Money, NodeKind, SERVICE_IDS, ServiceId, Sku, Text, TimeOfDay } from './primitives.js';

/** An amount in integer minor units, small enough to stay exact in JSON numbers. */
export const MinorUnits = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const NodeId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'A node id is 1–64 letters, digits, dots, dashes or underscores');
export type NodeId = z.infer<typeof NodeId>;

function isIanaTimeZone(zone: string): boolean {
  // Intl also accepts offsets such as "+05:00"; a node needs a named zone for DST rules.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z.string().min(1).max(64).refine(isIanaTimeZone, 'An IANA time zone such as America/Phoenix');

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const NodeCalendar = z
  .object({
    /** ISO weekdays the node is closed every week: 1 = Monday … 7 = Sunday. */
    closedWeekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
    /** Local dates the node is closed (holidays, stock-takes). */
    closedDates: z.array(IsoDate.refine(isRealDate, 'Not a real calendar date')).max(1000).default([]),
  })
  .strict();

export const ServiceClosedDates = z.partialRecord(ServiceId, z.array(IsoDate.refine(isRealDate, 'Not a real calendar date')).max(1000));

/** Orders per local day a node can hand over on a service; a service left out is unlimited. */
export const Capacities = z.partialRecord(
  ServiceId,
  z
    .number('Orders a day is a whole number, such as 60')
    .int('Orders a day is a whole number, such as 60')
    .min(0, 'Orders a day cannot be negative')
    .max(1_000_000, 'Orders a day is at most 1,000,000'),
);

/** Daily order cut-off per service, local HH:MM; a node offers only services listed here. */
export const Cutoffs = z.partialRecord(ServiceId, TimeOfDay);

/** A node's fields, shared with the console's places editor (`contract/console.ts`). */
export const nodeFields = {
  name: Text(200),
  kind: NodeKind,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  timeZone: TimeZone,
  /** Minutes between the cut-off and the parcel being ready for pickup (up to a week). */
  handlingMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  calendar: NodeCalendar.default({ closedWeekdays: [], closedDates: [] }),
  cutoffs: Cutoffs,
  /** Local HH:MM the parcel carrier collects; null or absent: whenever a parcel is ready. */
  carrierPickup: TimeOfDay.nullable().optional(),
  /** Next-day cut-off, local HH:MM, for parcels that fly (beyond ~150 miles); null: none. */
  airCutoff: TimeOfDay.nullable().optional(),
  /** Whether the merchant buys Saturday delivery for next-day and two-day parcels from here. */
  saturdayDelivery: z.boolean().default(false),
  /** Per service, local dates it does not run from this node (gig drivers on Thanksgiving). */
  serviceClosedDates: ServiceClosedDates.default({}),
  /** Per service, orders a day the node can hand over (picking, driver slots, a route); absent: unlimited. */
  capacities: Capacities.default({}),
};

/** Body of `POST /v1/admin/nodes`. */
// Which services a node kind can offer is the engine's rule, checked by the route.
export const CreateNodeBody = z.object({ id: NodeId, ...nodeFields }).strict();
export type CreateNodeBody = z.infer<typeof CreateNodeBody>;

/** Body of `PATCH /v1/admin/nodes/:id`: any subset of fields; the merged node is re-checked. */
/** The node fields that carry a default, without it: in a PATCH a field left out keeps its stored value. */
export const nodeChangeFields = {
  calendar: NodeCalendar,
  saturdayDelivery: z.boolean(),
  serviceClosedDates: ServiceClosedDates,
  capacities: Capacities,
};

export const UpdateNodeBody = z
  .object({ ...nodeFields, ...nodeChangeFields })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change');
export type UpdateNodeBody = z.infer<typeof UpdateNodeBody>;

export const Node = z.object({
  id: NodeId,
  name: z.string(),
  kind: NodeKind,
  lat: z.number(),
  lng: z.number(),
  timeZone: z.string(),
  handlingMinutes: z.number().int(),
  calendar: z.object({ closedWeekdays: z.array(z.number().int()), closedDates: z.array(z.string()) }),
  cutoffs: z.partialRecord(ServiceId, z.string()),
  carrierPickup: z.string().nullable(),
  airCutoff: z.string().nullable(),
  saturdayDelivery: z.boolean(),
  serviceClosedDates: z.partialRecord(ServiceId, z.array(z.string())),
  capacities: z.partialRecord(ServiceId, z.number().int()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Node = z.infer<typeof Node>;

export const NodeIdParams = z.object({ id: NodeId }).strict();
export const SkuParams = z.object({ sku: Sku }).strict();

/** `?limit=&after=` on list routes: keyset pagination by id / SKU. */
export const ListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    after: z.string().max(64).optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof ListQuery>;

export const NodeList = z.object({ items: z.array(Node), nextCursor: z.string().nullable() });

// ---- products ----

const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .or(z.string().regex(/^\/[^\s]{0,2047}$/, 'An absolute http(s) URL or a path starting with /'));

const productFields = {
  title: Text(200),
  /** Unit price in minor units; its currency must be the merchant's. */
  price: z.object({ amount: MinorUnits, currency: CurrencyCode }).strict(),
  imageUrl: HttpUrl.nullable().default(null),
  /** Whether members get free fast delivery on this product. */
  fastDeliveryEligible: z.boolean().default(true),
};

/** Body of `POST /v1/admin/products`. */
export const CreateProductBody = z.object({ sku: Sku, ...productFields }).strict();
export type CreateProductBody = z.infer<typeof CreateProductBody>;

/** Body of `PATCH /v1/admin/products/:sku`. */
export const UpdateProductBody = z
  .object({
    title: productFields.title,
    price: productFields.price,
    imageUrl: HttpUrl.nullable(),
    fastDeliveryEligible: z.boolean(),
    /** True takes the product off sale (promises and checkout no longer offer it; orders keep it); false puts it back. */
    archived: z.boolean(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change');
export type UpdateProductBody = z.infer<typeof UpdateProductBody>;

export const Product = z.object({
  sku: Sku,
  title: z.string(),
  price: Money,
  imageUrl: z.string().nullable(),
  fastDeliveryEligible: z.boolean(),
  /** Off sale: promises and checkout no longer offer it. */
  archived: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Product = z.infer<typeof Product>;

export const ProductList = z.object({ items: z.array(Product), nextCursor: z.string().nullable() });

// ---- inventory ----

/** Most units a node can hold of one SKU (fits a PostgreSQL integer with room). */
export const MAX_ON_HAND = 1_000_000_000;
/** Most rows in one bulk inventory call. */
export const MAX_INVENTORY_ROWS = 10_000;

export const InventoryLevelInput = z
  .object({
    nodeId: NodeId,
    sku: Sku,
    onHand: z.number().int().min(0).max(MAX_ON_HAND),
  })
  .strict();

/** Body of `PUT /v1/admin/inventory`: sets on-hand per (node, SKU); reserved is never touched. */
export const BulkInventoryBody = z
  .object({ levels: z.array(InventoryLevelInput).min(1).max(MAX_INVENTORY_ROWS) })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.levels.forEach((level, i) => {
      const key = `${level.nodeId}\u0000${level.sku}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i],
          message: `SKU ${level.sku} at node ${level.nodeId} appears twice (rows ${first} and ${i})`,
        });
      } else {
        seen.set(key, i);
      }
    });
  });
export type BulkInventoryBody = z.infer<typeof BulkInventoryBody>;

export const BulkInventoryResult = z.object({
  /** Rows written (created or changed). */
  upserted: z.number().int().nonnegative(),
});

const StockFigures = {
  onHand: z.number().int().nonnegative(),
  reserved: z.number().int().nonnegative(),
  /** on hand − reserved: what a promise may use. */
  available: z.number().int().nonnegative(),
};

export const InventoryView = z.object({
  sku: Sku,
  totals: z.object(StockFigures),
  levels: z.array(z.object({ nodeId: NodeId, nodeName: z.string(), nodeKind: NodeKind, ...StockFigures })),
});
export type InventoryView = z.infer<typeof InventoryView>;

// ---- merchant settings ----

/**
 * An origin a merchant's pages are served from: scheme, host and optional port, or `:*` for any
 * port (handy for localhost). No path, no trailing slash.
 */
export const AllowedOrigin = z
  .string()
  .max(200)
  .transform((s) => s.toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        /^https?:\/\/([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(:(\d{1,5}|\*))?$/,
        'An origin such as https://shop.example or http://localhost:* (scheme, host, optional port; no path)',
      ),
  );

const ServiceFees = z.object(Object.fromEntries(SERVICE_IDS.map((s) => [s, MinorUnits])) as Record<ServiceId, typeof MinorUnits>).strict();

/** How the merchant charges delivery; amounts in the merchant's currency, minor units. */
export const FeePolicySettings = z
  .object({
    fees: ServiceFees,
    freeShippingThreshold: MinorUnits.nullable(),
    freeShippingServices: z.array(ServiceId).max(SERVICE_IDS.length),
    memberFreeServices: z.array(ServiceId).max(SERVICE_IDS.length),
  })
  .strict();
export type FeePolicySettings = z.infer<typeof FeePolicySettings>;

const NODE_KIND_IDS = NodeKind.options;
const HandlingFactor = z.number().min(1).max(5);
const EarlierMinutes = z.number().int().min(0).max(240);
const SlackDays = z.number().int().min(0).max(5);
const SafetyUnits = z.number().int().min(0).max(1000);
const SecondSourceKinds = z
  .array(NodeKind)
  .max(NODE_KIND_IDS.length)
  .refine((kinds) => new Set(kinds).size === kinds.length, { message: 'Each node kind once' });
const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'A month and day, MM-DD, such as 11-20');

/**
 * How much slower promises are made so that they are kept (docs/simulation.md, "Buffers"): the
 * handling the engine plans with (stated × factor, per node kind), cut-offs brought forward per
 * service, delivery days of slack added to a window's end per service and season, when peak
 * season runs, the units of each SKU a node of each kind holds back from promises (safety
 * stock; a set saved without it holds back none), and the node kinds same-day and the local
 * courier are offered from only where a second place could send the same parcel (a set saved
 * without it offers every node alone). Same-day takes no slack: its window must stay today.
 */
export const DeliveryBuffers = z
  .object({
    handlingFactor: z
      .object(Object.fromEntries(NODE_KIND_IDS.map((k) => [k, HandlingFactor])) as Record<NodeKind, typeof HandlingFactor>)
      .strict(),
    earlierCutoffMinutes: z
      .object(Object.fromEntries(SERVICE_IDS.map((s) => [s, EarlierMinutes])) as Record<ServiceId, typeof EarlierMinutes>)
      .strict(),
    slackDays: z
      .object(
        Object.fromEntries(SERVICE_IDS.map((s) => [s, z.object({ normal: SlackDays, peak: SlackDays }).strict()])) as Record<
          ServiceId,
          z.ZodObject<{ normal: typeof SlackDays; peak: typeof SlackDays }>
        >,
      )
      .strict()
      .refine((d) => d.same_day.normal === 0 && d.same_day.peak === 0, {
        message: 'Same-day takes no slack: its window must stay today',
        path: ['same_day'],
      }),
    peakSeason: z.object({ from: MonthDay, to: MonthDay }).strict(),
    safetyStock: z
      .object(Object.fromEntries(NODE_KIND_IDS.map((k) => [k, SafetyUnits])) as Record<NodeKind, typeof SafetyUnits>)
      .strict()
      .default({ fulfillment_center: 0, delivery_station: 0, mall_store: 0, local_store: 0 })
      .describe('Units of each SKU a node of this kind holds that are not promised (on hand − reserved − safety); default 0'),
    secondSource: z
      .object({ same_day: SecondSourceKinds, local_courier: SecondSourceKinds })
      .strict()
      .default({ same_day: [], local_courier: [] })
      .describe(
        'Per local service, the node kinds it is offered from only when another node in reach, offering it, holds every item of the shipment; default none',
      ),
  })
  .strict();
export type DeliveryBuffers = z.infer<typeof DeliveryBuffers>;

/**
 * A payment that lands after its option's order-by, when the window can no longer be made: take
 * the current window for the same service and tell the shopper, or refund.
 */
export const LatePayment = z.enum(['re_promise', 'refund']);
export type LatePayment = z.infer<typeof LatePayment>;

export const MerchantSettings = z.object({
  id: z.string(),
  name: z.string(),
  publishableKey: z.string(),
  currency: CurrencyCode,
  allowedOrigins: z.array(z.string()),
  feePolicy: FeePolicySettings,
  latePayment: LatePayment,
  /** The buffers promises are made with now: the recommended set unless the merchant set its own. */
  deliveryBuffers: DeliveryBuffers,
  /**
   * Whose buffers those are: `recommended` (the default), the `merchant`'s own, or `none` (the
   * merchant's own choice of a set that changes nothing: stated handling and cut-offs, no slack).
   */
  deliveryBuffersSource: z.enum(['recommended', 'merchant', 'none']),
  /**
   * The buffers the simulator recommends (`npm run simulate -- --choose`) and promises use by
   * default: next-day, two-day and standard kept at 99% or more, at the cost of promises given as
   * ranges of days ("Wed – Fri"), named and weighed by their last day.
   */
  recommendedDeliveryBuffers: DeliveryBuffers,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type MerchantSettings = z.infer<typeof MerchantSettings>;

/** Body of `PATCH /v1/admin/merchant`. The currency is fixed at creation (prices depend on it). */
export const UpdateMerchantSettingsBody = z
  .object({
    name: Text(200),
    allowedOrigins: z.array(AllowedOrigin).max(50),
    feePolicy: FeePolicySettings,
    latePayment: LatePayment,
    /**
     * The merchant's own buffers; null goes back to the recommended set. To promise without
     * buffers, send a set with handling factors of 1 and no minutes or days (`deliveryBuffersSource: none`).
     */
    deliveryBuffers: DeliveryBuffers.nullable(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change');
export type UpdateMerchantSettingsBody = z.infer<typeof UpdateMerchantSettingsBody>;

export const DeletedBody = z.object({ deleted: z.literal(true) });

// ---- orders ----

export const OrderListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    status: OrderStatus.optional(),
  })
  .strict();

export const OrderList = z.object({ items: z.array(Order) });

export const SetOrderStatusBody = z
  .object({
    /** The next step (placed → ready → picked_up → out_for_delivery → delivered), delivery_failed in transit, or cancelled. */
    status: OrderStatus.exclude(['placed']),
  })
  .strict();

// ---- members ----

export const MemberEmailParams = z.object({ email: z.string().trim().toLowerCase().email().max(254) }).strict();
export const Member = z.object({ email: z.string(), createdAt: z.string() });
export const MemberList = z.object({ items: z.array(Member) });
