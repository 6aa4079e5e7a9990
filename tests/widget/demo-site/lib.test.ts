/**
 * The demo storefront's money helper (`demo-site/assets/lib.js`, plain JS the pages load as is)
 * reads amounts as the contract does: integer minor units in the currency's own fraction digits.
 */
import { expect } from 'chai';
import { formatMoney } from '../../../contract/money.js';
import type { Money } from '../../../contract/primitives.js';

const { money } = (await import('../../../demo-site/assets/lib.js' as string)) as { money: (value: Money) => string };

describe('demo-site money()', () => {
  it('shows a yen amount as it is, not a hundred times too small', () => {
    expect(money({ amount: 1999, currency: 'JPY' })).to.equal('¥1,999');
    expect(money({ amount: 1999, currency: 'USD' })).to.equal('$19.99');
  });

  for (const value of [
    { amount: 1999, currency: 'USD' },
    { amount: 0, currency: 'USD' },
    { amount: 1999, currency: 'JPY' },
    { amount: 50000, currency: 'KRW' },
    { amount: 1999, currency: 'EUR' },
    { amount: 12345, currency: 'KWD' },
  ]) {
    it(`reads ${value.amount} ${value.currency} as contract/money.ts does`, () => {
      expect(money(value)).to.equal(formatMoney(value, 'en-US'));
    });
  }
});
