/** Prices typed in the console become exact minor units (docs/ARCHITECTURE.md, "Invariants"). */
import { describe, expect, it } from 'vitest';
import { moneyField, parseMoney } from '../../../console/money-input.js';

describe('parseMoney', () => {
  it('reads amounts in the currency’s own minor units, without floating point', () => {
    expect(parseMoney('12.50', 'USD')).toBe(1250);
    expect(parseMoney('12.5', 'USD')).toBe(1250);
    expect(parseMoney('$35', 'USD')).toBe(3500);
    expect(parseMoney('0.29', 'USD')).toBe(29); // 0.29 * 100 is 28.999… in floating point
    expect(parseMoney('1,299.99', 'USD')).toBe(129999);
    expect(parseMoney('12,50', 'EUR')).toBe(1250);
    expect(parseMoney('1999', 'JPY')).toBe(1999);
    expect(parseMoney('1.234', 'KWD')).toBe(1234);
  });

  it('refuses what is not an amount, or has more decimals than the currency', () => {
    for (const text of ['', 'abc', '-5', '1.999', '1e3', '12.50.1']) expect(parseMoney(text, 'USD'), text).toBeNull();
    expect(parseMoney('19.5', 'JPY')).toBeNull();
  });

  it('writes minor units back for a form field, and reads them again', () => {
    expect(moneyField(1250, 'USD')).toBe('12.50');
    expect(moneyField(5, 'USD')).toBe('0.05');
    expect(moneyField(1999, 'JPY')).toBe('1999');
    for (const amount of [0, 1, 99, 100, 123456]) expect(parseMoney(moneyField(amount, 'USD'), 'USD')).toBe(amount);
  });
});
