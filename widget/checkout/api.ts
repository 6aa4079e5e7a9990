/** The checkout's API calls; in the checkout chunk, apart from the promise call the first chunk needs. */
import type {
  CheckoutSession,
  ConfirmTestPaymentBody,
  CreateCheckoutSessionBody,
  MemberToken,
  VerifyMemberCodeBody,
  ServedRegions,
  ShopperOrder,
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

/** The order with its timeline and its destination's zone, read with its access token. */
export function getOrder(config: ApiConfig, id: string, token: string, signal?: AbortSignal): Promise<ShopperOrder> {
  return call(config, `${API_PATHS.order(id)}?token=${encodeURIComponent(token)}`, { signal });
}

export function requestMemberCode(config: ApiConfig, email: string): Promise<unknown> {
  return post(config, API_PATHS.memberCodes, { email });
}

/** `remember`: a 30-day session the device keeps, instead of two hours. */
export function createMemberSession(config: ApiConfig, email: string, code: string, remember: boolean): Promise<MemberToken> {
  const body: VerifyMemberCodeBody = { email, code, remember };
  return post(config, API_PATHS.memberSessions, body);
}

/** Signs the member token of `config` out on the server (every process refuses it from then on). */
export function deleteMemberSession(config: ApiConfig): Promise<unknown> {
  return call(config, API_PATHS.currentMemberSession, { method: 'DELETE' });
}

/** The countries and states the merchant delivers to, for the address selects. */
export function getServedRegions(config: ApiConfig): Promise<ServedRegions> {
  return call(config, API_PATHS.regions);
}
