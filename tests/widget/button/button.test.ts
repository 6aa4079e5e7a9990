/**
 * What <nearbuy-button> adds to the promise: the other delivery options on demand (its
 * on-demand chunk), Buy per variant, and styling through tokens and parts in light, dark and auto.
 */
import { expect } from 'chai';
import { HttpResponse, delay, http } from 'msw';
import { emulateMedia } from '@web/test-runner-commands';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import { expectAccessible, mount, part, settled, text, waitFor } from '../helpers/dom.js';
import { API, NEXT_DAY, option, promiseResponse } from '../helpers/fixtures.js';

const base = { sku: 'TEE-RED-M', 'postal-code': '85226' };

describe('<nearbuy-button>', () => {
  useWidgetPage();

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
      'Next-day · $5.99 tomorrow 9 AM – 1 PM from Phoenix FC, 19 mi away',
      'Standard · FREE Monday, Nov 30 9 AM – 9 PM in 2 parcels',
    ]);
    await expectAccessible(button);
    toggle.click();
    await waitFor(() => part(button, 'options') === null, 'the list to close');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
  });

  for (const [locale, title] of [
    ['en', 'Express · '],
    ['ja', 'エクスプレス · '],
  ] as const) {
    it(`calls a next-day range that ends past tomorrow by the name the server gives it (${locale})`, async () => {
      const express = {
        ...NEXT_DAY,
        name: 'express' as const,
        window: { start: '2026-11-26T09:00:00-07:00', end: '2026-11-30T13:00:00-07:00' },
        dateRange: true,
      };
      api.use(http.get(`${API}/v1/promise`, () => HttpResponse.json(promiseResponse({ options: [option(), express] }))));
      const button = mount('nearbuy-button', { ...base, locale });
      await settled(button, 'available');
      (part(button, 'options-toggle') as HTMLButtonElement).click();
      await waitFor(() => part(button, 'options'), 'the options list');
      const [item] = [...part(button, 'options')!.querySelectorAll('li')].map(text);
      expect(item!.startsWith(title), item).to.equal(true);
    });
  }

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
