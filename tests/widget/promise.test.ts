/**
 * <nearbuy-promise> and the promise half of <nearbuy-button>: every state, the countdown on a
 * fake clock, variant switches aborting stale requests, events, the remembered postal code and
 * cleanup when the element goes away.
 */
import { expect } from 'chai';
import { HttpResponse, delay, http } from 'msw';
import { emulateMedia } from '@web/test-runner-commands';
import '../../widget/nearbuy.js';
import type { NearbuyButton } from '../../widget/button/button.component.js';
import type { NearbuyPromise } from '../../widget/promise/promise.component.js';
import { api, errorBody } from './helpers/api.js';
import {
  countdown,
  expectAccessible,
  expectPromiseToRead,
  mount,
  part,
  promiseLine,
  settled,
  stateOf,
  text,
  unmountAll,
  waitFor,
} from './helpers/dom.js';
import { installFakeClock, type FakeClock } from './helpers/fake-clock.js';
import { API, NEXT_DAY, NOW, option, promiseResponse } from './helpers/fixtures.js';

const TAGS = ['nearbuy-button', 'nearbuy-promise'] as const;
const base = { sku: 'TEE-RED-M', 'postal-code': '85226' };

/** Errors that escaped into the page (the widget must never let one out). */
const escaped: unknown[] = [];
const onError = (event: ErrorEvent) => escaped.push(event.error ?? event.message);
const onRejection = (event: PromiseRejectionEvent) => escaped.push(event.reason);

/** A promise route that answers only when the test releases it. */
function heldPromiseRoute() {
  const held: { sku: string; release: () => void }[] = [];
  api.use(
    http.get(`${API}/v1/promise`, async ({ request }) => {
      const { url } = await api.log(request);
      const sku = url.searchParams.get('sku')!;
      await new Promise<void>((release) => held.push({ sku, release }));
      return HttpResponse.json(promiseResponse({ sku, options: [option({ reason: sku })] }));
    }),
  );
  return held;
}

describe('the promise', () => {
  let clock: FakeClock | null = null;
  before(() => api.start());
  beforeEach(() => {
    escaped.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    unmountAll();
    api.reset();
    clock?.uninstall();
    clock = null;
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
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

      it('aborts the stale request on a variant switch and shows only the new variant', async () => {
        const held = heldPromiseRoute();
        const signals: AbortSignal[] = [];
        const originalFetch = window.fetch;
        window.fetch = (input, init) => {
          if (init?.signal) signals.push(init.signal);
          return originalFetch(input, init);
        };
        try {
          const element = mount(tag, { ...base, sku: 'TEE-RED-M' });
          await waitFor(() => held.length === 1, 'the first request');
          element.setAttribute('sku', 'TEE-BLUE-M');
          await waitFor(() => held.length === 2, 'the second request');
          expect(signals[0]!.aborted, 'the red request is aborted').to.equal(true);
          expect(signals[1]!.aborted).to.equal(false);
          held[1]!.release();
          await settled(element, 'available');
          held[0]!.release();
          await new Promise((resolve) => setTimeout(resolve, 50));
          expect(api.calls('/v1/promise').map((call) => call.url.searchParams.get('sku'))).to.deep.equal(['TEE-RED-M', 'TEE-BLUE-M']);
          expect(stateOf(element)).to.equal('available');
        } finally {
          window.fetch = originalFetch;
        }
      });

      it('refetches when the quantity or the postal code attribute changes', async () => {
        const element = mount(tag, base);
        await settled(element, 'available');
        element.setAttribute('quantity', '3');
        await waitFor(() => api.calls('/v1/promise').length === 2, 'the quantity refetch');
        expect(api.calls('/v1/promise')[1]!.url.searchParams.get('qty')).to.equal('3');
        element.setAttribute('postal-code', '10001');
        await waitFor(() => api.calls('/v1/promise').length === 3, 'the postal code refetch');
        expect(api.calls('/v1/promise')[2]!.url.searchParams.get('postal_code')).to.equal('10001');
      });

      it('fires nearbuy-ready once and nearbuy-promise-shown per fetched promise, bubbling out of the element', async () => {
        const ready: CustomEvent[] = [];
        const shown: CustomEvent[] = [];
        const onReady = (event: CustomEvent) => ready.push(event);
        const onShown = (event: CustomEvent) => shown.push(event);
        document.addEventListener('nearbuy-ready', onReady);
        document.addEventListener('nearbuy-promise-shown', onShown);
        try {
          const element = mount(tag, base);
          await settled(element, 'available');
          await waitFor(() => shown.length === 1, 'promise-shown');
          expect(ready).to.have.length(1);
          expect(ready[0]!.detail).to.deep.equal({ sku: 'TEE-RED-M', state: 'available' });
          expect(ready[0]!.bubbles && ready[0]!.composed).to.equal(true);
          expect(ready[0]!.target === element, 'the event comes from the element').to.equal(true);
          const detail = shown[0]!.detail as {
            sku: string;
            quantity: number;
            postalCode: string;
            option: { service: string };
            optionCount: number;
          };
          expect(detail).to.include({ sku: 'TEE-RED-M', quantity: 1, postalCode: '85226', optionCount: 3 });
          expect(detail.option.service).to.equal('same_day');
          element.setAttribute('sku', 'TEE-BLUE-M');
          await waitFor(() => shown.length === 2, 'the second promise-shown');
          expect((shown[1]!.detail as { sku: string }).sku).to.equal('TEE-BLUE-M');
          expect(ready, 'ready fires once').to.have.length(1);
        } finally {
          document.removeEventListener('nearbuy-ready', onReady);
          document.removeEventListener('nearbuy-promise-shown', onShown);
        }
      });

      it('stops its timers and aborts its request when removed from the page', async () => {
        clock = installFakeClock(NOW);
        const element = mount(tag, base);
        await settled(element, 'available');
        expect(clock.activeTimers).to.equal(1);
        element.remove();
        expect(clock.activeTimers, 'countdown stopped').to.equal(0);
        clock.tick(3 * 3_600_000);
        expect(api.calls('/v1/promise'), 'no refetch after removal').to.have.length(1);

        const held = heldPromiseRoute();
        const signals: AbortSignal[] = [];
        const originalFetch = window.fetch;
        window.fetch = (input, init) => {
          if (init?.signal) signals.push(init.signal);
          return originalFetch(input, init);
        };
        try {
          const second = mount(tag, { ...base, sku: 'TEE-GREEN-M' });
          await waitFor(() => held.length === 1, 'the request');
          second.remove();
          expect(signals[0]!.aborted, 'in-flight request aborted').to.equal(true);
          held[0]!.release();
          // Put back, it fetches again and shows the promise.
          document.body.append(second);
          await waitFor(() => held.length === 2, 'the retry');
          held[1]!.release();
          await settled(second, 'available');
          second.remove();
        } finally {
          window.fetch = originalFetch;
        }
      });
    });
  }

  describe('the countdown', () => {
    it('ticks locally on the clock, without touching the live region', async () => {
      clock = installFakeClock(NOW);
      const element = mount('nearbuy-promise', base);
      await settled(element, 'available');
      expect(countdown(element)).to.equal('order within 2 hr, 14 min');
      const line = part(element, 'promise-line')!;
      expect(line.getAttribute('role')).to.equal('status');
      expect(part(element, 'countdown')!.closest('[role="status"], [aria-live]') === null, 'the countdown is not announced').to.equal(true);
      clock.tick(59_000);
      await element.updateComplete;
      expect(countdown(element)).to.equal('order within 2 hr, 14 min');
      clock.tick(1_000);
      await element.updateComplete;
      expect(countdown(element)).to.equal('order within 2 hr, 13 min');
      clock.tick(2 * 3_600_000);
      await element.updateComplete;
      expect(countdown(element)).to.equal('order within 13 min');
      expect(api.calls('/v1/promise')).to.have.length(1);
    });

    it('refetches when the cut-off passes, keeping the old promise on screen meanwhile', async () => {
      clock = installFakeClock(NOW);
      const element = mount('nearbuy-button', base);
      await settled(element, 'available');
      let release = () => {};
      api.use(
        http.get(`${API}/v1/promise`, async ({ request }) => {
          await api.log(request);
          await new Promise<void>((resolve) => (release = resolve));
          return HttpResponse.json(
            promiseResponse({ computedAt: new Date(NOW + 2 * 3_600_000 + 14 * 60_000).toISOString(), options: [NEXT_DAY] }),
          );
        }),
      );
      clock.tick(2 * 3_600_000 + 14 * 60_000);
      await waitFor(() => api.calls('/v1/promise').length === 2, 'the refetch');
      await element.updateComplete;
      expect(stateOf(element), 'no skeleton flash').to.equal('available');
      expect(promiseLine(element)).to.equal('FREE delivery today 4 – 8 PM');
      release();
      await waitFor(() => promiseLine(element) === '$5.99 delivery tomorrow 9 AM – 1 PM', 'the new promise');
      expect(countdown(element)).to.equal('order within 2 hr, 46 min');
    });

    it('hides the countdown when the cut-off is more than a day away', async () => {
      api.use(
        http.get(`${API}/v1/promise`, () =>
          HttpResponse.json(promiseResponse({ options: [option({ orderBy: '2026-11-27T12:00:00-07:00' })] })),
        ),
      );
      clock = installFakeClock(NOW);
      const element = mount('nearbuy-promise', base);
      await settled(element, 'available');
      expect(countdown(element)).to.equal('');
    });

    it('counts from the server clock, not a wrong shopper clock', async () => {
      clock = installFakeClock(NOW - 5 * 3_600_000);
      const element = mount('nearbuy-promise', base);
      await settled(element, 'available');
      expect(countdown(element)).to.equal('order within 2 hr, 14 min');
    });
  });

  describe('<nearbuy-button> extras', () => {
    async function changePostalCode(element: NearbuyButton, value: string) {
      (element.shadowRoot!.querySelector('.where .link') as HTMLButtonElement).click();
      const input = await waitFor(() => part(element, 'postal-code-input') as HTMLInputElement | null, 'the postal code field');
      expect(element.shadowRoot!.activeElement === input, 'focus moves to the field').to.equal(true);
      input.value = value;
      input.form!.requestSubmit();
      await element.updateComplete;
    }

    it('lets the shopper change the postal code, remembers it for the site and updates every widget', async () => {
      const button = mount('nearbuy-button', base);
      const badge = mount('nearbuy-promise', { ...base, sku: 'TEE-BLUE-M' });
      await settled(button, 'available');
      await settled(badge, 'available');
      await changePostalCode(button, '!!');
      expect(text(button.shadowRoot!.querySelector('#postal-hint'))).to.equal('Enter 3–10 letters or digits');
      expect(part(button, 'postal-code-input')!.getAttribute('aria-invalid')).to.equal('true');
      await expectAccessible(button);
      const input = part(button, 'postal-code-input') as HTMLInputElement;
      input.value = '10001';
      input.form!.requestSubmit();
      await waitFor(
        () => api.calls('/v1/promise').filter((call) => call.url.searchParams.get('postal_code') === '10001').length === 2,
        'both widgets refetching',
      );
      expect(localStorage.getItem('nearbuy:postal-code')).to.equal('10001');
      await settled(button, 'available');
      expect(text(part(button, 'location'))).to.contain('Deliver to Chandler, AZ 10001');
      // A widget added later uses the remembered code over the page's attribute.
      const later = mount('nearbuy-promise', base);
      await settled(later, 'available');
      expect(api.calls('/v1/promise').at(-1)!.url.searchParams.get('postal_code')).to.equal('10001');
    });

    it('still works when storage is blocked', async () => {
      const getItem = Storage.prototype.getItem;
      const setItem = Storage.prototype.setItem;
      Storage.prototype.getItem = () => {
        throw new DOMException('blocked', 'SecurityError');
      };
      Storage.prototype.setItem = Storage.prototype.getItem;
      try {
        const button = mount('nearbuy-button', base);
        await settled(button, 'available');
        await changePostalCode(button, '10001');
        await waitFor(() => api.calls('/v1/promise').at(-1)?.url.searchParams.get('postal_code') === '10001', 'the refetch');
        expect(escaped).to.deep.equal([]);
      } finally {
        Storage.prototype.getItem = getItem;
        Storage.prototype.setItem = setItem;
      }
    });

    it('asks for the postal code in a form when it has none', async () => {
      const button = mount('nearbuy-button', { sku: 'TEE-RED-M' });
      await settled(button, 'needs-postal-code');
      const input = await waitFor(() => part(button, 'postal-code-input') as HTMLInputElement | null, 'the form');
      expect((part(button, 'buy-button') as HTMLButtonElement).disabled).to.equal(true);
      await expectAccessible(button);
      input.value = '85226';
      input.form!.requestSubmit();
      await settled(button, 'available');
    });

    it('shows the other delivery options on demand', async () => {
      const button = mount('nearbuy-button', base);
      await settled(button, 'available');
      const toggle = part(button, 'options-toggle') as HTMLButtonElement;
      expect(text(toggle)).to.equal('2 more delivery options');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(part(button, 'options') === null, 'no list before asking').to.equal(true);
      toggle.click();
      await waitFor(() => part(button, 'options'), 'the options list');
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const items = [...part(button, 'options')!.querySelectorAll('li')].map(text);
      expect(items).to.deep.equal([
        'Next-day · $5.99 tomorrow 9 AM – 1 PM from Phoenix FC, 31 km away',
        'Standard · FREE Monday, Nov 30 9 AM – 9 PM in 2 parcels',
      ]);
      await expectAccessible(button);
      toggle.click();
      await waitFor(() => part(button, 'options') === null, 'the list to close');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    });

    it('keeps one unavailable variant from affecting another', async () => {
      api.use(
        http.get(`${API}/v1/promise`, async ({ request }) => {
          const sku = new URL(request.url).searchParams.get('sku')!;
          await delay(5);
          return HttpResponse.json(promiseResponse({ sku, options: sku === 'TEE-SOLD-OUT' ? [] : [option()] }));
        }),
      );
      const soldOut = mount('nearbuy-button', { ...base, sku: 'TEE-SOLD-OUT' });
      const inStock = mount('nearbuy-button', base);
      await settled(soldOut, 'unavailable');
      await settled(inStock, 'available');
      expect((part(inStock, 'buy-button') as HTMLButtonElement).disabled).to.equal(false);
    });

    it('follows the system setting with theme="auto"', async () => {
      const auto = mount('nearbuy-button', { ...base, theme: 'auto' });
      await settled(auto, 'available');
      const background = () => getComputedStyle(part(auto, 'base')!).backgroundColor;
      try {
        await emulateMedia({ colorScheme: 'dark' });
        expect(background()).to.equal('rgb(28, 31, 30)');
        await expectAccessible(auto);
        await emulateMedia({ colorScheme: 'light' });
        expect(background()).to.equal('rgb(255, 255, 255)');
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });

    it('is styled through tokens and parts, in light and dark', async () => {
      const light = mount('nearbuy-button', base);
      const dark = mount('nearbuy-button', { ...base, theme: 'dark' });
      await settled(light, 'available');
      await settled(dark, 'available');
      const background = (element: Element) => getComputedStyle(part(element, 'base')!).backgroundColor;
      expect(background(light)).to.equal('rgb(255, 255, 255)');
      expect(background(dark)).to.equal('rgb(28, 31, 30)');
      await expectAccessible(dark);
      light.style.setProperty('--nearbuy-color-primary', 'rgb(1, 2, 3)');
      expect(getComputedStyle(part(light, 'buy-button')!).backgroundColor).to.equal('rgb(1, 2, 3)');
      light.style.setProperty('--nearbuy-button-background', 'rgb(4, 5, 6)');
      expect(getComputedStyle(part(light, 'buy-button')!).backgroundColor).to.equal('rgb(4, 5, 6)');
      // The page's font is inherited.
      document.body.style.fontFamily = 'Georgia, serif';
      try {
        expect(getComputedStyle(part(light, 'promise-line')!).fontFamily).to.equal('Georgia, serif');
      } finally {
        document.body.style.fontFamily = '';
      }
    });
  });
});

export type { NearbuyPromise };
