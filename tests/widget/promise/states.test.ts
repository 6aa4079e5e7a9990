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
} from '../helpers/dom.js';
import { installFakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { API, NEXT_DAY, NOW, promiseResponse } from '../helpers/fixtures.js';

const TAGS = ['nearbuy-button', 'nearbuy-promise'] as const;
const base = { sku: 'TEE-RED-M', 'postal-code': '85226' };

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
        expect(call!.headers.get('authorization')).to.equal('Bearer pk_test_nearbuy');
        await expectAccessible(element);
      });

      it('shows a price when delivery is not free', async () => {
        api.use(http.get(`${API}/v1/promise`, () => HttpResponse.json(promiseResponse({ options: [NEXT_DAY] }))));
        const element = mount(tag, base);
        await settled(element, 'available');
        expect(promiseLine(element)).to.equal('$5.99 delivery tomorrow 9 AM – 1 PM');
      });

      it('says so when nothing can be delivered near the shopper', async () => {
        api.use(http.get(`${API}/v1/promise`, () => HttpResponse.json(promiseResponse({ options: [] }))));
        const element = mount(tag, base);
        await settled(element, 'unavailable');
        expectPromiseToRead(element, 'Currently unavailable near 85226', '');
        if (tag === 'nearbuy-button') expect((part(element, 'buy-button') as HTMLButtonElement).disabled).to.equal(true);
        await expectAccessible(element);
      });

      for (const [name, route, code] of [
        ['a server error', () => HttpResponse.json(errorBody('internal', 'boom'), { status: 500 }), 'internal'],
        ['a network failure', () => HttpResponse.error(), 'network'],
        ['a body that is not JSON', () => new HttpResponse('<html>', { status: 502 }), 'internal'],
        ['a bad key', () => HttpResponse.json(errorBody('unauthorized', 'Unknown key'), { status: 401 }), 'unauthorized'],
      ] as const) {
        it(`fails quietly on ${name}, reporting it as a nearbuy-error event`, async () => {
          api.use(http.get(`${API}/v1/promise`, route));
          const events: CustomEvent[] = [];
          document.addEventListener('nearbuy-error', (event) => events.push(event), { once: true });
          const element = mount(tag, base);
          await settled(element, 'error');
          expectPromiseToRead(element, 'Delivery info unavailable', '');
          await waitFor(() => events.length === 1, 'the error event');
          expect(events[0]!.detail).to.include({ code, source: 'promise' });
          expect(escaped).to.deep.equal([]);
          await expectAccessible(element);
        });
      }

      it('fails quietly without a publishable key, never calling the API', async () => {
        const element = document.createElement(tag);
        element.setAttribute('sku', 'TEE-RED-M');
        element.setAttribute('postal-code', '85226');
        element.setAttribute('api-base', API);
        document.body.append(element);
        try {
          await settled(element, 'error');
          expect(api.calls('/v1/promise')).to.have.length(0);
          expect(escaped).to.deep.equal([]);
        } finally {
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
