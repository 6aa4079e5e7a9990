import { describe, expect, it } from 'vitest';
import { resolveDestination } from '../../../server/promise-service/destination.js';

describe('resolveDestination', () => {
  it.each([
    ['85226', 'America/Phoenix', 'Chandler, AZ 85226'],
    ['89109', 'America/Los_Angeles', 'Las Vegas, NV 89109'],
    ['22102', 'America/New_York', 'McLean, VA 22102'],
    ['15136', 'America/New_York', 'McKees Rocks, PA 15136'],
    ['60601', 'America/Chicago', 'Chicago, IL 60601'],
    ['22102-1234', 'America/New_York', 'McLean, VA 22102'],
  ])('postal code %s is in %s', (postalCode, timeZone, label) => {
    const d = resolveDestination({ postalCode });
    expect(d.timeZone).toBe(timeZone);
    expect(d.label).toBe(label);
    expect(d.postalCode).toBe(postalCode.slice(0, 5));
  });

  it('coordinates get the zone they lie in', () => {
    expect(resolveDestination({ lat: 36.12, lng: -115.17 }).timeZone).toBe('America/Los_Angeles');
    expect(resolveDestination({ lat: 33.3, lng: -111.9 })).toMatchObject({ postalCode: null, timeZone: 'America/Phoenix' });
  });

  it.each([
    [{ postalCode: '00000' }, /No US postal code 00000/],
    [{ postalCode: 'ABCDE' }, /No US postal code ABCDE/],
    [{ postalCode: '85226', country: 'FR' }, /US only/],
    [{ lat: 91, lng: 0 }, /latitude within ±90/],
    [{ lat: Number.NaN, lng: 0 }, /latitude within ±90/],
  ])('%j is refused with a clear reason', (input, message) => {
    expect(() => resolveDestination(input)).toThrow(message);
  });
});
