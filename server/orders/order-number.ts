/**
 * Order numbers for people: "NB-7K4Q-2M", read aloud on the phone and typed from an email. Six
 * characters from an alphabet without the ones that read alike (0/O, 1/I/L) or spell words by
 * accident (U): 30⁶ ≈ 729 million per merchant. Unique per merchant by an index; `insertOrder`
 * draws again on the rare collision, inside the order's transaction.
 */
import { randomInt } from 'node:crypto';

export const ORDER_NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/** What an order number looks like; case and spaces are forgiven by `normalizeOrderNumber`. */
export const ORDER_NUMBER_PATTERN = /^NB-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{2}$/;

export function newOrderNumber(): string {
  const pick = (n: number) => Array.from({ length: n }, () => ORDER_NUMBER_ALPHABET[randomInt(ORDER_NUMBER_ALPHABET.length)]).join('');
  return `NB-${pick(4)}-${pick(2)}`;
}

/** "nb-7k4q-2m " → "NB-7K4Q-2M"; null when it is not an order number. */
export function normalizeOrderNumber(value: string): string | null {
  const upper = value.trim().toUpperCase();
  return ORDER_NUMBER_PATTERN.test(upper) ? upper : null;
}
