/**
 * The Content-Security-Policy of the demo storefront's pages: what the README tells merchants
 * to allow, and nothing looser. No `unsafe-inline`, no `unsafe-eval`; Trusted Types enforced
 * with only Lit's policy (`lit-html`) and the widget's own (`nearbuy-stripe`). The storefront's
 * own scripts build the DOM without string-to-HTML sinks, so they need no policy.
 */
const STRIPE_JS = ['https://js.stripe.com', 'https://*.js.stripe.com'];

export function contentSecurityPolicy(): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...STRIPE_JS],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", 'https://api.stripe.com'],
    'frame-src': [...STRIPE_JS, 'https://hooks.stripe.com'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
    'require-trusted-types-for': ["'script'"],
    'trusted-types': ['lit-html', 'nearbuy-stripe'],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
