/**
 * How the promise is fetched (widget/internal/promise-element.ts): a variant
 * switch aborts the stale request, attribute changes refetch, ready and promise-shown events,
 * and timers and requests stopped when the element leaves the page.
 */
import { expect } from 'chai';
import '../../../widget/nearbuy.js';
import { api, heldPromiseRoute, recordFetchSignals } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import { mount, settled, stateOf, waitFor } from '../helpers/dom.js';
import { installFakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { NOW } from '../helpers/fixtures.js';

const TAGS = ['nearbuy-button', 'nearbuy-promise'] as const;
const base = { sku: 'TEE-RED-M', 'postal-code': '85226' };

describe('fetching the promise', () => {
  let clock: FakeClock | null = null;
  useWidgetPage();
  afterEach(() => {
    clock?.uninstall();
    clock = null;
  });

  for (const tag of TAGS) {
    describe(`<${tag}>`, () => {
      it('aborts the stale request on a variant switch and shows only the new variant', async () => {
        const held = heldPromiseRoute();
        const { signals, restore } = recordFetchSignals();
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
          restore();
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
        const { signals, restore } = recordFetchSignals();
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
          restore();
        }
      });
    });
  }
});
