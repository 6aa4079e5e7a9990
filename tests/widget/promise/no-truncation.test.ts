/**
 * The promise line is never cut off (widget/styles/promise.styles.ts): in every locale, at page
 * widths from a 320 px phone to a 1920 px desktop, full width and in a product grid like the
 * demo's, the longest kind of promise (a weekday, a date and a window) shows in full.
 */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import { useWidgetPage } from '../helpers/page.js';
import { part, promiseLine, settled } from '../helpers/dom.js';
import { installFakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { API, NOW, PK, option, promiseResponse } from '../helpers/fixtures.js';
import { formatTimeRange } from '../../../widget/internal/format.js';

const LOCALES = ['en', 'id', 'fr', 'ja', 'zh', 'ar'] as const;
const WIDTHS = [320, 390, 1024, 1920];
/** Thursday 3 December, 8 AM – 8 PM in Phoenix: a weekday and a date, the longest promise there is. */
const FAR = option({
  service: 'standard',
  window: { start: '2026-12-03T08:00:00-07:00', end: '2026-12-03T20:00:00-07:00' },
  price: { amount: 1299, currency: 'USD' },
});

const plain = (value: string) => value.replace(/\s+/g, ' ').trim();

/** A page of `width` px: the element alone (with page margins), and in cards of a product grid. */
function layouts(width: number): HTMLElement[] {
  const full = document.createElement('div');
  full.style.cssText = `width:${width}px;padding:0 16px;box-sizing:border-box;font:16px system-ui,sans-serif`;
  const grid = document.createElement('div');
  grid.style.cssText = `width:${width}px;padding:0 16px;box-sizing:border-box;display:grid;gap:24px;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));font:0.85rem system-ui,sans-serif`;
  document.body.append(full, grid);
  return [full, grid];
}

describe('the promise line never truncates', () => {
  let clock: FakeClock;
  useWidgetPage();
  beforeEach(() => {
    clock = installFakeClock(NOW);
    api.use(http.get(`${API}/v1/promise`, () => HttpResponse.json(promiseResponse({ options: [FAR] }))));
  });
  afterEach(() => {
    clock.uninstall();
    for (const box of document.querySelectorAll('body > div[style]')) box.remove();
  });

  for (const locale of LOCALES) {
    it(`shows the whole date and window in ${locale} at ${WIDTHS.join(', ')} px`, async () => {
      const range = plain(formatTimeRange(new Date(FAR.window.start), new Date(FAR.window.end), 'America/Phoenix', locale));
      const elements: HTMLElement[] = [];
      for (const width of WIDTHS) {
        for (const box of layouts(width)) {
          for (const tag of ['nearbuy-promise', 'nearbuy-button'] as const) {
            const element = document.createElement(tag);
            for (const [name, value] of Object.entries({
              'api-base': API,
              'publishable-key': PK,
              sku: 'TEE-RED-M',
              'postal-code': '85226',
              locale,
            })) {
              element.setAttribute(name, value);
            }
            box.append(element);
            elements.push(element);
          }
        }
      }
      for (const element of elements) {
        await settled(element as HTMLElementTagNameMap['nearbuy-promise'], 'available');
        const line = part(element, 'promise-line')!;
        const where = `${element.localName} ${element.getBoundingClientRect().width.toFixed(0)} px wide`;
        expect(plain(promiseLine(element as HTMLElementTagNameMap['nearbuy-promise'])), where).to.include(range);
        expect(line.scrollWidth, `${where}: nothing overflows the line`).to.be.at.most(line.clientWidth + 1);
        expect(line.scrollHeight, `${where}: nothing overflows the line`).to.be.at.most(line.clientHeight + 1);
        const box = line.getBoundingClientRect();
        const card = part(element, 'base')!.getBoundingClientRect();
        expect(box.right, `${where}: inside the element`).to.be.at.most(card.right + 0.5);
        expect(box.left, `${where}: inside the element`).to.be.at.least(card.left - 0.5);
      }
    });
  }
});
