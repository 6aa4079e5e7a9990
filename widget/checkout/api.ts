/** The checkout's API calls; in the checkout chunk, apart from the promise call the first chunk needs. */
import type {
  CheckoutSession,
  ConfirmTestPaymentBody,
  CreateCheckoutSessionBody,
  MemberToken,
  ServedRegions,
} from '../../contract/public.js';
import { API_PATHS, HEADERS } from '../../contract/http.js';
import { call, type ApiConfig } from '../internal/api.js';

function post<T>(config: ApiConfig, path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  return call(config, path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
}

export function createCheckoutSession(
  config: ApiConfig,
  body: CreateCheckoutSessionBody,
  idempotencyKey: string,
): Promise<CheckoutSession> {
  return post(config, API_PATHS.checkoutSessions, body, { [HEADERS.idempotencyKey]: idempotencyKey });
}

export function getCheckoutSession(config: ApiConfig, id: string): Promise<CheckoutSession> {
  return call(config, API_PATHS.checkoutSession(id));
}

export function confirmTestPayment(config: ApiConfig, id: string, body: ConfirmTestPaymentBody): Promise<CheckoutSession> {
  return post(config, API_PATHS.confirmCheckoutSession(id), body);
}

export function requestMemberCode(config: ApiConfig, email: string): Promise<unknown> {
  return post(config, API_PATHS.memberCodes, { email });
}

export function createMemberSession(config: ApiConfig, email: string, code: string): Promise<MemberToken> {
  return post(config, API_PATHS.memberSessions, { email, code });
}

/** The countries and states the merchant delivers to, for the address selects. */
export function getServedRegions(config: ApiConfig): Promise<ServedRegions> {
  return call(config, API_PATHS.regions);
}
