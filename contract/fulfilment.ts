/**
 * The admin (secret-key) contract of fulfilment and merchant webhooks: pick lists, marking
 * parcels picked and ready, shortages, tracking numbers, and webhook endpoints with their
 * delivery log. Server-side callers only; the widget never imports this module.
 */
import { z } from 'zod';
import { Order, OrderStatus } from './public.js';
import { IsoDateTime, ServiceId, Sku, Text } from './primitives.js';

// ---- pick lists ----

export const PickUrgency = z.enum(['ok', 'soon', 'overdue']);
export type PickUrgency = z.infer<typeof PickUrgency>;

export const PickListEntry = z.object({
  orderId: z.string(),
  /** "NB-7K4Q-2M": the order number staff read to the shopper or the courier. */
  orderNumber: z.string(),
  status: OrderStatus,
  service: ServiceId,
  /** When the parcel must be ready: the handover the promise assumed. */
  readyBy: IsoDateTime,
  /** Minutes until `readyBy` (negative once it has passed). */
  minutesLeft: z.number().int(),
  /** `soon` within 30 minutes of `readyBy`, `overdue` past it; `ok` otherwise. */
  urgency: PickUrgency,
  /** A sentence staff can read: "Ready by 1:30 PM — 12 min left", "Overdue by 5 min". */
  warning: z.string().nullable(),
  shopperName: z.string(),
  lines: z.array(z.object({ sku: Sku, title: z.string(), quantity: z.number().int(), picked: z.number().int() })),
});
export type PickListEntry = z.infer<typeof PickListEntry>;

export const PickList = z.object({
  nodeId: z.string(),
  nodeName: z.string(),
  /** The instant the list was made at. */
  at: IsoDateTime,
  /** Parcels to prepare, the one needed first first. */
  toPick: z.array(PickListEntry),
  /** Parcels ready and waiting for the courier or carrier. */
  awaitingPickup: z.array(PickListEntry),
});
export type PickList = z.infer<typeof PickList>;

export const ParcelParams = z.object({ id: z.string().min(1).max(80), nodeId: z.string().min(1).max(64) }).strict();

/** Body of `POST …/parcels/:nodeId/picked`: lines picked now; every line in full when absent. */
export const MarkPickedBody = z
  .object({
    lines: z
      .array(z.object({ sku: Sku, quantity: z.number().int().min(1).max(99) }).strict())
      .min(1)
      .max(50)
      .optional(),
  })
  .strict();
export type MarkPickedBody = z.infer<typeof MarkPickedBody>;

/** Body of `POST …/parcels/:nodeId/shortage`: units of a SKU staff could not find on the shelf. */
export const ShortageBody = z
  .object({
    sku: Sku,
    /** Units of this parcel's line that are not there. */
    missing: z.number().int().min(1).max(99),
    /** What is really left on the shelf after this pick, when staff counted it; 0 when absent. */
    shelfCount: z.number().int().min(0).max(1_000_000_000).optional(),
    /**
     * When the shelf will hold the missing units again (the supplier's delivery), if staff know:
     * the parcel then waits for them when this place can still deliver inside the order's window.
     * Later than now and at most 60 days ahead.
     */
    restockAt: IsoDateTime.optional(),
  })
  .strict();
export type ShortageBody = z.infer<typeof ShortageBody>;

export const ShortageResult = z.object({
  /**
   * `repromised`: another place sends the missing units; `waiting`: this place sends them after
   * its restock, still inside the window; `refunded`: the order was cancelled and refunded.
   */
  outcome: z.enum(['repromised', 'waiting', 'refunded']),
  /** The place now sending the missing units (repromised; waiting: this one). */
  fromNodeId: z.string().nullable(),
  order: Order,
});
export type ShortageResult = z.infer<typeof ShortageResult>;

const TrackingFields = {
  carrier: Text(60),
  number: z
    .string()
    .trim()
    .min(4)
    .max(64)
    .regex(/^[A-Za-z0-9 -]+$/, 'A tracking number is letters, digits, spaces or dashes'),
  url: z
    .url({ protocol: /^https$/ })
    .max(500)
    .optional(),
};

/** Body of `PUT /v1/admin/orders/:id/tracking`. */
export const SetTrackingBody = z.object(TrackingFields).strict();
export type SetTrackingBody = z.infer<typeof SetTrackingBody>;

/** Body of `POST /v1/admin/orders/tracking`: many at once, as a carrier's export gives them. */
export const ImportTrackingBody = z
  .object({
    items: z
      .array(z.object({ orderId: z.string().min(1).max(80), ...TrackingFields }).strict())
      .min(1)
      .max(500),
  })
  .strict();
export type ImportTrackingBody = z.infer<typeof ImportTrackingBody>;

export const ImportTrackingResult = z.object({
  items: z.array(z.object({ orderId: z.string(), ok: z.boolean(), error: z.string().nullable() })),
});

/** Orders that need the merchant's eye: late against their promise, or a failed delivery. */
export const AttentionList = z.object({ late: z.array(Order), failed: z.array(Order) });

// ---- webhooks ----

export const WEBHOOK_EVENT_TYPES = [
  'order.placed',
  'order.status_changed',
  'order.cancelled',
  'order.refunded',
  'order.delivery_late',
  'stock.low',
  'webhook.test',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** https anywhere; plain http only to this machine, for development. */
export const WebhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((u) => {
    // The contract has no URL class (it is built for the widget too): read scheme and host by hand.
    const m = /^(https?):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)/i.exec(u);
    return m !== null && (m[1]!.toLowerCase() === 'https' || isLoopback(m[2]!.toLowerCase()));
  }, 'A webhook URL must use https (plain http only to localhost)');

export const CreateWebhookEndpointBody = z
  .object({
    url: WebhookUrl,
    description: Text(200, 0).default(''),
    /** Event types to send; every type when empty. */
    eventTypes: z.array(WebhookEventType).max(WEBHOOK_EVENT_TYPES.length).default([]),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateWebhookEndpointBody = z.infer<typeof CreateWebhookEndpointBody>;

export const UpdateWebhookEndpointBody = z
  .object({
    url: WebhookUrl,
    description: Text(200, 0),
    eventTypes: z.array(WebhookEventType).max(WEBHOOK_EVENT_TYPES.length),
    enabled: z.boolean(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change');
export type UpdateWebhookEndpointBody = z.infer<typeof UpdateWebhookEndpointBody>;

export const WebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(WebhookEventType),
  enabled: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const WebhookEndpointList = z.object({ items: z.array(WebhookEndpoint) });

/** The signing secret (`whsec_…`), with the previous one while it still signs after a rotation. */
export const WebhookSecret = z.object({
  secret: z.string(),
  previousSecretExpiresAt: IsoDateTime.nullable(),
});

export const WebhookEndpointCreated = WebhookEndpoint.extend({ secret: z.string() });

export const WebhookEndpointParams = z.object({ id: z.string().min(1).max(80) }).strict();

export const WebhookAttempt = z.object({
  eventId: z.string(),
  eventType: z.string(),
  attempt: z.number().int(),
  at: IsoDateTime,
  /** The receiver's HTTP status; null when no answer came. */
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  /** The first characters of the receiver's answer. */
  response: z.string().nullable(),
});

export const WebhookDeliveryState = z.object({
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: IsoDateTime.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: IsoDateTime,
});

export const WebhookDeliveryLog = z.object({ deliveries: z.array(WebhookDeliveryState), attempts: z.array(WebhookAttempt) });

export const WebhookTestResult = z.object({ eventId: z.string() });
