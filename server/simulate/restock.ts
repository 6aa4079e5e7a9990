/**
 * When a short shelf holds the units again (docs/simulation.md, "Waiting for the restock"): a
 * node found short at a pick is sent more by its supplier, warehouse or maker, arriving with one
 * of the nightly deliveries the simulator already plays (every node's stock is refilled at 04:00
 * local). With probability `nextNight` it comes with the very next one; otherwise a geometric
 * number of further nights later (1, 2, 3, … with mean `laterMeanNights`).
 */
export interface RestockLeadTime {
  /** Probability that the units come with the next nightly delivery. */
  nextNight: number;
  /** Mean number of further nights when they do not (geometric on 1, 2, 3, …; at least 1). */
  laterMeanNights: number;
}

/** Nights until the units are back (1 = the next nightly delivery) for one uniform draw `u` in (0, 1). */
export function restockNights(model: RestockLeadTime, u: number): number {
  if (u < model.nextNight) return 1;
  const mean = Math.max(1, model.laterMeanNights);
  if (mean === 1) return 2;
  // The rest of the draw, itself uniform in (0, 1), inverted through the geometric's tail.
  const v = (u - model.nextNight) / (1 - model.nextNight);
  return 1 + Math.max(1, Math.ceil(Math.log(1 - v) / Math.log(1 - 1 / mean)));
}

/** The mean number of nights: next night, or one plus the later nights. */
export function meanRestockNights(model: RestockLeadTime): number {
  return model.nextNight + (1 - model.nextNight) * (1 + Math.max(1, model.laterMeanNights));
}

/** P(more than `nights` nights): 0 below one night, then the later share's geometric tail. */
export function restockTail(model: RestockLeadTime, nights: number): number {
  if (nights < 1) return 1;
  const ratio = 1 - 1 / Math.max(1, model.laterMeanNights);
  return (1 - model.nextNight) * ratio ** (nights - 1);
}
