/**
 * A merchant's brand colour in either theme stays readable (widget/styles/tokens.styles.ts): the
 * text on Buy picks white or near-black itself, links take the brand's hue at a lightness that
 * reads on the card, and axe finds no contrast problem; a colour the merchant sets still wins.
 */
import { expect } from 'chai';
import '../../../widget/nearbuy.js';
import { useWidgetPage } from '../helpers/page.js';
import { expectAccessible, mount, part, settled } from '../helpers/dom.js';

const BRANDS = ['#5b21b6', '#ffd400', '#0b6e4f', '#e11d48', '#1e3a8a', '#a3e635'];

describe('<nearbuy-button> with a brand colour', () => {
  useWidgetPage();

  for (const theme of ['dark', 'light'] as const) {
    for (const brand of BRANDS) {
      it(`passes axe in the ${theme} theme with ${brand}`, async () => {
        const button = mount('nearbuy-button', { sku: 'TEE-RED-M', 'postal-code': '85226', theme });
        button.style.setProperty('--nearbuy-color-primary', brand);
        await settled(button, 'available');
        await expectAccessible(button);
      });
    }
  }

  it("keeps the merchant's own text colour on Buy", async () => {
    const button = mount('nearbuy-button', { sku: 'TEE-RED-M', 'postal-code': '85226', theme: 'dark' });
    button.style.setProperty('--nearbuy-color-primary', '#5b21b6');
    button.style.setProperty('--nearbuy-color-on-primary', 'rgb(255, 255, 0)');
    await settled(button, 'available');
    expect(getComputedStyle(part(button, 'buy-button')!).color).to.equal('rgb(255, 255, 0)');
  });
});
