import { describe, expect, it } from 'vitest';
import { formatMoney, fractionDigits, toMajorUnits } from '../../../contract/money.js';

describe('money', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
  ])('%s has %i fraction digits', (currency, digits) => {
    expect(fractionDigits(currency)).toBe(digits);
  });

  it.each([
    [{ amount: 1999, currency: 'USD' }, 'en-US', '$19.99'],
    [{ amount: 1999, currency: 'JPY' }, 'en-US', '¥1,999'],
    [{ amount: 1999, currency: 'JPY' }, 'ja-JP', '￥1,999'],
    [{ amount: 50000, currency: 'KRW' }, 'en-US', '₩50,000'],
    [{ amount: 1999, currency: 'EUR' }, 'fr-FR', '19,99\u00a0€'],
  ])('formats %o in %s as %s', (money, locale, text) => {
    expect(formatMoney(money, locale)).toBe(text);
  });

  it('never shows a zero-decimal currency a hundred times too small', () => {
    expect(toMajorUnits({ amount: 500, currency: 'JPY' })).toBe(500);
    expect(toMajorUnits({ amount: 500, currency: 'USD' })).toBe(5);
  });
});
