import { describe, expect, it } from 'vitest';
import {
  EMPTY_FORM,
  SessionAttempts,
  postalCodeRegionError,
  sessionBody,
  validateDetails,
  type CheckoutForm,
} from '../../../../widget/checkout/form.js';
import { en } from '../../../../widget/checkout/locales/en.js';
import { REGIONS, option } from '../../../widget/helpers/fixtures.js';

const FILLED: CheckoutForm = {
  ...EMPTY_FORM,
  quantity: '2',
  email: ' Ana@Example.com ',
  name: ' Ana Shopper ',
  line1: '1 Main St',
  city: 'Chandler',
  region: 'AZ',
  postalCode: ' 85226 ',
  country: 'us',
};

describe('validateDetails', () => {
  it('names every missing field, in the order they appear', () => {
    const errors = validateDetails(EMPTY_FORM, en);
    expect(Object.keys(errors)).toEqual(['email', 'name', 'line1', 'city', 'region', 'postalCode']);
    expect(errors.email).toBe('Required');
  });

  it('accepts a filled form', () => {
    expect(validateDetails(FILLED, en)).toEqual({});
  });

  it.each([
    [{ quantity: '0' }, 'quantity', '1–99'],
    [{ quantity: '100' }, 'quantity', '1–99'],
    [{ quantity: '1.5' }, 'quantity', '1–99'],
    [{ email: 'ana@' }, 'email', 'Enter an email like name@example.com'],
    [{ postalCode: '!!' }, 'postalCode', 'Enter 3–10 letters or digits'],
    [{ country: 'USA' }, 'country', 'US, FR, JP…'],
    [{ region: '  ' }, 'region', 'Required'],
  ] as const)('%o: %s reads %s', (change, field, message) => {
    expect(validateDetails({ ...FILLED, ...change }, en)).toEqual({ [field]: message });
  });
});

describe('sessionBody', () => {
  it('sends what was typed, tidied, and never a price', () => {
    expect(sessionBody(FILLED, 'TEE-RED-M', 'same_day', undefined)).toEqual({
      items: [{ sku: 'TEE-RED-M', quantity: 2 }],
      email: 'ana@example.com',
      address: { name: 'Ana Shopper', line1: '1 Main St', city: 'Chandler', region: 'AZ', postalCode: '85226', country: 'US' },
      service: 'same_day',
    });
  });

  it('adds the window the shopper saw, and a second address line when there is one', () => {
    const body = sessionBody({ ...FILLED, line2: ' Apt 4 ' }, 'TEE-RED-M', 'same_day', option());
    expect(body.expectedWindow).toEqual(option().window);
    expect(body.address.line2).toBe('Apt 4');
  });
});

describe('SessionAttempts', () => {
  const body = sessionBody(FILLED, 'TEE-RED-M', 'same_day', undefined);

  it('keeps the key for the same attempt and makes a new one for another', () => {
    const attempts = new SessionAttempts();
    const key = attempts.keyFor(body);
    expect(key).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(attempts.keyFor({ ...body })).toBe(key);
    expect(attempts.keyFor({ ...body, service: 'next_day' })).not.toBe(key);
  });

  it.each([
    ['a network failure', 0, 'network', true],
    ['too many tries', 429, 'rate_limited', true],
    ['the same key still in flight', 409, 'idempotency_key_in_flight', true],
    ['a refusal', 409, 'out_of_stock', false],
    ['a bad request', 400, 'invalid_request', false],
    ['a server error', 500, 'internal', true],
  ] as const)('after %s the retry keeps its key: %s', (_what, status, code, same) => {
    const attempts = new SessionAttempts();
    const key = attempts.keyFor(body);
    attempts.failed({ status, code });
    expect(attempts.keyFor(body) === key).toBe(same);
  });

  it('starts a new attempt once told to forget', () => {
    const attempts = new SessionAttempts();
    const key = attempts.keyFor(body);
    attempts.forget();
    expect(attempts.keyFor(body)).not.toBe(key);
  });
});

describe('postalCodeRegionError', () => {
  it.each([
    [{ region: 'AZ', postalCode: '85226' }, null],
    [{ region: 'arizona', postalCode: '85226-1234' }, null],
    [{ region: 'CA', postalCode: '85226' }, 'This postal code is not in California'],
    [{ region: 'CA', postalCode: '852' }, 'This postal code is not in California'],
    // Too little typed, no state chosen, or a state the list does not have: nothing to say yet.
    [{ region: 'CA', postalCode: '85' }, null],
    [{ region: '', postalCode: '85226' }, null],
    [{ region: 'ZZ', postalCode: '85226' }, null],
  ])('%o → %s', (values, expected) => {
    expect(postalCodeRegionError({ ...FILLED, ...values }, REGIONS, en)).toBe(expected);
  });

  it('says nothing without the places served, and blocks the details step when it speaks', () => {
    expect(postalCodeRegionError({ ...FILLED, region: 'CA' }, null, en)).toBeNull();
    expect(validateDetails({ ...FILLED, region: 'CA' }, en, REGIONS)).toEqual({ postalCode: 'This postal code is not in California' });
    expect(validateDetails(FILLED, en, REGIONS)).toEqual({});
  });
});
