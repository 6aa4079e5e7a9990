import { describe, expect, it } from 'vitest';
import {
  BUFFERS,
  FAILURES,
  KEPT_TARGETS,
  NO_BUFFERS,
  buildReport,
  chooseSafetyStock,
  chooseSecondSource,
  chooseSameDayCutoff,
  chooseSlack,
  defaultsFile,
  handlingAtP90,
  missRates,
  renderHtml,
  simulate,
  uniformSlack,
  withSecondSource,
  withStoreSafetyStock,
  type Buffers,
  type Report,
  type SafetyTrial,
  type SecondSource,
  type SecondSourceTrial,
  type SlackTrial,
} from '../../../server/simulate/index.js';
import { RECOMMENDED_BUFFERS, SERVICE_IDS } from '../../../server/promise/index.js';
import { shortScenario } from './fixtures.js';

/** The buffers as the defaults file writes them: the file's object literal, read back. */
function writtenBuffers(buffers: Buffers): unknown {
  const text = defaultsFile(buffers, 1);
  return Function(`return (${text.slice(text.indexOf('= {') + 2, text.lastIndexOf('}') + 1)});`)() as unknown;
}

describe('the shipped buffers, applied by the engine', () => {
  const buffered = buildReport(simulate({ seed: 5, arrivals: 8000, scenario: shortScenario(), buffers: BUFFERS }));
  const bare = buildReport(simulate({ seed: 5, arrivals: 8000, scenario: shortScenario(), buffers: NO_BUFFERS }));

  it.each(SERVICE_IDS)('keep %s promises at or above its target in normal season', (service) => {
    expect(buffered.services[service].normal.count).toBeGreaterThan(50);
    expect(buffered.services[service].normal.kept).toBeGreaterThanOrEqual(KEPT_TARGETS[service]);
  });

  it('keep more promises than no buffer, and make them slower', () => {
    expect(buffered.overall.all.kept).toBeGreaterThan(bare.overall.all.kept + 0.05);
    expect(buffered.services.standard.all.medianPromiseHours!).toBeGreaterThan(bare.services.standard.all.medianPromiseHours!);
  });

  it('are the engine’s shipped defaults, with the modelled handling p90 (median × e^(1.2816 σ), rounded up)', () => {
    expect(BUFFERS).toBe(RECOMMENDED_BUFFERS);
    expect(handlingAtP90(FAILURES)).toEqual({ fulfillment_center: 1.35, delivery_station: 1.35, mall_store: 1.75, local_store: 1.85 });
    expect(BUFFERS.handlingFactor).toEqual(handlingAtP90(FAILURES));
  });

  it('are written back as the defaults file the engine imports', () => {
    expect(defaultsFile(RECOMMENDED_BUFFERS, 1)).toContain('seed 1');
    expect(writtenBuffers(RECOMMENDED_BUFFERS)).toEqual(RECOMMENDED_BUFFERS);
  });
});

describe('the full run, as `npm run simulate` makes it (seed 1, 125,000 shoppers)', () => {
  // Deterministic, so it cannot flake; it takes seconds, and it is the issue's own target:
  // every service kept at 99% in normal season with the shipped buffers (docs/simulation.md,
  // "What it says"), where the short run above can only check each against its spread.
  it('keeps every service at 99% or more in normal season, and in peak', { timeout: 180_000 }, () => {
    const full = buildReport(simulate({ seed: 1, arrivals: 125_000, buffers: BUFFERS }));
    for (const service of SERVICE_IDS) {
      expect(full.services[service].normal.count, service).toBeGreaterThan(500);
      expect(full.services[service].normal.kept, service).toBeGreaterThanOrEqual(0.99);
      expect(full.services[service].peak.kept, service).toBeGreaterThanOrEqual(0.99);
    }
  });
});

describe('slack', () => {
  it('is never given to same-day, whose window must stay today', () => {
    expect(uniformSlack(3, NO_BUFFERS.handlingFactor).slackDays.same_day).toEqual({ normal: 0, peak: 0 });
  });

  it('and the same-day cut-off are set apart', () => {
    const b = uniformSlack(2, NO_BUFFERS.handlingFactor, 60);
    expect(b.earlierCutoffMinutes).toEqual({ same_day: 60, local_courier: 0, next_day: 0, two_day: 0, standard: 0 });
    expect(b.slackDays.standard).toEqual({ normal: 2, peak: 2 });
  });

  it('is chosen as the least that keeps 99% (with a sampling margin), else the least near the best', () => {
    const report = (kept: Record<string, number>): Report => {
      const stats = (k: number) => ({
        count: 1000,
        kept: k,
        early: 0,
        lost: 0,
        medianLateHours: null,
        p90LateHours: null,
        medianPromiseHours: 48,
      });
      const services = Object.fromEntries(
        ['same_day', 'local_courier', 'next_day', 'two_day', 'standard'].map((s) => [
          s,
          { all: stats(kept[s]!), normal: stats(kept[s]!), peak: stats(kept[s]!) },
        ]),
      );
      return { services } as unknown as Report;
    };
    const trials: SlackTrial[] = [
      { label: '0', days: 0, report: report({ same_day: 0.9, local_courier: 0.9, next_day: 0.9, two_day: 0.9, standard: 0.95 }) },
      { label: '1', days: 1, report: report({ same_day: 0.9, local_courier: 0.96, next_day: 0.991, two_day: 0.993, standard: 0.99 }) },
      { label: '2', days: 2, report: report({ same_day: 0.9, local_courier: 0.971, next_day: 0.999, two_day: 0.999, standard: 0.999 }) },
      { label: '3', days: 3, report: report({ same_day: 0.9, local_courier: 0.973, next_day: 1, two_day: 1, standard: 1 }) },
    ];
    const choice = chooseSlack(trials);
    expect(choice.slackDays).toEqual({
      same_day: { normal: 0, peak: 0 },
      // Never 99%: 2 days is within half a point of the best (97.3%).
      local_courier: { normal: 2, peak: 2 },
      // 99.1% does not clear 99% by the sampling margin; 99.3% does.
      next_day: { normal: 2, peak: 2 },
      two_day: { normal: 1, peak: 1 },
      standard: { normal: 2, peak: 2 },
    });
    expect(choice.shortfalls).toContain('local_courier normal: best 97.10% kept (2 days of slack), short of 99%');
    expect(choice.shortfalls.some((s) => s.startsWith('same_day normal: best 90.00%'))).toBe(true);
  });
});

describe('the same-day cut-off', () => {
  const trial = (minutes: number, kept: number, count = 50_000): SlackTrial => ({
    label: String(minutes),
    days: 2,
    sameDayEarlierMinutes: minutes,
    report: { services: { same_day: { normal: { count, kept } } } } as unknown as Report,
  });

  it('is brought forward the least that reaches the target, else the least near the best', () => {
    expect(chooseSameDayCutoff([trial(0, 0.98), trial(30, 0.993), trial(60, 0.995)])).toEqual({ minutes: 30, kept: 0.993 });
    expect(chooseSameDayCutoff([trial(0, 0.86), trial(30, 0.882), trial(60, 0.887), trial(120, 0.87)])).toEqual({
      minutes: 30,
      kept: 0.882,
    });
  });

  it('is not brought forward for a gain the trial cannot tell from noise', () => {
    // Seed 1's trials: about 600 same-day orders each, 96.5% against 97.1–97.3% (a standard error of 0.7 points).
    const few = [trial(0, 0.9652, 603), trial(30, 0.9708, 617), trial(60, 0.9727, 660), trial(120, 0.9703, 572)];
    expect(chooseSameDayCutoff(few)).toEqual({ minutes: 0, kept: 0.9652 });
    // The same rates on a hundred times the orders are a real gain.
    const many = [trial(0, 0.9652, 60_300), trial(30, 0.9708, 61_700), trial(60, 0.9727, 66_000), trial(120, 0.9703, 57_200)];
    expect(chooseSameDayCutoff(many)).toEqual({ minutes: 30, kept: 0.9708 });
  });
});

describe('safety stock at stores', () => {
  const offered = (sameDay: number) => ({ same_day: sameDay, local_courier: 100, next_day: 0, two_day: 0, standard: 0 });
  const trial = (units: number, mall: number, local: number, sameDay = 1000): SafetyTrial => {
    const stats = (k: number) => ({
      count: 500,
      kept: k,
      early: 0,
      lost: 0,
      medianLateHours: null,
      p90LateHours: null,
      medianPromiseHours: 9,
    });
    const kinds = {
      fulfillment_center: { all: stats(1), normal: stats(1), peak: stats(1) },
      delivery_station: { all: stats(1), normal: stats(1), peak: stats(1) },
      mall_store: { all: stats(mall), normal: stats(mall), peak: stats(mall) },
      local_store: { all: stats(local), normal: stats(local), peak: stats(local) },
    };
    return {
      units,
      report: { kinds } as unknown as Report,
      unservedShare: 0.1,
      offered: offered(sameDay),
      missing: { fulfillment_center: 0, delivery_station: 0, mall_store: 0, local_store: 0 },
    };
  };

  it('is held at stores only, by the units tried', () => {
    const b = withStoreSafetyStock(BUFFERS, 2);
    expect(b.safetyStock).toEqual({ fulfillment_center: 0, delivery_station: 0, mall_store: 2, local_store: 2 });
    expect(b.slackDays).toEqual(BUFFERS.slackDays);
  });

  it('is chosen per store kind as the least that keeps 99% (with the margin); where none does, none, saying so and at what cost', () => {
    const trials = [trial(0, 0.97, 0.985), trial(1, 0.98, 0.9925), trial(2, 0.985, 0.995), trial(3, 0.988, 0.996, 600)];
    const choice = chooseSafetyStock(trials);
    // Local shops: 1 unit clears 99.2%. Mall stores: never 99.2%: none, and why.
    expect(choice.safetyStock).toEqual({ fulfillment_center: 0, delivery_station: 0, mall_store: 0, local_store: 1 });
    expect(choice.shortfalls).toEqual([
      'mall_store normal: best 98.80% of parcels kept (3 units of safety stock, 40.0% fewer same_day offers and 0.0% fewer local_courier offers than with none), short of 99%; none chosen',
    ]);
  });

  it('is in the defaults file the engine imports', () => {
    const held = withStoreSafetyStock(RECOMMENDED_BUFFERS, 3);
    expect(writtenBuffers(held)).toEqual(held);
  });

  it('in the simulation takes a store’s last units out of its offers and its picks', () => {
    const run = (units: number) =>
      simulate({ seed: 5, arrivals: 4000, scenario: shortScenario(), buffers: withStoreSafetyStock(BUFFERS, units) });
    const none = run(0);
    const held = run(10);
    expect(held.offered.same_day).toBeLessThan(none.offered.same_day);
    // Fewer picks find the shelf short where the last units are no longer sold.
    const rate = (r: typeof none) => r.shelf.mall_store.missing / r.shelf.mall_store.picks;
    expect(rate(held)).toBeLessThan(rate(none));
    // The HTML report carries the ladder, with the offers each setting lost.
    const trialOf = (units: number, r: typeof none): SafetyTrial => ({
      units,
      report: buildReport(r),
      unservedShare: r.unserved / r.arrivals,
      offered: r.offered,
      missing: missRates(r.shelf),
    });
    const html = renderHtml(buildReport(none), [], [], [], [trialOf(0, none), trialOf(10, held)]);
    expect(html).toContain('<h2>Safety stock at stores</h2>');
    const lost = ((held.offered.same_day / none.offered.same_day - 1) * 100).toFixed(1);
    expect(html).toContain(`<td>${held.offered.same_day} (${lost}%)</td>`);
  });
});

describe('a second source for same-day and the courier', () => {
  const trial = (
    label: string,
    secondSource: SecondSource,
    sameDay: number,
    courier: number,
    shown: [number, number],
  ): SecondSourceTrial => {
    const stats = (k: number) => ({
      count: k === 0 ? 0 : 500,
      kept: k,
      early: 0,
      lost: 0,
      medianLateHours: null,
      p90LateHours: null,
      medianPromiseHours: 9,
    });
    const services = { same_day: { normal: stats(sameDay) }, local_courier: { normal: stats(courier) } };
    return {
      label,
      secondSource,
      report: { services } as unknown as Report,
      unservedShare: 0.1,
      offered: { same_day: shown[0], local_courier: shown[1], next_day: 0, two_day: 0, standard: 0 },
    };
  };
  const STORES = ['mall_store', 'local_store'] as SecondSource['same_day'];
  const SHOPS = ['local_store'] as SecondSource['local_courier'];

  it('is required only where the setting says, the rest of the buffers as they were', () => {
    const b = withSecondSource(BUFFERS, { same_day: STORES, local_courier: [] });
    expect(b.secondSource).toEqual({ same_day: ['mall_store', 'local_store'], local_courier: [] });
    expect(b.slackDays).toEqual(BUFFERS.slackDays);
    expect(b.safetyStock).toEqual(BUFFERS.safetyStock);
  });

  it('is chosen per service when it alone brings the normal kept rate to 99% (with the margin), saying what it cost', () => {
    const trials = [
      trial('none', { same_day: [], local_courier: [] }, 0.97, 0.98, [1000, 200]),
      trial('same-day at stores', { same_day: STORES, local_courier: [] }, 0.993, 0.98, [600, 200]),
      trial('courier at shops', { same_day: [], local_courier: SHOPS }, 0.97, 0.991, [1000, 100]),
      trial('both', { same_day: STORES, local_courier: SHOPS }, 0.993, 0.991, [600, 100]),
    ];
    const choice = chooseSecondSource(trials);
    // Same-day clears 99.2%; the courier's 99.1% does not.
    expect(choice.secondSource).toEqual({ same_day: ['mall_store', 'local_store'], local_courier: [] });
    expect(choice.notes).toEqual([
      'same_day: second source at mall_store and local_store chosen, normal kept 99.30% against 97.00% with none, 40.0% fewer same_day offers',
      'local_courier: second source at local_store keeps 99.10% in normal season against 98.00% with none, 50.0% fewer local_courier offers, short of 99%; none chosen',
    ]);
  });

  it('is chosen at the fewest kinds that reach the target, in the ladder’s order', () => {
    const EVERY = ['fulfillment_center', 'delivery_station', 'mall_store', 'local_store'] as SecondSource['same_day'];
    const trials = [
      trial('none', { same_day: [], local_courier: [] }, 0.97, 0.98, [1000, 200]),
      trial('same-day at stores', { same_day: STORES, local_courier: [] }, 0.988, 0.98, [600, 200]),
      trial('same-day everywhere', { same_day: EVERY, local_courier: [] }, 0.994, 0.98, [550, 200]),
    ];
    expect(chooseSecondSource(trials).secondSource.same_day).toEqual(EVERY);
    // Where neither reaches it, none, naming the best tried.
    trials[2] = trial('same-day everywhere', { same_day: EVERY, local_courier: [] }, 0.985, 0.98, [550, 200]);
    const short = chooseSecondSource(trials);
    expect(short.secondSource.same_day).toEqual([]);
    expect(short.notes[0]).toContain('second source at mall_store and local_store keeps 98.80%');
  });

  it('is not chosen where it takes the service away altogether, and says so', () => {
    const trials = [
      trial('none', { same_day: [], local_courier: [] }, 0.97, 0.98, [1000, 200]),
      trial('courier at shops', { same_day: [], local_courier: SHOPS }, 0.97, 0, [1000, 0]),
    ];
    const choice = chooseSecondSource(trials);
    expect(choice.secondSource).toEqual({ same_day: [], local_courier: [] });
    expect(choice.notes).toEqual(['local_courier: second source at local_store leaves no local_courier orders (0 offers); none chosen']);
  });

  it('is in the defaults file the engine imports', () => {
    const required = withSecondSource(RECOMMENDED_BUFFERS, { same_day: STORES, local_courier: SHOPS });
    expect(writtenBuffers(required)).toEqual(required);
  });

  it('in the simulation takes same-day offers away from stores that are the only holder nearby, and the page shows it', () => {
    const run = (secondSource: SecondSource) =>
      simulate({ seed: 5, arrivals: 4000, scenario: shortScenario(), buffers: withSecondSource(BUFFERS, secondSource) });
    const none = run({ same_day: [], local_courier: [] });
    const required = run({ same_day: STORES, local_courier: [] });
    expect(required.offered.same_day).toBeLessThan(none.offered.same_day);
    const trialOf = (label: string, secondSource: SecondSource, r: typeof none): SecondSourceTrial => ({
      label,
      secondSource,
      report: buildReport(r),
      unservedShare: r.unserved / r.arrivals,
      offered: r.offered,
    });
    const html = renderHtml(
      buildReport(none),
      [],
      [],
      [],
      [],
      [
        trialOf('none', { same_day: [], local_courier: [] }, none),
        trialOf('same-day at stores', { same_day: STORES, local_courier: [] }, required),
      ],
    );
    expect(html).toContain('<h2>A second source for same-day and the courier</h2>');
    const lost = ((required.offered.same_day / none.offered.same_day - 1) * 100).toFixed(1);
    expect(html).toContain(`<td>${required.offered.same_day} (${lost}%)</td>`);
  });
});
