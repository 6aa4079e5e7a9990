/**
 * The built widget (dist/widget/nearbuy.js) on a page with a strict Content-Security-Policy and
 * Trusted Types enforced: it renders, the checkout opens, Stripe.js is injected through the
 * widget's own `nearbuy-stripe` policy and the Payment Element mounts, with no violation at all.
 */
import { expect } from 'chai';
import { executeServerCommand } from '@web/test-runner-commands';
import type { NearbuyButton } from '../../widget/button/button.component.js';
import { advance, checkoutOf, fillDetails, inDialog, notice, openCheckout } from './helpers/checkout.js';
import { part, promiseLine, settled, waitFor } from './helpers/dom.js';

interface CspWindow extends Window {
  cspViolations: string[];
}

describe('strict CSP and Trusted Types (built bundle)', () => {
  let frame: HTMLIFrameElement;
  // Stripe.js is unreachable at first: the retry must work under Trusted Types too.
  before(() => executeServerCommand('stub-stripe-js', 'unreachable'));
  afterEach(() => frame.remove());

  it('works end to end to the Stripe Payment Element without a single violation', async () => {
    frame = document.createElement('iframe');
    frame.style.width = '800px';
    frame.style.height = '700px';
    frame.src = '/tests/widget/fixtures/csp.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as CspWindow;
    const button = await waitFor(() => {
      const element = frame.contentDocument!.querySelector('nearbuy-button');
      return element?.shadowRoot ? (element as NearbuyButton) : null;
    }, 'the element to be defined');
    await settled(button, 'available');
    expect(promiseLine(button)).to.equal('FREE delivery today 4 – 8 PM');
    // The on-demand chunk (postal code form) renders under the same policy.
    (button.shadowRoot!.querySelector('.where .link') as HTMLButtonElement).click();
    await waitFor(() => part(button, 'postal-code-input'), 'the postal code form');

    await openCheckout(button);
    await fillDetails(button);
    await advance(button, 'Delivery');
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'the options');
    await advance(button, 'Review and pay');
    await waitFor(() => notice(button), 'the payment notice');
    expect(notice(button)).to.equal("Payment couldn't load. Check your connection and try again.");
    await executeServerCommand('stub-stripe-js');
    inDialog<HTMLButtonElement>(button, '.actions .secondary')!.click();
    await waitFor(() => inDialog(button, 'input[name="service"]'), 'back at the options');
    await advance(button, 'Review and pay');
    await waitFor(() => checkoutOf(button).querySelector('.nearbuy-payment input[data-fake-stripe]'), 'the Payment Element');
    const scripts = frame.contentDocument!.querySelectorAll<HTMLScriptElement>('script[src^="https://js.stripe.com/"]');
    expect(
      [...scripts].map((script) => script.src),
      'one tag, the failed one removed',
    ).to.deep.equal(['https://js.stripe.com/endive/stripe.js']);
    expect(win.cspViolations).to.deep.equal([]);

    // And Trusted Types really are enforced on that page: a plain string sink throws.
    let thrown: unknown = null;
    try {
      frame.contentDocument!.body.innerHTML = '<b>x</b>';
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error | null)?.name).to.equal('TypeError');
    expect(String((thrown as Error).message)).to.contain('TrustedHTML');
  });
});
