/**
 * Where a parcel goes: a US postal code (bundled table from the `zipcodes` package) or
 * coordinates, with the IANA zone there (`@photostructure/tz-lookup`), so delivery windows are
 * written in the shopper's own time.
 *
 * Only places the network can honestly reach resolve (docs/promise-model.md, "Where parcels
 * can go"): the 50 states, DC, Puerto Rico, the US Virgin Islands, Guam, the Northern Mariana
 * Islands and American Samoa. The engine reads the region from the zone and offers each only
 * the services that reach it. APO/FPO/DPO addresses (USPS only), the freely associated states
 * and anything outside the country are refused with a sentence saying so.
 */
import zipcodes from 'zipcodes';
import tzLookup from '@photostructure/tz-lookup';
import { PO_BOX_ONLY_ZIPS } from './po-box-zips.js';
import type { Destination } from '../../contract/public.js';
import { regionOfZone } from '../promise/index.js';

/**
 * A destination the network cannot deliver to: `unknown_postal_code` when no such code exists (or
 * it is not written as one), `not_deliverable` when the place exists but is not one we reach.
 */
export class UnknownDestinationError extends Error {
  constructor(
    message: string,
    readonly reason: 'unknown_postal_code' | 'not_deliverable' = 'not_deliverable',
  ) {
    super(message);
    this.name = 'UnknownDestinationError';
  }
}

export type DestinationInput = { postalCode: string; country?: string } | { lat: number; lng: number; country?: string };

const SUPPORTED_COUNTRIES = new Set(['US']);

/** Five digits, optionally ZIP+4; anything else is refused rather than truncated. */
const POSTAL_CODE = /^(\d{5})(?:-\d{4})?$/;

/**
 * The one zone of each single-zone territory and state, whatever the coordinates in the postal
 * table say (American Samoa's lie next to independent Samoa, a day ahead in `Pacific/Apia`).
 */
const ZONE_OF_STATE: Readonly<Record<string, string>> = {
  HI: 'Pacific/Honolulu',
  PR: 'America/Puerto_Rico',
  VI: 'America/St_Thomas',
  GU: 'Pacific/Guam',
  MP: 'Pacific/Saipan',
  AS: 'Pacific/Pago_Pago',
};

/**
 * Each state's main zone, for the postal codes whose centroid the zone polygons put across the
 * border (Laredo, Fort Kent, the 49th parallel): the code is still a US one.
 */
const MAIN_ZONE_OF_STATE: Readonly<Record<string, string>> = {
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  CA: 'America/Los_Angeles',
  ID: 'America/Los_Angeles', // the panhandle on the border keeps Pacific time
  ME: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MT: 'America/Denver',
  ND: 'America/Chicago',
  NH: 'America/New_York',
  NM: 'America/Denver',
  NY: 'America/New_York',
  TX: 'America/Chicago',
  VT: 'America/New_York',
  WA: 'America/Los_Angeles',
};

/** Military post offices: served by USPS alone, which is not one of the network's carriers. */
const MILITARY_STATES = new Set(['AA', 'AE', 'AP']);
/** The freely associated states use US postal codes but are other countries. */
const FREELY_ASSOCIATED = new Set(['FM', 'MH', 'PW']);

/** American Samoa (Tutuila, Manu'a, Swains): east of independent Samoa's easternmost point. */
function inAmericanSamoa(lat: number, lng: number): boolean {
  return lat > -15 && lat < -10.9 && lng > -171.2 && lng < -168;
}

/** Resolves a postal code or coordinates into a destination with a time zone. */
export function resolveDestination(input: DestinationInput): Destination {
  const country = (input.country ?? 'US').toUpperCase();
  if (!SUPPORTED_COUNTRIES.has(country)) {
    throw new UnknownDestinationError(`Delivery promises cover the US only for now, not ${country}`);
  }
  if ('postalCode' in input) return fromPostalCode(input.postalCode.trim(), country);

  const { lat, lng } = input;
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    throw new UnknownDestinationError('Coordinates must be a latitude within ±90 and a longitude within ±180');
  }
  const timeZone = inAmericanSamoa(lat, lng) ? 'Pacific/Pago_Pago' : tzLookup(lat, lng);
  if (regionOfZone(timeZone) === null) {
    throw new UnknownDestinationError(`${lat.toFixed(3)}, ${lng.toFixed(3)} is outside the United States, where we don't deliver`);
  }
  return { postalCode: null, country, lat, lng, timeZone, label: `${lat.toFixed(3)}, ${lng.toFixed(3)}` };
}

function fromPostalCode(text: string, country: string): Destination {
  const match = POSTAL_CODE.exec(text);
  if (!match) {
    throw new UnknownDestinationError(
      `${text || 'An empty postal code'} is not a US postal code: write five digits, or ZIP+4 (85226-1234)`,
      'unknown_postal_code',
    );
  }
  const zip = match[1]!;
  const hit = zipcodes.lookup(zip);
  if (!hit || hit.country !== 'US') throw new UnknownDestinationError(`No US postal code ${text} is known`, 'unknown_postal_code');
  if (MILITARY_STATES.has(hit.state)) {
    throw new UnknownDestinationError(
      `${zip} is an APO/FPO/DPO military address: only the US Postal Service delivers there, and we don't ship with it`,
    );
  }
  if (PO_BOX_ONLY_ZIPS.has(zip)) {
    throw new UnknownDestinationError(
      `${zip} (${titleCase(hit.city)}, ${hit.state}) has PO boxes only: our carriers deliver to street addresses, so we don't deliver there`,
    );
  }
  if (FREELY_ASSOCIATED.has(hit.state)) {
    throw new UnknownDestinationError(`${zip} is in ${titleCase(hit.city)}, outside the United States, where we don't deliver`);
  }
  let timeZone = ZONE_OF_STATE[hit.state] ?? tzLookup(hit.latitude, hit.longitude);
  if (regionOfZone(timeZone) === null) timeZone = MAIN_ZONE_OF_STATE[hit.state] ?? timeZone;
  if (regionOfZone(timeZone) === null) throw new UnknownDestinationError(`We don't deliver to ${zip}`);
  return {
    postalCode: zip,
    country,
    lat: hit.latitude,
    lng: hit.longitude,
    timeZone,
    label: `${titleCase(hit.city)}, ${hit.state} ${zip}`,
  };
}

/** "MC LEAN" → "McLean": the postal data's capitals and its "Mc " spacing, as people write the names. */
function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b[a-z]/g, (c) => c.toUpperCase())
    .replace(/\b(Ma?c) ([A-Z])/g, '$1$2');
}

/**
 * The state (or territory) a US postal code lies in, from the same postal table as every
 * destination ("AZ" for 85226); null when the table has no such code.
 */
export function stateOfPostalCode(postalCode: string): string | null {
  const match = POSTAL_CODE.exec(postalCode.trim());
  const hit = match ? zipcodes.lookup(match[1]!) : undefined;
  return hit && hit.country === 'US' ? hit.state : null;
}

/** "ARIZONA" → "Arizona", "DISTRICT OF COLUMBIA" → "District of Columbia". */
export function stateName(code: string): string {
  const upper = zipcodes.states.abbr[code] ?? code;
  return upper
    .toLowerCase()
    .replace(/\b[a-z]/g, (c) => c.toUpperCase())
    .replace(/\b(Of|And|The)\b/g, (w) => w.toLowerCase());
}
