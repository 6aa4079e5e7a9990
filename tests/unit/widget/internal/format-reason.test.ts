// The shopper's clock first: the widget names a zone only where it differs from it.
import '../browser-zone.js';
import { describe, expect, it } from 'vitest';
import type { DeliveryOption } from '../../../../contract/public.js';
import { formatReason } from '../../../../widget/internal/format-reason.js';
import { en as enFirstChunk } from '../../../../widget/locales/en.js';
import { allMessages } from '../../../../widget/locales/en-lazy.js';
import { messages as fr } from '../../../../widget/locales/fr.js';
import { messages as ja } from '../../../../widget/locales/ja.js';
import { option as fixtureOption } from '../../../widget/helpers/fixtures.js';

const en = allMessages(enFirstChunk);

const shipment = (nodeName: string, distanceKm: number) => ({
  nodeId: nodeName,
  nodeName,
  nodeKind: 'mall_store' as const,
  distanceKm,
  items: [{ sku: 'TEE-RED-M', quantity: 1 }],
});

/** Intl puts no-break spaces of its own choosing between number and unit. */
const plain = (text: string) => text.replace(/\s/g, ' ');

/** The server's English sentence, deliberately different from what the widget builds. */
const option = (overrides: Partial<DeliveryOption>) => fixtureOption({ reason: 'SERVER ENGLISH REASON', ...overrides });

describe('formatReason', () => {
  it.each([
    ['en', en, 'from Chandler Fashion Center, 6 km away'],
    ['fr', fr, 'depuis Chandler Fashion Center, à 6 km'],
    ['ja', ja, 'Chandler Fashion Centerから (6 km)'],
  ] as const)('builds the line from the shipments in %s', (locale, messages, expected) => {
    expect(plain(formatReason(option({}), locale, messages))).toBe(expected);
  });

  it.each([
    ['US', 'en', en, 'from Chandler Fashion Center, 3.7 mi away'],
    ['us', 'fr', fr, 'depuis Chandler Fashion Center, à 3,7 mi'],
    ['GB', 'en', en, 'from Chandler Fashion Center, 3.7 mi away'],
    ['FR', 'en', en, 'from Chandler Fashion Center, 6 km away'],
    ['ID', 'en', en, 'from Chandler Fashion Center, 6 km away'],
  ] as const)('gives distances in the units of the destination %s', (country, locale, messages, expected) => {
    expect(plain(formatReason(option({}), locale, messages, country))).toBe(expected);
  });

  it.each([
    ['en', en, "from Chandler Fashion Center, 6 km away, based on this place's last 60 deliveries"],
    ['fr', fr, "depuis Chandler Fashion Center, à 6 km, d'après ses 60 dernières livraisons"],
    ['ja', ja, 'Chandler Fashion Centerから (6 km)（この店舗の直近60件の配達実績より）'],
  ] as const)('says in %s when the place’s dates come from its own history', (locale, messages, expected) => {
    const calibrated = option({ shipments: [{ ...shipment('Chandler Fashion Center', 6), history: 60 }] });
    expect(plain(formatReason(calibrated, locale, messages))).toBe(expected);
    // Without history, nothing is added.
    expect(
      plain(formatReason(option({ shipments: [{ ...shipment('Chandler Fashion Center', 6), history: 0 }] }), locale, messages)),
    ).not.toContain('60');
  });

  it('says how many parcels a split option comes in', () => {
    const split = option({ split: true, shipments: [shipment('Reno FC', 900), shipment('Dallas FC', 1400)] });
    expect(formatReason(split, 'fr', fr)).toBe('en 2 colis');
  });

  it("never falls back to the server's English reason", () => {
    // Off-contract (the contract asks for one shipment at least), but a widget must not show English to a French shopper.
    expect(formatReason(option({ shipments: [] }), 'fr', fr)).toBe('');
  });
});
