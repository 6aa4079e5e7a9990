/**
 * The API, mocked with msw's service worker. Default handlers answer like a healthy server with
 * the test payment provider; tests override one route with `api.use(...)`. Every request is
 * logged (method, URL, headers, JSON body) for assertions.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import type { CreateCheckoutSessionBody } from '../../../contract/public.js';
import { API, REGIONS, checkoutSession, option, placedOrder, promiseResponse } from './fixtures.js';

export interface LoggedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

export const requests: LoggedRequest[] = [];

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

async function log(request: Request): Promise<LoggedRequest> {
  const text = request.method === 'GET' ? '' : await request.clone().text();
  const entry = { method: request.method, url: new URL(request.url), headers: request.headers, body: text ? JSON.parse(text) : undefined };
  requests.push(entry);
  return entry;
}

export const defaultHandlers: HttpHandler[] = [
  http.get(`${API}/v1/promise`, async ({ request }) => {
    const { url } = await log(request);
    const sku = url.searchParams.get('sku') ?? '';
    const postalCode = url.searchParams.get('postal_code') ?? '';
    const member = request.headers.has('nearbuy-member-token');
    const base = promiseResponse({ sku, postalCode, quantity: Number(url.searchParams.get('qty') ?? 1) });
    return HttpResponse.json(
      member ? { ...base, member, options: base.options.map((o) => ({ ...o, price: { ...o.price, amount: 0 } })) } : base,
    );
  }),
  http.get(`${API}/v1/regions`, async ({ request }) => {
    await log(request);
    return HttpResponse.json(REGIONS);
  }),
  http.post(`${API}/v1/checkout/sessions`, async ({ request }) => {
    const { body } = await log(request);
    const { items, service } = body as CreateCheckoutSessionBody;
    const quantity = items[0]?.quantity ?? 1;
    const shipping = service === 'next_day' ? 599 : 0;
    return HttpResponse.json(
      checkoutSession({
        items: [
          {
            sku: items[0]!.sku,
            title: `T-shirt ${items[0]!.sku}`,
            quantity,
            unitPrice: { amount: 2500, currency: 'USD' },
            lineTotal: { amount: 2500 * quantity, currency: 'USD' },
          },
        ],
        amounts: {
          subtotal: { amount: 2500 * quantity, currency: 'USD' },
          shipping: { amount: shipping, currency: 'USD' },
          total: { amount: 2500 * quantity + shipping, currency: 'USD' },
        },
        option: option({ service }),
      }),
      { status: 201 },
    );
  }),
  http.post(`${API}/v1/checkout/sessions/:id/confirm`, async ({ request, params }) => {
    const { body } = await log(request);
    const card = String((body as { cardNumber: string }).cardNumber).replace(/\s/g, '');
    if (card === '4000000000000002') return HttpResponse.json(errorBody('payment_declined', 'The card was declined'), { status: 402 });
    return HttpResponse.json(checkoutSession({ id: String(params.id), status: 'completed', order: placedOrder() }));
  }),
  http.post(`${API}/v1/members/codes`, async ({ request }) => {
    await log(request);
    return new HttpResponse(null, { status: 204 });
  }),
  http.post(`${API}/v1/members/sessions`, async ({ request }) => {
    const { body } = await log(request);
    const { code, email, remember } = body as { code: string; email: string; remember?: boolean };
    if (code !== '123456') return HttpResponse.json(errorBody('unauthorized', 'Wrong code'), { status: 401 });
    // Real time, not a test's fake clock: the device keeps the sign-in until then.
    const expiresAt = new Date(Date.now() + (remember ? 30 * 24 : 2) * 3_600_000).toISOString();
    return HttpResponse.json({ token: 'member-token-1', email, expiresAt });
  }),
  http.delete(`${API}/v1/members/sessions/current`, async ({ request }) => {
    await log(request);
    return HttpResponse.json({ signedOut: true });
  }),
];

const worker = setupWorker(...defaultHandlers);
let started: Promise<unknown> | null = null;

export const api = {
  async start() {
    started ??= worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
    await started;
  },
  use(...handlers: HttpHandler[]) {
    worker.use(...handlers);
  },
  reset() {
    worker.resetHandlers();
    requests.length = 0;
  },
  /**
   * Answers the next `method` request to `path` (logged like every request) with `respond`; the
   * handlers before it answer the requests after it.
   */
  once(method: 'get' | 'post', path: string, respond: () => Response) {
    worker.use(
      http[method](
        `${API}${path}`,
        async ({ request }) => {
          await log(request);
          return respond();
        },
        { once: true },
      ),
    );
  },
  /** Logged requests to one path, e.g. `/v1/promise`. */
  calls(path: string, method = 'GET'): LoggedRequest[] {
    return requests.filter((request) => request.url.pathname === path && request.method === method);
  },
  log,
};

/**
 * Records the AbortSignal of every `fetch` the page makes from now on, to see which requests the
 * widget aborted. `restore()` puts the real `fetch` back.
 */
export function recordFetchSignals(): { signals: AbortSignal[]; restore(): void } {
  const signals: AbortSignal[] = [];
  const originalFetch = window.fetch;
  window.fetch = (input, init) => {
    if (init?.signal) signals.push(init.signal);
    return originalFetch(input, init);
  };
  return { signals, restore: () => void (window.fetch = originalFetch) };
}

/** A promise route that answers only when the test releases it (the SKU's own promise, its reason the SKU). */
export function heldPromiseRoute(): { sku: string; release: () => void }[] {
  const held: { sku: string; release: () => void }[] = [];
  worker.use(
    http.get(`${API}/v1/promise`, async ({ request }) => {
      const { url } = await log(request);
      const sku = url.searchParams.get('sku')!;
      await new Promise<void>((release) => held.push({ sku, release }));
      return HttpResponse.json(promiseResponse({ sku, options: [option({ reason: sku })] }));
    }),
  );
  return held;
}
