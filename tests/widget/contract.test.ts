/** Constants the widget writes out to keep its first chunk small must match the contract. */
import { expect } from 'chai';
import { API_PATHS, HEADERS } from '../../contract/http.js';
import { AUTHORIZATION_HEADER, MEMBER_TOKEN_HEADER, PROMISE_PATH } from '../../widget/internal/api.js';
import { STRIPE_JS_URL } from '../../widget/checkout/stripe.js';

describe('contract', () => {
  it('uses the paths and headers of contract/http.ts', () => {
    expect(PROMISE_PATH).to.equal(API_PATHS.promise);
    expect(AUTHORIZATION_HEADER).to.equal(HEADERS.authorization);
    expect(MEMBER_TOKEN_HEADER).to.equal(HEADERS.memberToken);
  });

  it('injects the Stripe.js release @stripe/stripe-js expects', async () => {
    const source = await (await fetch('/node_modules/@stripe/stripe-js/dist/pure.mjs')).text();
    const train = /RELEASE_TRAIN = '([a-z0-9]+)'/.exec(source)?.[1];
    expect(STRIPE_JS_URL).to.equal(`https://js.stripe.com/${train}/stripe.js`);
  });
});
