/**
 * Destination regions (docs/promise-model.md, "Where parcels can go"). A place's region follows
 * from its IANA zone: every US zone belongs to exactly one region, and a zone outside the list is
 * outside the country. Carriers price and time parcels that leave the contiguous states as
 * lanes of their own (air or ocean legs), not by distance.
 */

export const REGIONS = ['contiguous', 'alaska', 'hawaii', 'puerto_rico', 'virgin_islands', 'pacific'] as const;
export type Region = (typeof REGIONS)[number];

const ZONES: Readonly<Record<Region, readonly string[]>> = {
  contiguous: [
    'America/New_York',
    'America/Detroit',
    'America/Kentucky/Louisville',
    'America/Kentucky/Monticello',
    'America/Indiana/Indianapolis',
    'America/Indiana/Vincennes',
    'America/Indiana/Winamac',
    'America/Indiana/Marengo',
    'America/Indiana/Petersburg',
    'America/Indiana/Vevay',
    'America/Chicago',
    'America/Indiana/Tell_City',
    'America/Indiana/Knox',
    'America/Menominee',
    'America/North_Dakota/Center',
    'America/North_Dakota/New_Salem',
    'America/North_Dakota/Beulah',
    'America/Denver',
    'America/Boise',
    'America/Phoenix',
    'America/Los_Angeles',
  ],
  alaska: ['America/Anchorage', 'America/Juneau', 'America/Sitka', 'America/Metlakatla', 'America/Yakutat', 'America/Nome', 'America/Adak'],
  hawaii: ['Pacific/Honolulu'],
  puerto_rico: ['America/Puerto_Rico'],
  virgin_islands: ['America/St_Thomas'],
  pacific: ['Pacific/Guam', 'Pacific/Saipan', 'Pacific/Pago_Pago'],
};

const REGION_OF_ZONE = new Map<string, Region>(REGIONS.flatMap((r) => ZONES[r].map((z) => [z, r] as const)));

/** The region a zone lies in, or null for a zone outside the United States. */
export function regionOfZone(timeZone: string): Region | null {
  return REGION_OF_ZONE.get(timeZone) ?? null;
}
