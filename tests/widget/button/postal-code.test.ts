/**
 * The postal code of <nearbuy-button> (widget/button/more.ts): changed by the shopper, checked,
 * remembered for the site and followed by every widget on the page; working with storage blocked;
 * asked for in a form when there is none.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import type { NearbuyButton } from '../../../widget/button/button.component.js';
import { api } from '../helpers/api.js';
import { API } from '../helpers/fixtures.js';
import { useWidgetPage } from '../helpers/page.js';
import { collectEscapedErrors, expectAccessible, mount, part, settled, text, waitFor } from '../helpers/dom.js';

const base = { sku: 'TEE-RED-M', 'postal-code': '85226' };

async function changePostalCode(element: NearbuyButton, value: string) {
  (element.shadowRoot!.querySelector('.where .link') as HTMLButtonElement).click();
  const input = await waitFor(() => part(element, 'postal-code-input') as HTMLInputElement | null, 'the postal code field');
  expect(element.shadowRoot!.activeElement === input, 'focus moves to the field').to.equal(true);
  input.value = value;
  input.form!.requestSubmit();
  await element.updateComplete;
}

describe('<nearbuy-button> postal code', () => {
  const escaped = collectEscapedErrors();
  useWidgetPage();

  // First in the file: no earlier test has loaded the postal code form's chunk.
  it('keeps "Change" working while the server is down: the form is fetched as soon as anything shows', async () => {
    let down = true;
    api.use(http.get(`${API}/v1/promise`, () => (down ? HttpResponse.error() : undefined)));
    const moreChunk = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/widget/button/more.'));
    performance.clearResourceTimings(); // the buffer (250 entries) is full of the test runner's modules
    performance.setResourceTimingBufferSize(1000);
    expect(moreChunk(), 'not fetched before the promise shows').to.equal(false);
    const button = mount('nearbuy-button', base);
    await settled(button, 'error');
    await waitFor(moreChunk, 'the postal code chunk, fetched while the API is down');
    down = false;
    await changePostalCode(button, '10001');
    await settled(button, 'available');
    expect(text(part(button, 'location'))).to.include('10001');
    expect(escaped).to.deep.equal([]);
  });

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
});
