/**
 * The demo's promises in the browser on the days a promise is easiest to get wrong, with the demo
 * clock moved there (docs/promise-model.md): Thanksgiving eve (no carrier pickup or delivery on
 * Thursday, couriers rest), Christmas Eve (Christmas on a Friday, then a weekend), a Friday
 * evening (next-day would mean Tuesday) and a Saturday (gig drivers work, carriers do not). The
 * Everyday Tee ships to Chandler, AZ 85226 from every kind of place in the demo network.
 */
import { expect, test } from './fixtures.js';

const RANGE = String.raw`\s*[–-]\s*`;

const DAYS = [
  {
    name: 'Thanksgiving eve, 18:30: same-day is over, Thursday is a carrier holiday, so Friday by ground',
    at: '2026-11-25T18:30:00-07:00',
    // Standard from the Tempe station, collected tonight: the next business day is Friday.
    line: new RegExp(String.raw`^\$3\.99 delivery\sFriday,\sNov\s27\s8\sAM${RANGE}8\sPM$`),
    countdown: 'order within 1 hr, 30 min',
  },
  {
    name: 'Christmas Eve, 17:00: nothing on Christmas Day; the local courier delivers Sunday',
    at: '2026-12-24T17:00:00-07:00',
    // The courier rests on the 25th and takes orders again on the 26th; ground would be Monday.
    line: new RegExp(String.raw`^\$4\.99 delivery\sSunday,\sDec\s27\s10\sAM${RANGE}6\sPM$`),
    // Saturday 17:00 is two days away: past the widget's 24-hour countdown, so none.
    countdown: '',
  },
  {
    name: 'a Friday evening, 19:00: no next-day (it would be Tuesday); the courier on Sunday',
    at: '2026-12-04T19:00:00-07:00',
    line: new RegExp(String.raw`^\$4\.99 delivery\sSunday,\sDec\s6\s10\sAM${RANGE}6\sPM$`),
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
