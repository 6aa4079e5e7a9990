/**
 * Who is calling. Public routes take the publishable key (`pk_…`) from a browser whose Origin
 * the merchant allowed, or from a server (no Origin). Admin routes take the secret key (`sk_…`)
 * and only from servers. A secret key on a public route is accepted only without an Origin
 * header: a secret key seen coming from a browser is refused everywhere, so a leaked one cannot
 * quietly work from someone's page.
 *
 * Routes opt in with `onRequest: app.authenticate.publishable` or `.secret`; the merchant lands
 * on `request.merchant`.
 *
 * A publishable key may also come as the `key` query parameter (`GET /v1/promise?key=pk_…`): with
 * no `Authorization` header the widget's promise request is a CORS simple request, so a new
 * promise URL costs no preflight round trip. Publishable keys are public by design; a secret key
 * in a URL (logs, history, referrers) is refused.
 */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { keyHint, requestKey } from '../merchants/keys.js';
import type { Merchant } from '../merchants/merchant.js';

declare module 'fastify' {
  interface FastifyRequest {
    merchant: Merchant | null;
  }
  interface FastifyInstance {
    authenticate: {
      publishable: (request: FastifyRequest) => Promise<void>;
      secret: (request: FastifyRequest) => Promise<void>;
    };
  }
}

const SECRET_IN_BROWSER =
  'Secret keys are for servers only and this request came from a browser (it has an Origin header). ' +
  'Use the publishable key (pk_…) in web pages, and roll the secret key if it was exposed.';

export default fp(
  async function authPlugin(app) {
    app.decorateRequest('merchant', null);

    const bearer = (request: FastifyRequest, expected: string) => {
      const parsed = requestKey(request.headers.authorization, request.query);
      if (parsed === null) throw new ApiError('unauthorized', `Send your ${expected} as "Authorization: Bearer …"`);
      if (typeof parsed === 'string') throw new ApiError('unauthorized', parsed);
      return parsed;
    };

    const secretMerchant = (request: FastifyRequest, key: string): Merchant => {
      if (request.headers.origin !== undefined) throw new ApiError('forbidden', SECRET_IN_BROWSER);
      const merchant = app.merchants.bySecretKey(key);
      if (!merchant) throw new ApiError('unauthorized', `No merchant has the secret key ${keyHint(key)}`);
      return merchant;
    };

    app.decorate('authenticate', {
      async publishable(request: FastifyRequest) {
        const key = bearer(request, 'publishable key (pk_…)');
        if (key.inQuery && key.kind === 'secret') {
          throw new ApiError('forbidden', 'Never put a secret key in a URL; send it as "Authorization: Bearer sk_…", and roll it now');
        }
        if (key.kind === 'secret') {
          request.merchant = secretMerchant(request, key.key);
          return;
        }
        const merchant = app.merchants.byPublishableKey(key.key);
        if (!merchant) throw new ApiError('unauthorized', `No merchant has the publishable key ${keyHint(key.key)}`);
        const origin = request.headers.origin;
        if (origin !== undefined && !app.merchants.allows(merchant, origin)) {
          throw new ApiError(
            'origin_not_allowed',
            `Origin ${origin.slice(0, 200)} is not allowed for this publishable key; add it to the merchant's allowed origins`,
          );
        }
        request.merchant = merchant;
      },
      async secret(request: FastifyRequest) {
        const key = bearer(request, 'secret key (sk_…)');
        if (key.inQuery)
          throw new ApiError('forbidden', 'Admin routes take the secret key in the Authorization header only, never in a URL');
        if (key.kind === 'publishable') {
          throw new ApiError('forbidden', 'A publishable key cannot call admin routes; use the secret key (sk_…) from your server');
        }
        request.merchant = secretMerchant(request, key.key);
      },
    });
  },
  { name: 'auth', dependencies: ['merchants'] },
);

/** The authenticated merchant; routes behind `app.authenticate` always have one. */
export function merchantOf(request: FastifyRequest): Merchant {
  if (!request.merchant) throw new ApiError('unauthorized', 'Not authenticated');
  return request.merchant;
}
