/**
 * What <nearbuy-promise> and the promise half of <nearbuy-button> show in every state
 * (widget/internal/promise-element.ts): the best option, a price, nothing deliverable, quiet
 * failures reported as events (never an exception into the page), no key, no postal code, and a
 * loading skeleton of the final size.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import { api, errorBody, heldPromiseRoute } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import {
  collectEscapedErrors,
  expectAccessible,
  expectPromiseToRead,
  mount,
  part,
  promiseLine,
  settled,
  stateOf,
  waitFor,
  watchPromiseLine,
} from '../helpers/dom.js';
import { installFakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { API, NEXT_DAY, NOW, promiseResponse } from '../helpers/fixtures.js';

const TAGS = ['nearbuy-button', 'nearbuy-promise'] as const;
const base = { sku: 'TEE-RED-M', 'postal-code': '85226' };

/** Records `console.warn` messages until `restore()`. */
function captureWarnings(): string[] & { restore(): void } {
  const original = console.warn;
  const warnings = Object.assign([] as string[], { restore: () => void (console.warn = original) });
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  return warnings;
}

describe('the promise in every state', () => {
  const escaped = collectEscapedErrors();
  let clock: FakeClock | null = null;
  useWidgetPage();
  afterEach(() => {
    clock?.uninstall();
    clock = null;
  });

  for (const tag of TAGS) {
    describe(`<${tag}>`, () => {
      it('shows the best option and the countdown to its cut-off', async () => {
        clock = installFakeClock(NOW);
        const element = mount(tag, base);
        await settled(element, 'available');
        expectPromiseToRead(element, 'FREE delivery today 4 – 8 PM', 'order within 2 hr, 14 min');
        const [call] = api.calls('/v1/promise');
        expect(call!.url.searchParams.get('sku')).to.equal('TEE-RED-M');
        expect(call!.url.searchParams.get('qty')).to.equal('1');
        expect(call!.url.searchParams.get('postal_code')).to.equal('85226');
        // A CORS simple request: the key in the query, and no header a preflight would be needed for.
        expect(call!.url.searchParams.get('key')).to.equal('pk_test_nearbuy');
        const safelisted = ['accept', 'accept-language', 'content-language'];
        expect([...call!.headers.keys()].filter((name) => !safelisted.includes(name))).to.deep.equal([]);
        await expectAccessible(element);
      });

      it('shows a price when delivery is not free', async () => {
        api.use(http.get(`${API}/v1/promise`, () => HttpResponse.json(promiseResponse({ options: [NEXT_DAY] }))));
        const element = mount(tag, base);
        await settled(element, 'available');
        expect(promiseLine(element)).to.equal('$5.99 delivery tomorrow 9 AM – 1 PM');
      });

      // The server says why nothing can be bought; the widget says it in the shopper's words.
      for (const [name, unavailable, text] of [
        ['sold out everywhere', { reason: 'sold_out', message: 'Sold out everywhere', retryAt: null }, 'Sold out'],
        [
          "held by other shoppers' checkouts",
          { reason: 'held', message: 'Held', retryAt: '2026-11-25T19:14:00.000Z' },
          'In other carts; look again at 12:14 PM',
        ],
        [
          'not deliverable here',
          { reason: 'not_deliverable', message: 'Not here', retryAt: null },
          "Can't deliver to 85226; try another code",
        ],
        // A server from before `unavailable`: nothing reaches the place, as it used to mean.
        ['nothing near (an older server)', null, "Can't deliver to 85226; try another code"],
      ] as const) {
        it(`says why nothing can be bought: ${name}`, async () => {
          api.use(http.get(`${API}/v1/promise`, () => HttpResponse.json(promiseResponse({ options: [], unavailable }))));
          const element = mount(tag, base);
          const lines = watchPromiseLine(element);
          await settled(element, 'unavailable');
          expectPromiseToRead(element, text, '');
          // The reason's words come with the formatting chunk, before the line leaves the skeleton.
          expect(lines).to.deep.equal([text]);
          lines.stop();
          if (tag === 'nearbuy-button') expect((part(element, 'buy-button') as HTMLButtonElement).disabled).to.equal(true);
          await expectAccessible(element);
        });
      }

      it("names the zone of the time to look again when it is not the shopper's", async () => {
        const unavailable = { reason: 'held', message: 'Held', retryAt: '2026-11-25T19:14:00.000Z' } as const;
        const response = promiseResponse({ options: [], unavailable });
        response.destination = { ...response.destination, timeZone: 'America/New_York' };
        api.use(http.get(`${API}/v1/promise`, () => HttpResponse.json(response)));
        const element = mount(tag, base);
        await settled(element, 'unavailable');
        expectPromiseToRead(element, 'In other carts; look again at 2:14 PM EST', '');
      });

      it('says a real place we do not deliver to is not deliverable, not unknown', async () => {
        api.use(
          http.get(`${API}/v1/promise`, () =>
            HttpResponse.json(errorBody('undeliverable', '09001 is an APO address', { reason: 'not_deliverable' }), { status: 422 }),
          ),
        );
        const element = mount(tag, { ...base, 'postal-code': '09001' });
        await settled(element, 'unavailable');
        expectPromiseToRead(element, "Can't deliver to 09001; try another code", '');
      });

      for (const [name, route, code] of [
        ['a server error', () => HttpResponse.json(errorBody('internal', 'boom'), { status: 500 }), 'internal'],
        ['a network failure', () => HttpResponse.error(), 'network'],
        ['a body that is not JSON', () => new HttpResponse('<html>', { status: 502 }), 'internal'],
        ['too many requests', () => HttpResponse.json(errorBody('rate_limited', 'Slow down'), { status: 429 }), 'rate_limited'],
      ] as const) {
        it(`treats ${name} as our outage: Buy disabled, one nearbuy-error event, nothing escapes`, async () => {
          clock = installFakeClock(NOW);
          let calls = 0;
          api.use(http.get(`${API}/v1/promise`, () => (calls++, route())));
          const events: CustomEvent[] = [];
          const onError = (event: CustomEvent) => events.push(event);
          document.addEventListener('nearbuy-error', onError);
          try {
            const element = mount(tag, base);
            await settled(element, 'error');
            expectPromiseToRead(element, 'Delivery info unavailable', '');
            if (tag === 'nearbuy-button') expect((part(element, 'buy-button') as HTMLButtonElement).disabled).to.equal(true);
            await waitFor(() => events.length === 1, 'the error event');
            expect(events[0]!.detail).to.include({ code, source: 'promise' });
            // The retry fails the same way: still the outage on screen, and no second event.
            clock.tick(2_600);
            await waitFor(() => calls === 2, 'the retry');
            await element.updateComplete;
            expect(stateOf(element)).to.equal('error');
            expect(events).to.have.length(1);
            expect(escaped).to.deep.equal([]);
            await expectAccessible(element);
          } finally {
            document.removeEventListener('nearbuy-error', onError);
          }
        });
      }

      it('recovers by itself when the server comes back, retrying with back-off', async () => {
        clock = installFakeClock(NOW);
        let failures = 0;
        // Down for the first three requests (the handler returns nothing afterwards: the default answers).
        api.use(
          http.get(`${API}/v1/promise`, () => {
            if (failures >= 3) return undefined;
            failures += 1;
            return HttpResponse.error();
          }),
        );
        const element = mount(tag, base);
        // Each retry is scheduled once the failure has reached the element (the one timer then).
        const retryScheduled = () => waitFor(() => clock!.activeTimers === 1, 'the retry timer');
        await settled(element, 'error');
        expect(failures).to.equal(1);
        await retryScheduled();
        clock.tick(1_900); // before the first retry (2 s)
        await element.updateComplete;
        expect(failures).to.equal(1);
        clock.tick(600);
        await waitFor(() => failures === 2, 'the first retry');
        await retryScheduled();
        clock.tick(3_900); // before the second retry (4 s after the first)
        expect(failures).to.equal(2);
        clock.tick(1_200);
        await waitFor(() => failures === 3, 'the second retry');
        await retryScheduled();
        clock.tick(10_100); // the third (8 s, up to 10 s with jitter) reaches the server again
        await settled(element, 'available');
        expectPromiseToRead(element, 'FREE delivery today 4 – 8 PM');
        if (tag === 'nearbuy-button') expect((part(element, 'buy-button') as HTMLButtonElement).disabled).to.equal(false);
      });

      for (const [name, status, code, message, cause] of [
        ['a SKU the API does not know', 404, 'not_found', 'No product with SKU TEE-RED-M', 'Check the sku attribute'],
        ['a wrong publishable key', 401, 'unauthorized', 'Unknown publishable key', 'Check the publishable-key attribute'],
        ['a page origin the merchant did not allow', 403, 'origin_not_allowed', 'Origin not allowed', 'origin_not_allowed'],
      ] as const) {
        it(`shows the product as not available on ${name}, warns the developer and never retries`, async () => {
          clock = installFakeClock(NOW);
          let calls = 0;
          api.use(http.get(`${API}/v1/promise`, () => (calls++, HttpResponse.json(errorBody(code, `${message} (${tag})`), { status }))));
          const events: CustomEvent[] = [];
          const onError = (event: CustomEvent) => events.push(event);
          document.addEventListener('nearbuy-error', onError);
          const warnings = captureWarnings();
          try {
            const element = mount(tag, { ...base, sku: `${tag}-${code}`, 'publishable-key': `pk_test_${tag}` });
            await settled(element, 'unavailable');
            expectPromiseToRead(element, 'Not available here', '');
            if (tag === 'nearbuy-button') expect((part(element, 'buy-button') as HTMLButtonElement).disabled).to.equal(true);
            await waitFor(() => events.length === 1, 'the error event');
            expect(events[0]!.detail).to.include({ code, status, source: 'promise' });
            expect(warnings.length, 'one console warning').to.equal(1);
            expect(warnings[0]).to.include(message).and.include(cause);
            clock.tick(120_000);
            await element.updateComplete;
            expect(calls, 'no retry').to.equal(1);
            expect(escaped).to.deep.equal([]);
            await expectAccessible(element);
          } finally {
            warnings.restore();
            document.removeEventListener('nearbuy-error', onError);
          }
        });
      }

      it('says at once when the API does not know the postal code, keeping "Change"', async () => {
        api.use(
          http.get(`${API}/v1/promise`, () =>
            HttpResponse.json(errorBody('undeliverable', 'Unknown postal code 00000', { reason: 'unknown_postal_code' }), { status: 422 }),
          ),
        );
        const element = mount(tag, { ...base, 'postal-code': '00000' });
        await settled(element, 'unavailable');
        expectPromiseToRead(element, 'Postal code 00000 not found', '');
        if (tag === 'nearbuy-button') {
          expect((part(element, 'buy-button') as HTMLButtonElement).disabled).to.equal(true);
          const change = [...element.shadowRoot!.querySelectorAll('button.link')].find((b) => b.textContent?.trim() === 'Change');
          expect(change, 'the Change link').to.not.equal(undefined);
        }
        await expectAccessible(element);
      });

      it('shows a missing publishable key as not available, never calling the API', async () => {
        const warnings = captureWarnings();
        const element = document.createElement(tag);
        element.setAttribute('sku', 'TEE-RED-M');
        element.setAttribute('postal-code', '85226');
        element.setAttribute('api-base', API);
        document.body.append(element);
        try {
          await settled(element, 'unavailable');
          expect(promiseLine(element)).to.equal('Not available here');
          expect(api.calls('/v1/promise')).to.have.length(0);
          expect(escaped).to.deep.equal([]);
        } finally {
          warnings.restore();
          element.remove();
        }
      });

      it('asks for a postal code when it has none', async () => {
        const element = mount(tag, { sku: 'TEE-RED-M' });
        await settled(element, 'needs-postal-code');
        expect(promiseLine(element)).to.equal('Enter your postal code to see delivery times');
        expect(api.calls('/v1/promise')).to.have.length(0);
        await expectAccessible(element);
      });

      it('shows a skeleton of the final size while loading (no layout shift)', async () => {
        const held = heldPromiseRoute();
        const box = document.createElement('div');
        box.style.width = '360px';
        document.body.append(box);
        const element = mount(tag, base);
        box.append(element);
        try {
          await waitFor(() => held.length === 1, 'the request');
          await element.updateComplete;
          expect(stateOf(element)).to.equal('loading');
          expect(part(element, 'promise-line')!.querySelector('.skeleton') !== null, 'a skeleton bar').to.equal(true);
          expect(promiseLine(element)).to.equal('Checking delivery near you…');
          await expectAccessible(element);
          const loadingHeight = element.getBoundingClientRect().height;
          held[0]!.release();
          await settled(element, 'available');
          expect(element.getBoundingClientRect().height).to.equal(loadingHeight);
        } finally {
          box.remove();
        }
      });
    });
  }
});
