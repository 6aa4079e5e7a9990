/**
 * How an amount of money reads. Amounts travel as integer minor units; how many minor units make
 * one major unit is the currency's own (USD 2, JPY and KRW 0, KWD 3), as `Intl` knows it. Every
 * surface (widget, order page, email, console, demo) formats money through here, so a
 * zero-decimal currency is never shown a hundred times too small. Plain code: safe for the widget
 * bundle.
 */
import type { Money } from './primitives.js';

const formats = new Map<string, Intl.NumberFormat>();

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formats.set(key, format);
  }
  return format;
}

/** Minor units per major unit are 10 to this power: 2 for USD, 0 for JPY. */
export function fractionDigits(currency: string): number {
  return currencyFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** The amount in major units: 1999 USD → 19.99, 1999 JPY → 1999. */
export function toMajorUnits(money: Money): number {
  return money.amount / 10 ** fractionDigits(money.currency);
}

/** "$19.99", "￥1,999", "19,99 €", in a locale. */
export function formatMoney(money: Money, locale: string): string {
  return currencyFormat(locale, money.currency).format(toMajorUnits(money));
}
