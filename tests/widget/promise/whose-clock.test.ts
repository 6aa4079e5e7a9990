/**
 * Times say whose clock they are (widget/internal/format.ts): the window, the other options, the
 * hold's expiry and the confirmation are all on the destination's clock, and name its zone when
 * it reads differently from the shopper's (the test browser's zone is America/Phoenix, see
 * web-test-runner.config.mjs). The fixtures' window is 4–8 PM in Phoenix, 6–10 PM in New York.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import { expectPromiseToRead, mount, part, promiseLine, settled, text, waitFor } from '../helpers/dom.js';
import { advance, fill, inDialog, toPayment } from '../helpers/checkout.js';
import { API, promiseResponse } from '../helpers/fixtures.js';

const NEW_YORK = { postalCode: '10001', country: 'US', lat: 40.75, lng: -73.99, timeZone: 'America/New_York', label: 'New York, NY 10001' };
const HONOLULU = { postalCode: '96813', country: 'US', lat: 21.3, lng: -157.85, timeZone: 'Pacific/Honolulu', label: 'Honolulu, HI 96813' };
/** Same clock as Phoenix in November (both UTC−7), under another zone's name. */
const DENVER = {
  postalCode: '80202',
  country: 'US',
  lat: 39.75,
  lng: -104.99,
  timeZone: 'America/Denver',
  label: 'Denver, CO 80202',
};

function destinationIs(destination: typeof NEW_YORK): void {
  api.use(
    http.get(`${API}/v1/promise`, ({ request }) => {
      const url = new URL(request.url);
      const response = promiseResponse({ sku: url.searchParams.get('sku') ?? '', postalCode: destination.postalCode ?? '' });
      return HttpResponse.json({ ...response, destination });
    }),
  );
}

describe('times say whose clock they are', () => {
  useWidgetPage();

  it('names no zone when the destination keeps the shopper’s time', async () => {
    const element = mount('nearbuy-promise', { sku: 'TEE-RED-M', 'postal-code': '85226' });
    await settled(element, 'available');
    expectPromiseToRead(element, 'FREE delivery today 4 – 8 PM', 'order within 2 hr, 14 min');
  });

  it('names no zone for another zone whose clock reads the same', async () => {
    // Denver is UTC−7 in November like Phoenix: the same wall clock needs no label.
    destinationIs(DENVER);
    const element = mount('nearbuy-promise', { sku: 'TEE-RED-M', 'postal-code': '80202' });
    await settled(element, 'available');
    expect(promiseLine(element)).to.equal('FREE delivery today 4 – 8 PM');
  });

  for (const [destination, line] of [
    [NEW_YORK, 'FREE delivery today 6 – 10 PM EST'],
    [HONOLULU, 'FREE delivery today 1 – 5 PM HST'],
  ] as const) {
    it(`shows the window on ${destination.timeZone}'s clock, named: "${line}"`, async () => {
      destinationIs(destination);
      const element = mount('nearbuy-promise', { sku: 'TEE-RED-M', 'postal-code': destination.postalCode });
      await settled(element, 'available');
      expect(promiseLine(element)).to.equal(line);
    });
  }

  it('keeps hours reading as hours when the zone is named in French', async () => {
    destinationIs(NEW_YORK);
    const element = mount('nearbuy-promise', { sku: 'TEE-RED-M', 'postal-code': '10001', locale: 'fr' });
    await settled(element, 'available');
    // "18 – 22 UTC−5" would read like dates: the minutes stay although the zone's name has letters.
    expect(promiseLine(element)).to.match(/18:00 – 22:00 UTC−5$/);
  });

  it('uses the same clock, named, for the other options, the hold and the confirmation', async () => {
    destinationIs(NEW_YORK);
    const button = mount('nearbuy-button', { sku: 'TEE-RED-M', 'postal-code': '10001' });
    await settled(button, 'available');
    (part(button, 'options-toggle') as HTMLButtonElement).click();
    await waitFor(() => part(button, 'options'), 'the options list');
    expect(text(part(button, 'options'))).to.contain('tomorrow 11 AM – 3 PM EST');

    await toPayment(button);
    // The hold ends 15 minutes after the fixtures' noon in Phoenix: 2:15 PM in New York.
    expect(text(inDialog(button, 'form.step'))).to.contain('Your item is held for you until 2:15 PM EST.');
    expect(text(inDialog(button, '.summary'))).to.contain('today 6 – 10 PM EST');
    fill(button, 'card', '4242 4242 4242 4242');
    await advance(button, 'Thank you!');
    expect(text(inDialog(button, '.step.done'))).to.contain('Arrives: today 6 – 10 PM EST');
  });
});
