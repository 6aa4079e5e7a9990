/**
 * ZIP codes that are PO-box-only (no street delivery), refused as destinations: the network's
 * parcel carriers (UPS, FedEx) and gig drivers deliver to street addresses only, and the US
 * Postal Service, which alone serves PO boxes, is not one of its carriers (docs/promise-model.md,
 * "Where parcels can go").
 *
 * Source: the USPS ZIP Code classification, ZIP type "PO Box" (USPS City State Product, shown by
 * the USPS ZIP lookup). No npm package carries ZIP types (what was searched: docs/promise-model.md,
 * "Where parcels can go"), so this is a short hand-kept list: the PO-box ZIPs of the metro areas
 * the demo serves and of a few large cities, each checked absent from the Census 2020 ZCTA list
 * (a ZIP with street addresses is a ZCTA). It is not exhaustive; a ZIP missing here is treated as
 * a street address.
 */
export const PO_BOX_ONLY_ZIPS: ReadonlySet<string> = new Set([
  // Phoenix and Chandler, Arizona
  '85001',
  '85244',
  '85246',
  // New York, NY (Church Street Station)
  '10008',
  // Washington, DC
  '20013',
  // Los Angeles, CA
  '90009',
  // Chicago, IL
  '60690',
]);
