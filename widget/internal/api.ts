/**
 * The widget's HTTP client: one `fetch` wrapper that speaks the contract in `contract/`, turns
 * every failure into a {@link NearbuyApiError} with a stable code, and never throws anything else
 * (aborts excepted, which callers treat as "nothing happened").
 */
import type { PromiseResponse } from '../../contract/public.js';
/**
 * `API_PATHS.promise` and two `HEADERS` of `contract/http.ts`, written out so that the first
 * chunk does not carry every path of the API (`tests/widget/contract.test.ts` keeps them equal; the
 * checkout chunk imports the contract's constants directly).
 */
export const PROMISE_PATH = '/v1/promise';
export const AUTHORIZATION_HEADER = 'authorization';
export const MEMBER_TOKEN_HEADER = 'nearbuy-member-token';

/** An error from the API (or from reaching it), with the contract's stable error code. */
export class NearbuyApiError extends Error {
  constructor(
    /** A code from `contract/http.ts` (`out_of_stock`, `payment_declined`, …), or `network`. */
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiConfig {
  apiBase: string;
  publishableKey: string;
  memberToken?: string | null | undefined;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export async function call<T>(
  config: ApiConfig,
  path: string,
  /** `body` is already JSON (see `checkout/api.ts`), so that serializing stays out of the first chunk. */
  init: { method?: string; body?: string; headers?: Record<string, string>; signal?: AbortSignal | undefined } = {},
  /** The key is already in `path` (`?key=`), so that a GET stays a CORS simple request. */
  keyInPath = false,
): Promise<T> {
  if (!String(config.publishableKey).startsWith('pk_')) {
    throw new NearbuyApiError('invalid_request', `Expected publishable-key pk_…, got ${JSON.stringify(config.publishableKey)}`, 0);
  }
  const headers: Record<string, string> = { ...init.headers };
  if (!keyInPath) headers[AUTHORIZATION_HEADER] = `Bearer ${config.publishableKey}`;
  if (config.memberToken) headers[MEMBER_TOKEN_HEADER] = config.memberToken;
  let response: Response;
  try {
    response = await fetch(config.apiBase.replace(/\/+$/, '') + path, { ...init, headers, credentials: 'omit' });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new NearbuyApiError('network', 'The store could not be reached', 0);
  }
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
  }
  if (!response.ok) {
    const body = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    throw new NearbuyApiError(
      typeof body?.code === 'string' ? body.code : response.status >= 500 ? 'internal' : 'invalid_request',
      typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`,
      response.status,
      body?.details,
    );
  }
  if (response.status !== 204 && (payload === null || typeof payload !== 'object')) {
    throw new NearbuyApiError('internal', 'Expected a JSON object from the API', response.status);
  }
  return payload as T;
}

export interface PromiseParams {
  sku: string;
  quantity: number;
  postalCode: string;
}

/**
 * `GET /v1/promise` as a CORS simple request: the key in the query, no Authorization header, so
 * a cross-origin page pays no preflight round trip before the promise (a member's token is still
 * a header, and their requests are preflighted).
 */
export function getPromise(config: ApiConfig, params: PromiseParams, signal?: AbortSignal): Promise<PromiseResponse> {
  const query = new URLSearchParams({
    sku: params.sku,
    qty: String(params.quantity),
    postal_code: params.postalCode,
    key: config.publishableKey,
  });
  return call(config, `${PROMISE_PATH}?${query}`, { signal }, true);
}
