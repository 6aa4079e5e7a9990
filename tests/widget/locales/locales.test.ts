/** Each locale through Intl, right-to-left for Arabic, and locale chunks loaded only when needed. */
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import '../../../widget/nearbuy.js';
import { api } from '../helpers/api.js';
import {
  countdown,
  expectAccessible,
  mount,
  part,
  promiseLine,
  settled,
  text,
  unmountAll,
  waitFor,
  watchPromiseLine,
} from '../helpers/dom.js';
import { installFakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { API, NOW, promiseResponse } from '../helpers/fixtures.js';

const base = { sku: 'TEE-RED-M', 'postal-code': '85226' };

const CASES = [
  {
    locale: 'en',
    dir: 'ltr',
    line: 'FREE delivery today 4 – 8 PM',
    countdown: 'order within 2 hr, 14 min',
    buy: 'Buy now',
    more: '2 more delivery options',
  },
  {
    locale: 'id',
    dir: 'ltr',
    line: 'Pengiriman GRATIS hari ini 16.00–20.00',
    countdown: 'pesan dalam 2 j, 14 mnt',
    buy: 'Beli sekarang',
    more: '2 opsi pengiriman lain',
  },
  {
    locale: 'fr',
    dir: 'ltr',
    line: 'Livraison GRATUITE aujourd’hui 16:00 – 20:00',
    countdown: 'commandez d’ici 2 h et 14 min',
    buy: 'Acheter',
    more: '2 autres options de livraison',
  },
  {
    locale: 'ja',
    dir: 'ltr',
    line: '今日 16時～20時に無料でお届け',
    countdown: 'あと2 時間 14 分以内のご注文で',
    buy: '今すぐ購入',
    more: 'ほかの配送方法 (2)',
  },
  {
    locale: 'zh',
    dir: 'ltr',
    line: '免费配送，今天 16:00–20:00送达',
    countdown: '请在 2小时14分钟 内下单',
    buy: '立即购买',
    more: '其他 2 种配送方式',
  },
  {
    locale: 'ar',
    dir: 'rtl',
    line: 'توصيل مجاني اليوم 4–8 م',
    countdown: 'اطلب خلال 2 س و14 د',
    buy: 'اشترِ الآن',
    more: 'خيارات توصيل أخرى (2)',
  },
];

// Room for every module this page loads, so the locale chunks can be looked up by URL.
performance.setResourceTimingBufferSize(5000);

describe('locales', () => {
  let clock: FakeClock;
  before(() => api.start());
  beforeEach(() => {
    clock = installFakeClock(NOW);
  });
  afterEach(() => {
    unmountAll();
    api.reset();
    clock.uninstall();
    document.documentElement.lang = '';
  });

  it('loads a locale chunk only for the locale in use', async () => {
    const loaded = () =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => /\/widget\/locales\/(id|fr|ja|zh|ar)\.ts/.test(name));
    const english = mount('nearbuy-promise', base);
    await settled(english, 'available');
    expect(loaded().filter((name) => name.includes('/ja.ts'))).to.have.length(0);
    const japanese = mount('nearbuy-promise', { ...base, locale: 'ja-JP' });
    await settled(japanese, 'available');
    await waitFor(() => loaded().some((name) => name.includes('/locales/ja.ts')), 'the Japanese chunk');
    expect(
      loaded().filter((name) => name.includes('/locales/fr.ts')),
      'no French chunk yet',
    ).to.have.length(0);
  });

  for (const c of CASES) {
    it(`${c.locale}: dates, times, money and durations through Intl, ${c.dir}`, async () => {
      const button = mount('nearbuy-button', { ...base, locale: c.locale });
      await settled(button, 'available');
      expect(promiseLine(button)).to.equal(c.line);
      expect(countdown(button)).to.equal(c.countdown);
      expect(text(part(button, 'buy-button'))).to.equal(c.buy);
      expect(text(part(button, 'options-toggle'))).to.equal(c.more);
      const base_ = part(button, 'base')!;
      expect(base_.getAttribute('lang')).to.equal(c.locale);
      expect(getComputedStyle(base_).direction).to.equal(c.dir);
      await expectAccessible(button);
    });
  }

  it('lays Arabic out right to left', async () => {
    const button = mount('nearbuy-button', { ...base, locale: 'ar' });
    const english = mount('nearbuy-button', base);
    await settled(button, 'available');
    await settled(english, 'available');
    const change = (element: Element) => element.shadowRoot!.querySelector('.where .link')!.getBoundingClientRect();
    const toggle = (element: Element) => part(element, 'options-toggle')!.getBoundingClientRect();
    // "Change" sits on the reading side, the options toggle on the far side.
    expect(toggle(button).left).to.be.lessThan(change(button).left);
    expect(toggle(english).left).to.be.greaterThan(change(english).left);
    const line = part(button, 'promise-line')!;
    expect(line.getBoundingClientRect().right).to.be.closeTo(part(button, 'base')!.getBoundingClientRect().right - 16, 4);
  });

  for (const [locale, soldOut, nextDay, split] of [
    ['en', 'Sold out', 'Next-day', 'in 2 parcels'],
    ['ja', '売り切れ', '翌日配送', '2個口でお届け'],
  ] as const) {
    it(`${locale}: the lazy chunks' strings are there when they are shown, with no other text first`, async () => {
      api.use(
        http.get(`${API}/v1/promise`, () =>
          HttpResponse.json(promiseResponse({ options: [], unavailable: { reason: 'sold_out', message: 'Sold out', retryAt: null } })),
        ),
      );
      const soldOutButton = mount('nearbuy-button', { ...base, locale });
      const lines = watchPromiseLine(soldOutButton);
      await settled(soldOutButton, 'unavailable');
      expect(lines, 'nothing but the skeleton before the reason').to.deep.equal([soldOut]);
      lines.stop();
      api.reset();
      const button = mount('nearbuy-button', { ...base, locale });
      await settled(button, 'available');
      part(button, 'options-toggle')!.click();
      await waitFor(() => part(button, 'options'), 'the options list');
      expect(text(part(button, 'options')))
        .to.contain(nextDay)
        .and.contain(split);
    });
  }

  it("falls back to the page's language, then to English", async () => {
    document.documentElement.lang = 'fr-CA';
    const french = mount('nearbuy-promise', base);
    await settled(french, 'available');
    expect(promiseLine(french)).to.equal('Livraison GRATUITE aujourd’hui 16:00 – 20:00');
    document.documentElement.lang = '';
    const unsupported = mount('nearbuy-promise', { ...base, locale: 'de-DE' });
    await settled(unsupported, 'available');
    expect(promiseLine(unsupported)).to.equal('FREE delivery today 4 – 8 PM');
  });

  it('switches language when the locale attribute changes', async () => {
    const element = mount('nearbuy-promise', base);
    await settled(element, 'available');
    element.setAttribute('locale', 'ja');
    await waitFor(() => promiseLine(element) === '今日 16時～20時に無料でお届け', 'Japanese');
    expect(api.calls('/v1/promise'), 'no refetch for a language change').to.have.length(1);
  });
});
