/**
 * The address step's country and state (widget/checkout/steps/details.ts): chosen among the
 * places the merchant serves (`GET /v1/regions`), and the postal code checked against the state at
 * once, in the dialog, before the server checks it again.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import { api, errorBody } from '../helpers/api.js';
import { API } from '../helpers/fixtures.js';
import { useWidgetPage } from '../helpers/page.js';
import { fill, fillDetails, heading, inDialog, notice, openCheckout, primaryAction, readyButton, toDelivery } from '../helpers/checkout.js';
import { expectAccessible, text, waitFor } from '../helpers/dom.js';
import type { NearbuyButton } from '../../../widget/button/button.component.js';

const select = (button: NearbuyButton, name: string) =>
  waitFor(() => inDialog<HTMLSelectElement>(button, `select[name="${name}"]`), `the ${name} select`);
const choices = (element: HTMLSelectElement) => [...element.options].map((o) => [o.value, o.textContent!.trim()]);
const postalCodeError = (button: NearbuyButton) => text(inDialog(button, '#postalCode-error'));

describe('the address step: places served', () => {
  useWidgetPage();

  it('offers the country and the states the merchant serves as selects, by name', async () => {
    const button = await readyButton();
    await openCheckout(button);
    const state = await select(button, 'region');
    expect(choices(state)).to.deep.equal([
      ['', 'Choose…'],
      ['AZ', 'Arizona'],
      ['CA', 'California'],
      ['NY', 'New York'],
    ]);
    expect(state.getAttribute('autocomplete')).to.equal('shipping address-level1');
    expect(choices(await select(button, 'country'))).to.deep.equal([['US', 'United States']]);
    expect(api.calls('/v1/regions')).to.have.length(1);
    await expectAccessible(inDialog(button, 'form')!);
  });

  it('says at once when the postal code is not in the chosen state, and not once it is', async () => {
    const button = await readyButton();
    await openCheckout(button);
    await select(button, 'region');
    await fillDetails(button, { region: 'CA', postalCode: '85226' });
    await waitFor(() => postalCodeError(button), 'the postal code message');
    expect(postalCodeError(button)).to.equal('This postal code is not in California');
    expect(inDialog(button, 'input[name="postalCode"]')!.getAttribute('aria-invalid')).to.equal('true');
    // Continue keeps the shopper here: nothing is asked of the server.
    primaryAction(button).click();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(heading(button)).to.equal('Your details');
    expect(api.calls('/v1/checkout/sessions', 'POST')).to.have.length(0);
    // Choosing the state the code is in takes the message away.
    fill(button, 'region', 'AZ');
    await waitFor(() => !postalCodeError(button), 'the message to go');
    expect(inDialog(button, 'input[name="postalCode"]')!.getAttribute('aria-invalid')).to.equal('false');
  });

  it("types country and state when the places served cannot load, and the server's refusal marks the fields", async () => {
    api.use(http.get(`${API}/v1/regions`, () => HttpResponse.json(errorBody('internal', 'boom'), { status: 500 })));
    const button = await readyButton();
    await toDelivery(button);
    expect(inDialog(button, 'select[name="region"]')).to.equal(null);
    api.use(
      http.post(
        `${API}/v1/checkout/sessions`,
        () =>
          HttpResponse.json(
            errorBody('invalid_request', 'Postal code 85226 is in Arizona (AZ), not CA', {
              issues: [
                { path: 'address.postalCode', message: 'Postal code 85226 is in Arizona (AZ), not CA' },
                { path: 'address.region', message: 'Choose Arizona (AZ)' },
              ],
            }),
            { status: 400 },
          ),
        { once: true },
      ),
    );
    primaryAction(button).click();
    await waitFor(() => heading(button) === 'Your details', 'back to details');
    expect(notice(button)).to.equal('Some details look wrong. Check them and try again.');
    expect(inDialog(button, 'input[name="postalCode"]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(inDialog(button, 'input[name="region"]')!.getAttribute('aria-invalid')).to.equal('true');
  });
});
