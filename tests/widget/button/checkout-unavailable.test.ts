/**
 * When the checkout cannot open (its chunk failed, or another copy of the widget already owns
 * <nearbuy-checkout>), Buy says so under the button and reports it; nothing is thrown into the page.
 */
import { expect } from 'chai';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import { expectAccessible, mount, part, settled, text, unmountAll, waitFor } from '../helpers/dom.js';

describe('checkout unavailable', () => {
  before(() => api.start());
  after(() => unmountAll());

  it('shows a message the shopper can act on and fires nearbuy-error', async () => {
    customElements.define('nearbuy-checkout', class SomeoneElses extends HTMLElement {});
    const escaped: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => escaped.push(event.reason);
    window.addEventListener('unhandledrejection', onRejection);
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (message: unknown) => warnings.push(message);
    try {
      const button = mount('nearbuy-button', { sku: 'TEE-RED-M', 'postal-code': '85226' });
      await settled(button, 'available');
      const errors: CustomEvent[] = [];
      button.addEventListener('nearbuy-error', (event) => errors.push(event));
      part(button, 'buy-button')!.click();
      await waitFor(() => button.shadowRoot!.querySelector('.problem'), 'the message');
      expect(text(button.shadowRoot!.querySelector('.problem'))).to.equal("Checkout couldn't load. Try again.");
      expect(errors.map((event) => event.detail)).to.deep.equal([
        { code: 'network', message: 'The checkout could not be loaded', status: 0, source: 'checkout' },
      ]);
      await expectAccessible(button);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(escaped).to.deep.equal([]);
      expect(warnings).to.deep.equal(['<nearbuy-checkout> was already defined; keeping the first']);
    } finally {
      console.warn = warn;
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });
});
