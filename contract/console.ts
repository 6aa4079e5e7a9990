/**
 * The merchant console's API (`/console/api/…`, cookie session, not public API keys). The
 * console's browser code imports these types only. docs/ARCHITECTURE.md, "The console".
 */
import { z } from 'zod';
import { AllowedOrigin, FeePolicySettings, Node, NodeId, Product, nodeChangeFields, nodeFields } from './admin.js';
import { CurrencyCode, Email, NodeKind, ServiceId, Text } from './primitives.js';
import { Order, OrderStatus } from './public.js';

export { CSRF_HEADER, CONSOLE_HEADER, SESSION_COOKIE } from './console-http.js';

export const SignUpBody = z
  .object({
    name: Text(120),
    email: Email,
    merchantName: Text(200),
    allowedOrigins: z.array(AllowedOrigin).min(1, 'Give at least one storefront origin, such as https://shop.example').max(50),
    currency: CurrencyCode.default('USD'),
  })
  .strict();
export type SignUpBody = z.infer<typeof SignUpBody>;

export { RequestCodeBody, VerifyCodeBody } from './primitives.js';

/** The same answer whether or not the address has an account. */
export const CodeSent = z.object({ message: z.string() });

export const ConsoleRole = z.enum(['owner', 'staff']);
export const ConsolePerson = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ConsoleRole,
  /** Staff: the places they see (every place when empty). */
  nodeIds: z.array(z.string()),
  createdAt: z.string(),
});
export type ConsolePerson = z.infer<typeof ConsolePerson>;

export const ConsoleSessionInfo = z.object({
  user: ConsolePerson,
  merchant: z.object({ id: z.string(), name: z.string(), currency: z.string() }),
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type ConsoleSessionInfo = z.infer<typeof ConsoleSessionInfo>;

export const ConsoleKeys = z.object({
  publishableKey: z.string(),
  allowedOrigins: z.array(z.string()),
  /** Where the widget's script is served from (this server). */
  widgetUrl: z.string(),
  apiBase: z.string(),
  /** A product's SKU the snippet uses (the first product's, or a placeholder). */
  sampleSku: z.string(),
});
export type ConsoleKeys = z.infer<typeof ConsoleKeys>;

export const RolledSecretKey = z.object({ secretKey: z.string() });
export const SetOriginsBody = z.object({ allowedOrigins: z.array(AllowedOrigin).min(1).max(50) }).strict();

const DateOnly = z.iso.date('A date such as 2026-03-10');

export const ConsoleOrderQuery = z
  .object({
    status: OrderStatus.optional(),
    service: ServiceId.optional(),
    nodeId: NodeId.optional(),
    from: DateOnly.optional(),
    to: DateOnly.optional(),
    q: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ConsoleOrderQuery = z.infer<typeof ConsoleOrderQuery>;
export const ConsoleOrderCsvQuery = ConsoleOrderQuery.omit({ limit: true, offset: true });

export const ConsoleOrderPage = z.object({
  items: z.array(Order),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ConsoleOrderPage = z.infer<typeof ConsoleOrderPage>;

export const CancelOrderBody = z
  .object({ confirm: z.literal(true, 'Confirm the cancellation: the shopper is refunded and the stock returns to its place') })
  .strict();

/** A place as the console shows it: the admin API's node. */
export const ConsolePlace = Node;
export const ConsolePlaces = z.object({ items: z.array(ConsolePlace) });
export type ConsolePlace = z.infer<typeof ConsolePlace>;

/** A US postal code, from which the server finds the place's coordinates and time zone. */
export const PlacePostalCode = z
  .string()
  .trim()
  .regex(/^\d{5}(-\d{4})?$/, 'A US postal code is five digits, or ZIP+4 such as 85226-1234');

/** A node's fields but where it is: the server finds coordinates and time zone from the postal code. */
const { lat: _lat, lng: _lng, timeZone: _timeZone, ...placeFields } = nodeFields;

/**
 * Body of `POST /console/api/places`: the admin API's node with a postal code in place of
 * coordinates and zone. Without an id, the server makes one from the name.
 */
export const CreatePlaceBody = z.object({ id: NodeId.optional(), postalCode: PlacePostalCode, ...placeFields }).strict();
export type CreatePlaceBody = z.infer<typeof CreatePlaceBody>;

/** Body of `PATCH /console/api/places/:id`: any fields; a new postal code moves the place. */
export const UpdatePlaceBody = z
  .object({ postalCode: PlacePostalCode, ...placeFields, ...nodeChangeFields })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change');
export type UpdatePlaceBody = z.infer<typeof UpdatePlaceBody>;
export const PlaceParams = z.object({ id: NodeId }).strict();

/** Where parcels can go, as the engine groups destinations (contiguous states, Alaska, …). */
export const ReachRegion = z.enum(['contiguous', 'alaska', 'hawaii', 'puerto_rico', 'virgin_islands', 'pacific']);
export type ReachRegion = z.infer<typeof ReachRegion>;

/** One area a service reaches from a place: a radius around it, or whole regions. */
export const ReachArea = z.object({
  service: ServiceId,
  /** Next-day parcels that fly on the place's air cut-off, past the ground lane. */
  air: z.boolean(),
  /** Straight-line radius, km; null: everywhere in `regions`. */
  radiusKm: z.number().nullable(),
  regions: z.array(ReachRegion),
  /** The last instant to order for the next handover, in the place's zone; null: none within three weeks. */
  orderBy: z.string().nullable(),
});
export type ReachArea = z.infer<typeof ReachArea>;

/** `GET /console/api/places/reach`: what each place this person sees reaches now, by the engine's rules. */
export const PlacesReach = z.object({
  /** The instant the answer is for (the server's clock). */
  at: z.string(),
  places: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: NodeKind,
      lat: z.number(),
      lng: z.number(),
      timeZone: z.string(),
      areas: z.array(ReachArea),
    }),
  ),
});
export type PlacesReach = z.infer<typeof PlacesReach>;

export const InviteStaffBody = z.object({ email: Email, name: Text(120), nodeIds: z.array(NodeId).max(500).default([]) }).strict();
export const StaffPlacesBody = z.object({ nodeIds: z.array(NodeId).max(500) }).strict();
export const PeopleList = z.object({ items: z.array(ConsolePerson) });
export const PersonParams = z.object({ id: z.string().min(1).max(80) }).strict();

export const AuditList = z.object({
  items: z.array(
    z.object({
      at: z.string(),
      userEmail: z.string(),
      action: z.string(),
      subject: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});

/** `GET /console/api/products`: a page of products whose SKU or title contains `q`, by SKU. */
export const ConsoleProductQuery = z
  .object({
    q: z.string().trim().max(200, 'Search for at most 200 characters').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export type ConsoleProductQuery = z.infer<typeof ConsoleProductQuery>;
export const ConsoleProductPage = z.object({
  items: z.array(Product),
  /** How many products match in all. */
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ConsoleProductPage = z.infer<typeof ConsoleProductPage>;

/** Most rows in one stock import (the admin API's bulk limit). */
export const MAX_STOCK_IMPORT_ROWS = 10_000;

/** A CSV file's text: a header `node_id,sku,on_hand`, then one row per place and product. */
export const StockImportBody = z.object({ csv: z.string().min(1, 'The file is empty').max(2_000_000) }).strict();
export const StockImportResult = z.object({ imported: z.number().int() });
/** In the 422 of an import that wrote nothing: what was wrong, by line of the file. */
export const StockRowProblem = z.object({ line: z.number().int(), message: z.string() });
export type StockRowProblem = z.infer<typeof StockRowProblem>;

/** Available units at or below this read as low stock. */
export const LOW_STOCK = 2;

/** `GET /console/api/stock/levels`: every level this person may see, by place then SKU, a page at a time. */
export const StockLevelsQuery = z
  .object({
    /** Only levels with LOW_STOCK or fewer available. */
    low: z.enum(['true', 'false']).default('false'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export const StockLevel = z.object({
  nodeId: z.string(),
  sku: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
});
export type StockLevel = z.infer<typeof StockLevel>;
export const StockLevelPage = z.object({
  items: z.array(StockLevel),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type StockLevelPage = z.infer<typeof StockLevelPage>;

export const SetStockBody = z
  .object({ nodeId: NodeId, sku: z.string().min(1).max(64), onHand: z.number().int().min(0).max(1_000_000_000) })
  .strict();

/** `GET/PUT /console/api/delivery`: what shoppers pay for each service, in the store's currency (minor units). */
export const DeliverySettings = z.object({ currency: z.string(), feePolicy: FeePolicySettings });
export type DeliverySettings = z.infer<typeof DeliverySettings>;
/** Body of `PUT /console/api/delivery`: the whole fee policy (the admin API's shape). */
export const SetDeliveryBody = FeePolicySettings;
