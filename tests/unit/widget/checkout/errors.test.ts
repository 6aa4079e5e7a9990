// The shopper's clock first: the widget names a zone only where it differs from it.
import '../browser-zone.js';
import { describe, expect, it } from 'vitest';
import { recoveryFor, toApiError, type ErrorScene } from '../../../../widget/checkout/errors.js';
import { en } from '../../../../widget/checkout/locales/en.js';
import { NearbuyApiError } from '../../../../widget/internal/api.js';
import { allMessages } from '../../../../widget/locales/en-lazy.js';
import { en as enFirstChunk } from '../../../../widget/locales/en.js';
import { NEXT_DAY, option, promiseResponse } from '../../../widget/helpers/fixtures.js';

const w = allMessages(enFirstChunk);
const scene: ErrorScene = { delivery: { response: promiseResponse(), service: 'same_day' }, locale: 'en', m: en, w };
const apiError = (code: string, status: number, details?: unknown) => new NearbuyApiError(code, 'x', status, details);
/** Intl's own spaces (thin, no-break) as plain ones. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('recoveryFor', () => {
  it.each([
    ['rate_limited', 429, 'Too many tries in a short time. Wait a moment and try again.'],
    ['network', 0, "The store isn't answering right now. Your details are kept; try again in a moment."],
    ['payment_unavailable', 0, "Payment couldn't load. Check your connection and try again."],
    ['invalid_request', 400, 'Some details look wrong. Check them and try again.'],
    ['unprocessable', 422, 'Some details look wrong. Check them and try again.'],
    ['internal', 500, 'Something went wrong on our side. Try again in a moment.'],
    ['something_new', 418, 'Something went wrong on our side. Try again in a moment.'],
  ])('%s (%i): says so and stays where the shopper is', (code, status, notice) => {
    expect(recoveryFor(apiError(code, status), 'checkout', scene)).toEqual({ notice });
  });

  it('a member sign-in failure it does not know reads as a code that did not work', () => {
    expect(recoveryFor(apiError('internal', 500), 'member', scene).notice).toBe("That code didn't work. Check it, or ask for a new one.");
  });

  it('sold out: back to the options the server says are left', () => {
    expect(recoveryFor(apiError('out_of_stock', 409, { options: [NEXT_DAY] }), 'checkout', scene)).toEqual({
      notice: 'That option just sold out. Choose another delivery option below.',
      step: 'delivery',
      options: [NEXT_DAY],
      dropSession: true,
    });
  });

  it('sold out everywhere: says so', () => {
    const recovery = recoveryFor(apiError('out_of_stock', 409, { options: [] }), 'checkout', scene);
    expect(recovery.notice).toBe('Sorry, this item just sold out near you.');
    expect(recovery.options).toEqual([]);
  });

  it('sold out without the options left: they are fetched again', () => {
    expect(recoveryFor(apiError('out_of_stock', 409), 'checkout', scene).options).toBeNull();
  });

  it('promise changed: names the chosen service and its new window', () => {
    const later = option({ window: { start: '2026-11-26T16:00:00-07:00', end: '2026-11-26T20:00:00-07:00' } });
    const recovery = recoveryFor(apiError('promise_changed', 409, { options: [NEXT_DAY, later] }), 'checkout', scene);
    expect(plain(recovery.notice)).toBe('The delivery promise changed: Same-day now arrives tomorrow 4 – 8 PM. Check it and continue.');
    expect(recovery.step).toBe('delivery');
  });

  it('reservation expired: back to delivery, as a new attempt', () => {
    expect(recoveryFor(apiError('session_expired', 410), 'payment', scene)).toEqual({
      notice: 'We held your item for 15 minutes and the hold ran out. Continue to hold it again.',
      step: 'delivery',
      dropSession: true,
      newAttempt: true,
    });
  });

  it('undeliverable: back to the details, at the postal code', () => {
    const recovery = recoveryFor(apiError('undeliverable', 422), 'checkout', scene);
    expect(recovery.step).toBe('details');
    expect(recovery.fieldErrors).toEqual({ postalCode: "We can't deliver to this address. Check the postal code." });
  });

  it('declined card: another card', () => {
    expect(recoveryFor(apiError('payment_declined', 402), 'payment', scene)).toEqual({
      notice: 'Your card was declined. Try another card.',
      retypeCard: true,
    });
  });
});

describe('toApiError', () => {
  it('keeps an API error and reports anything else as internal', () => {
    const error = apiError('network', 0);
    expect(toApiError(error)).toBe(error);
    expect(toApiError(new TypeError('boom'))).toMatchObject({ code: 'internal', message: 'TypeError: boom', status: 0 });
  });
});
