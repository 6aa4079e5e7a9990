import { describe, expect, it } from 'vitest';
import { resolveDestination } from '../../../server/promise-service/destination.js';
import { PO_BOX_ONLY_ZIPS } from '../../../server/promise-service/po-box-zips.js';
import zipcodes from 'zipcodes';
import { regionOfZone } from '../../../server/promise/regions.js';

describe('resolveDestination', () => {
  it.each([
    ['85226', 'America/Phoenix', 'Chandler, AZ 85226', 'contiguous'],
    ['89109', 'America/Los_Angeles', 'Las Vegas, NV 89109', 'contiguous'],
    ['22102', 'America/New_York', 'McLean, VA 22102', 'contiguous'],
    ['15136', 'America/New_York', 'McKees Rocks, PA 15136', 'contiguous'],
    ['60601', 'America/Chicago', 'Chicago, IL 60601', 'contiguous'],
    ['22102-1234', 'America/New_York', 'McLean, VA 22102', 'contiguous'],
    ['20500', 'America/New_York', 'Washington, DC 20500', 'contiguous'],
    ['99501', 'America/Anchorage', 'Anchorage, AK 99501', 'alaska'],
    ['96813', 'Pacific/Honolulu', 'Honolulu, HI 96813', 'hawaii'],
    ['00601', 'America/Puerto_Rico', 'Adjuntas, PR 00601', 'puerto_rico'],
    ['00802', 'America/St_Thomas', 'St Thomas, VI 00802', 'virgin_islands'],
    ['96910', 'Pacific/Guam', 'Hagatna, GU 96910', 'pacific'],
    ['96950', 'Pacific/Saipan', 'Saipan, MP 96950', 'pacific'],
    // American Samoa is UTC−11, a calendar day behind independent Samoa's Pacific/Apia.
    ['96799', 'Pacific/Pago_Pago', 'Pago Pago, AS 96799', 'pacific'],
  ])('postal code %s is in %s (%s, %s)', (postalCode, timeZone, label, region) => {
    const d = resolveDestination({ postalCode });
    expect(d.timeZone).toBe(timeZone);
    expect(d.label).toBe(label);
    expect(d.postalCode).toBe(postalCode.slice(0, 5));
    expect(regionOfZone(d.timeZone)).toBe(region);
  });

  it('every postal code of the 50 states, DC and the territories resolves, border towns included', () => {
    const codes = Object.values(zipcodes.codes);
    const refused = codes
      .filter((c) => c.country === 'US' && !['AA', 'AE', 'AP', 'FM', 'MH', 'PW'].includes(c.state) && !PO_BOX_ONLY_ZIPS.has(c.zip))
      .filter((c) => {
        try {
          resolveDestination({ postalCode: c.zip });
          return false;
        } catch {
          return true;
        }
      })
      .map((c) => `${c.zip} ${c.state}`);
    expect(refused).toEqual([]);
  });

  it.each([
    ['78044', 'America/Chicago', 'Laredo'],
    ['04743', 'America/New_York', 'Fort Kent'],
    ['83826', 'America/Los_Angeles', 'the Idaho panhandle'],
  ])('border postal code %s is in %s (%s)', (postalCode, timeZone) => {
    expect(resolveDestination({ postalCode }).timeZone).toBe(timeZone);
  });

  it.each([
    [36.12, -115.17, 'America/Los_Angeles'],
    [33.3, -111.9, 'America/Phoenix'],
    [-14.28, -170.69, 'Pacific/Pago_Pago'],
    [13.47, 144.74, 'Pacific/Guam'],
    [61.2, -149.9, 'America/Anchorage'],
  ])('coordinates %d, %d get the zone they lie in (%s)', (lat, lng, timeZone) => {
    expect(resolveDestination({ lat, lng })).toMatchObject({ postalCode: null, timeZone });
  });

  it.each([
    [{ postalCode: '00000' }, /No US postal code 00000/],
    [{ postalCode: 'ABCDE' }, /ABCDE is not a US postal code/],
    // Malformed codes are refused, never truncated to a real one.
    [{ postalCode: '85226XYZ' }, /85226XYZ is not a US postal code/],
    [{ postalCode: '852261' }, /852261 is not a US postal code/],
    [{ postalCode: '85226-12' }, /85226-12 is not a US postal code/],
    [{ postalCode: '' }, /empty postal code/],
    [{ postalCode: '85226', country: 'FR' }, /US only/],
    // Military post offices: USPS only; never geocoded to Italy or to (0, 0).
    [{ postalCode: '09012' }, /APO\/FPO\/DPO military address/],
    [{ postalCode: '34002' }, /APO\/FPO\/DPO military address/],
    [{ postalCode: '96960' }, /outside the United States/],
    // PO-box-only ZIP codes: the carriers deliver to street addresses only.
    [{ postalCode: '85244' }, /85244 \(Chandler, AZ\) has PO boxes only/],
    [{ postalCode: '10008-0001' }, /10008 \(New York, NY\) has PO boxes only/],
    [{ postalCode: '20013' }, /PO boxes only: our carriers deliver to street addresses/],
    [{ lat: 91, lng: 0 }, /latitude within ±90/],
    [{ lat: Number.NaN, lng: 0 }, /latitude within ±90/],
    // Toronto, Tijuana, Vancouver, the Gulf of Guinea, independent Samoa.
    [{ lat: 43.65, lng: -79.38 }, /outside the United States/],
    [{ lat: 32.53, lng: -117.03 }, /outside the United States/],
    [{ lat: 49.28, lng: -123.12 }, /outside the United States/],
    [{ lat: 0, lng: 0 }, /outside the United States/],
    [{ lat: -13.83, lng: -171.76 }, /outside the United States/],
  ])('%j is refused with a clear reason', (input, message) => {
    expect(() => resolveDestination(input)).toThrow(message);
  });
});
