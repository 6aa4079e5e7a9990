/**
 * The countdown to the cut-off ("order within 2 hr, 14 min") on a fake clock: ticking locally
 * without announcing every minute, refetching when the cut-off passes, hidden beyond a day, and
 * counted on the server's clock.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import { countdown, mount, part, promiseLine, settled, stateOf, waitFor } from '../helpers/dom.js';
import { installFakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { API, NEXT_DAY, NOW, option, promiseResponse } from '../helpers/fixtures.js';

const base = { sku: 'TEE-RED-M', 'postal-code': '85226' };

describe('the countdown', () => {
  let clock: FakeClock | null = null;
  useWidgetPage();
  afterEach(() => {
    clock?.uninstall();
    clock = null;
  });

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
