// A static stand-in for the API, answered by the test server itself (not msw), for the page that
// runs the built widget under a strict Content-Security-Policy with Trusted Types enforced.
const NOW = Date.parse('2026-11-25T12:00:00-07:00');
const option = {
  service: 'same_day',
  window: { start: '2026-11-25T16:00:00-07:00', end: '2026-11-25T20:00:00-07:00' },
  orderBy: '2026-11-25T14:14:00-07:00',
  price: { amount: 0, currency: 'USD' },
  reason: 'from Chandler Fashion Center, 6 km away',
  split: false,
  shipments: [
    { nodeId: 'n', nodeName: 'Chandler Fashion Center', nodeKind: 'mall_store', distanceKm: 6, items: [{ sku: 'TEE', quantity: 1 }] },
  ],
};
const promise = {
  product: { sku: 'TEE', title: 'T-shirt', price: { amount: 2500, currency: 'USD' }, imageUrl: null, fastDeliveryEligible: true },
  destination: { postalCode: '85226', country: 'US', lat: 33.3, lng: -111.9, timeZone: 'America/Phoenix', label: 'Chandler, AZ 85226' },
  quantity: 1,
  computedAt: new Date(NOW).toISOString(),
  member: false,
  options: [option],
};
const money = (amount) => ({ amount, currency: 'USD' });
const session = {
  id: 'cs_csp',
  status: 'open',
  items: [{ sku: 'TEE', title: 'T-shirt', quantity: 1, unitPrice: money(2500), lineTotal: money(2500) }],
  amounts: { subtotal: money(2500), shipping: money(0), total: money(2500) },
  option,
  reservationExpiresAt: new Date(NOW + 900_000).toISOString(),
  payment: { provider: 'stripe', clientSecret: 'pi_csp_secret_1', stripePublishableKey: 'pk_test_stripe' },
  order: null,
};

export async function cspApiMiddleware(context, next) {
  if (!context.path.startsWith('/__csp-api/')) return next();
  context.type = 'application/json';
  if (context.path === '/__csp-api/v1/promise') context.body = JSON.stringify(promise);
  else if (context.path === '/__csp-api/v1/checkout/sessions' && context.method === 'POST') {
    context.status = 201;
    context.body = JSON.stringify(session);
  } else if (context.path === '/__csp-api/v1/checkout/sessions/cs_csp') {
    context.body = JSON.stringify({
      ...session,
      status: 'completed',
      order: { id: 'ord_csp', number: 'NB-C5PP-22', accessToken: 't', promisedWindow: session.option.window, promiseChange: null },
    });
  } else {
    context.status = 404;
    context.body = JSON.stringify({ error: { code: 'not_found', message: 'Not found' } });
  }
  return undefined;
}
