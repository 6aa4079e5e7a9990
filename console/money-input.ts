/** Money typed into the console's forms, in major units, read exactly into minor units. */
import { fractionDigits } from '../contract/money.js';

/**
 * Minor units from money typed in major units ("12.5" → 1250 for USD, "1,999" → 1999 for JPY),
 * exactly, without floating point; null when it is not an amount in this currency.
 */
export function parseMoney(text: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  // A currency sign in front is allowed ("$35"); a minus sign is not.
  const clean = text.trim().replace(/^[^\d.,-]+/, '');
  // A comma is a decimal separator only where it leads the last one or two digits ("12,50").
  const normal = /^\d+,\d{1,2}$/.test(clean) && digits > 0 ? clean.replace(',', '.') : clean.replace(/,/g, '');
  const match = /^(\d{1,13})(?:\.(\d*))?$/.exec(normal);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** Minor units written back in major units for a form field: 1250 USD → "12.50". */
export function moneyField(amount: number, currency: string): string {
  const digits = fractionDigits(currency);
  if (digits === 0) return String(amount);
  const text = String(amount).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
