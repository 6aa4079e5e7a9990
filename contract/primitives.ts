/**
 * Shared primitives of the HTTP contract. Imported by the server (for validation and OpenAPI)
 * and by the widget (types only: `import type`, so zod never reaches the widget bundle).
 */
import { z } from 'zod';

export const SERVICE_IDS = ['same_day', 'local_courier', 'next_day', 'two_day', 'standard'] as const;
export const ServiceId = z.enum(SERVICE_IDS);
export type ServiceId = z.infer<typeof ServiceId>;

/**
 * What an option is called: its service's name while the window's last day bears it out, else
 * the generic name of its kind (`express` for next-day, `expedited` for two-day).
 */
export const OPTION_NAMES = [...SERVICE_IDS, 'express', 'expedited'] as const;
export const OptionName = z.enum(OPTION_NAMES);
export type OptionName = z.infer<typeof OptionName>;

export const NODE_KINDS = ['fulfillment_center', 'delivery_station', 'mall_store', 'local_store'] as const;
export const NodeKind = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKind>;

export const Sku = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'A SKU is 1–64 letters, digits, dots, dashes or underscores');
export type Sku = z.infer<typeof Sku>;

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'A currency is an ISO 4217 code such as USD');

/** An amount of money in integer minor units (cents for USD). */
export const Money = z.object({
  amount: z.number().int().nonnegative(),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/** An instant written with the offset of the zone it is shown in, e.g. 2026-11-25T16:00:00-07:00. */
export const IsoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'An ISO 8601 date-time with an offset');

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date written YYYY-MM-DD');

/** A time of day, HH:MM on a 24-hour clock. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time of day written HH:MM (24-hour clock)');

export const Quantity = z.number().int().min(1).max(99);

// Lone UTF-16 surrogates and control characters (NUL above all) cannot be stored as text in
// PostgreSQL; refusing them at the edge keeps "odd unicode" a 400 instead of a database error.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_TEXT = /[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Human-readable text: trimmed, min..max characters, no control characters or broken unicode. */
export function Text(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !UNSAFE_TEXT.test(s), 'Text must not contain control characters or unpaired surrogates');
}

/** An email address, lower-cased. */
export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email('Give a valid email address'));

/** A one-time sign-in code as emailed to people (console staff, members): six digits. */
export const OneTimeCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'The code is 6 digits');

/** Asking for a one-time code by email, and proving the address with it (console and members alike). */
export const RequestCodeBody = z.object({ email: Email }).strict();
export const VerifyCodeBody = z.object({ email: Email, code: OneTimeCode }).strict();

/** The one shape of every error the API returns. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
