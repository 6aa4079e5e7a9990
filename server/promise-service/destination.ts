/**
 * Where a parcel goes: a US postal code (bundled table from the `zipcodes` package) or
 * coordinates, with the IANA zone there (`@photostructure/tz-lookup`), so delivery windows are
 * written in the shopper's own time.
 */
import zipcodes from 'zipcodes';
import tzLookup from '@photostructure/tz-lookup';
import type { Destination } from '../../contract/public.js';

export class UnknownDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownDestinationError';
  }
}

export type DestinationInput = { postalCode: string; country?: string } | { lat: number; lng: number; country?: string };

const SUPPORTED_COUNTRIES = new Set(['US']);

/** Resolves a postal code or coordinates into a destination with a time zone. */
export function resolveDestination(input: DestinationInput): Destination {
  const country = (input.country ?? 'US').toUpperCase();
  if (!SUPPORTED_COUNTRIES.has(country)) {
    throw new UnknownDestinationError(`Delivery promises cover the US only for now, not ${country}`);
  }
  if ('postalCode' in input) {
    const zip = input.postalCode.trim().slice(0, 5);
    const hit = /^\d{5}$/.test(zip) ? zipcodes.lookup(zip) : undefined;
    if (!hit || hit.country !== 'US') {
      throw new UnknownDestinationError(`No US postal code ${input.postalCode.trim()} is known`);
    }
    return {
      postalCode: zip,
      country,
      lat: hit.latitude,
      lng: hit.longitude,
      timeZone: tzLookup(hit.latitude, hit.longitude),
      label: `${titleCase(hit.city)}, ${hit.state} ${zip}`,
    };
  }
  const { lat, lng } = input;
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    throw new UnknownDestinationError('Coordinates must be a latitude within ±90 and a longitude within ±180');
  }
  return {
    postalCode: null,
    country,
    lat,
    lng,
    timeZone: tzLookup(lat, lng),
    label: `${lat.toFixed(3)}, ${lng.toFixed(3)}`,
  };
}

/** "MC LEAN" → "McLean": the postal data's capitals and its "Mc " spacing, as people write the names. */
function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b[a-z]/g, (c) => c.toUpperCase())
    .replace(/\b(Ma?c) ([A-Z])/g, '$1$2');
}
