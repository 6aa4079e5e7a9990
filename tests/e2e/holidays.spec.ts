/**
 * The demo's promises in the browser on the days a promise is easiest to get wrong, with the demo
 * clock moved there (docs/promise-model.md): Thanksgiving eve (no carrier pickup or delivery on
 * Thursday, couriers rest), Christmas Eve (Christmas on a Friday, then a weekend), a Friday
 * evening (next-day would mean Tuesday) and a Saturday (gig drivers work, carriers do not). The
 * Everyday Tee ships to Chandler, AZ 85226 from every kind of place in the demo network. The demo
 * promises with the default (recommended) buffers: carrier and courier windows are ranges of days,
 * shown by weekday and weighed by their last day (docs/promise-model.md, "What the shopper is shown").
 */
import { expect, test } from './fixtures.js';

const RANGE = String.raw`\s*[–-]\s*`;

const DAYS = [
  {
    name: 'Thanksgiving eve, 18:30: same-day is over, Thursday is a carrier holiday, so Friday by ground',
    at: '2026-11-25T18:30:00-07:00',
    // Standard from the Tempe station, collected tonight: the next business day is Friday, and two
    // business days of slack end the range on Tuesday.
    line: new RegExp(String.raw`^\$3\.99 delivery\sFri${RANGE}Tue$`),
    // Tempe's 19:00 cut-off: planned with p90 handling (81 min), a parcel is still ready for the
    // 20:30 pickup; Goodyear's 20:00 cut-off plus its p90 handling would miss its own.
    countdown: 'order within 30 min',
  },
  {
    name: 'Christmas Eve, 17:00: nothing on Christmas Day; ground Monday to Wednesday',
    at: '2026-12-24T17:00:00-07:00',
    // The courier rests on the 25th and would deliver Sunday, but its three days of slack end on
    // Wednesday, as ground's Monday plus two does, for more money: Standard is the promise.
    line: new RegExp(String.raw`^\$3\.99 delivery\sMon${RANGE}Wed$`),
    // Tonight's 19:00 standard cut-off at Tempe.
    countdown: 'order within 2 hr',
  },
  {
    name: 'a Friday evening, 19:00: no next-day (it would be Tuesday); the courier on Sunday',
    at: '2026-12-04T19:00:00-07:00',
    // Sunday plus three courier days ends Wednesday, before ground's Tuesday–Thursday.
    line: new RegExp(String.raw`^\$4\.99 delivery\sSun${RANGE}Wed$`),
    // Saturday 17:00 is 22 hours away: within the widget's 24-hour countdown.
    countdown: 'order within 22 hr',
  },
  {
    name: 'a Saturday morning: gig drivers deliver today, before the mall’s 14:00 cut-off',
    at: '2026-12-05T11:00:00-07:00',
    line: new RegExp(String.raw`^\$7\.99 delivery\stoday\s4${RANGE}8\sPM$`),
    countdown: 'order within 3 hr',
  },
];

for (const day of DAYS) {
  test(`the demo's promise on ${day.name}`, async ({ shop, server }) => {
    await server.setClock(day.at);
    await shop.gotoProduct('everyday-tee');
    await expect(shop.promiseLine).toHaveText(day.line);
    await expect(shop.button.locator('[part="countdown"]')).toHaveText(day.countdown);
    await shop.screenshot(`promise-${day.at.slice(0, 10)}`, shop.button);
  });
}
