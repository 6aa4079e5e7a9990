/**
 * The formatting chunk (`widget/internal/format.ts`, fetched with the first promise) failing to
 * load, as when the shopper's connection drops between the entry and its lazy chunks: the widget
 * shows the quiet outage with Buy disabled, lets nothing escape into the page (no unhandled
 * rejection), reports it once as `nearbuy-error`, and shows the promise by itself once the chunk
 * loads again. Its own file: a module the page loaded once cannot be made to fail again.
 */
import { expect } from 'chai';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import { collectEscapedErrors, expectPromiseToRead, mount, part, settled, waitFor } from '../helpers/dom.js';
import { installFakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { NOW } from '../helpers/fixtures.js';

const FORMAT_MODULE = '/widget/internal/format.ts';

describe('the formatting chunk cannot be loaded', () => {
  const escaped = collectEscapedErrors();
  let clock: FakeClock | null = null;
  useWidgetPage();
  afterEach(async () => {
    clock?.uninstall();
    clock = null;
    await executeServerCommand('online-module', FORMAT_MODULE);
  });

  it('shows the outage, lets nothing escape, and shows the promise once the chunk loads', async () => {
    await executeServerCommand('offline-module', FORMAT_MODULE);
    clock = installFakeClock(NOW);
    const events: CustomEvent[] = [];
    const onError = (event: CustomEvent) => events.push(event);
    document.addEventListener('nearbuy-error', onError);
    try {
      const button = mount('nearbuy-button', { sku: 'TEE-RED-M', 'postal-code': '85226' });
      await settled(button, 'error');
      // The API answered: only the chunk is missing, and that is our outage, not the shopper's.
      expect(api.calls('/v1/promise')).to.have.length(1);
      expectPromiseToRead(button, 'Delivery info unavailable', '');
      expect((part(button, 'buy-button') as HTMLButtonElement).disabled).to.equal(true);
      await waitFor(() => events.length === 1, 'the error event');
      expect(events[0]!.detail).to.include({ code: 'network', source: 'promise' });

      // Back online: the next retry (2 s, with up to 25 % jitter) loads the chunk and shows the promise.
      await executeServerCommand('online-module', FORMAT_MODULE);
      await waitFor(() => clock!.activeTimers === 1, 'the retry timer');
      clock.tick(2_600);
      await settled(button, 'available');
      expectPromiseToRead(button, 'FREE delivery today 4 – 8 PM', 'order within 2 hr, 14 min');
      expect((part(button, 'buy-button') as HTMLButtonElement).disabled).to.equal(false);
      expect(events).to.have.length(1);
      expect(escaped).to.deep.equal([]);
    } finally {
      document.removeEventListener('nearbuy-error', onError);
    }
  });
});
