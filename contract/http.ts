/**
 * Paths, headers and error codes of the HTTP API, shared by server and widget. Plain constants:
 * safe for the widget bundle.
 */

export const API_PATHS = {
  promise: '/v1/promise',
  regions: '/v1/regions',
  checkoutSessions: '/v1/checkout/sessions',
  checkoutSession: (id: string) => `/v1/checkout/sessions/${encodeURIComponent(id)}`,
  confirmCheckoutSession: (id: string) => `/v1/checkout/sessions/${encodeURIComponent(id)}/confirm`,
  order: (id: string) => `/v1/orders/${encodeURIComponent(id)}`,
  memberCodes: '/v1/members/codes',
  memberSessions: '/v1/members/sessions',
  /** The member session of the request's `nearbuy-member-token`: `DELETE` signs it out. */
  currentMemberSession: '/v1/members/sessions/current',
  stripeWebhook: '/v1/webhooks/stripe',
} as const;

export const HEADERS = {
  /** `Authorization: Bearer pk_…` on public calls, `Bearer sk_…` on admin calls. */
  authorization: 'authorization',
  /** A member's shopper token (from member sign-in; revocable, expiring). */
  memberToken: 'nearbuy-member-token',
  /** Required on `POST /v1/checkout/sessions`. */
  idempotencyKey: 'idempotency-key',
} as const;

/** Stable error codes and the HTTP status each is sent with. */
export const ERROR_STATUS = {
  invalid_request: 400,
  idempotency_key_missing: 400,
  unauthorized: 401,
  payment_declined: 402,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_key_in_flight: 409,
  out_of_stock: 409,
  promise_changed: 409,
  session_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  unprocessable: 422,
  undeliverable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
