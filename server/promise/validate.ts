import { NODE_KINDS, SERVICE_IDS, type NetworkNode } from './types.js';
import { SERVICE_NODE_KINDS } from './services.js';
import { isValidTimeZone, parseIsoDay, parseTimeOfDay } from './time.js';

/** A node the engine cannot reason about; the message names the node and the field. */
export class InvalidNodeError extends Error {
  constructor(nodeId: string, problem: string) {
    super(`Node ${nodeId}: ${problem}`);
    this.name = 'InvalidNodeError';
  }
}

/**
 * Cut-offs for services that cannot collect from the node's kind, one sentence each. The engine
 * ignores such a cut-off; the admin API refuses it so that a merchant is told.
 */
export function cutoffProblems(node: Pick<NetworkNode, 'kind' | 'cutoffs'>): string[] {
  const problems: string[] = [];
  for (const service of SERVICE_IDS) {
    const kinds = SERVICE_NODE_KINDS[service];
    if (node.cutoffs[service] !== undefined && !kinds.includes(node.kind)) {
      problems.push(`${service} does not collect from a ${node.kind} (only ${kinds.join(', ')})`);
    }
  }
  return problems;
}

/** Checks a node before it enters a network, so the engine never meets a half-valid one. */
export function validateNode(node: NetworkNode): void {
  const fail = (problem: string) => {
    throw new InvalidNodeError(node.id, problem);
  };
  if (!node.id) fail('has no id');
  if (!(NODE_KINDS as readonly string[]).includes(node.kind)) fail(`unknown kind "${node.kind}"`);
  if (!Number.isFinite(node.lat) || Math.abs(node.lat) > 90) fail(`latitude ${node.lat} is not between -90 and 90`);
  if (!Number.isFinite(node.lng) || Math.abs(node.lng) > 180) fail(`longitude ${node.lng} is not between -180 and 180`);
  if (!isValidTimeZone(node.timeZone)) fail(`"${node.timeZone}" is not an IANA time zone`);
  if (!Number.isInteger(node.handlingMinutes) || node.handlingMinutes < 0 || node.handlingMinutes > 7 * 24 * 60) {
    fail(`handling time ${node.handlingMinutes} is not a whole number of minutes up to a week`);
  }
  for (const d of node.calendar.closedWeekdays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) fail(`closed weekday ${d} is not 1 (Monday) to 7 (Sunday)`);
  }
  for (const date of node.calendar.closedDates) {
    if (parseIsoDay(date) === null) fail(`closed date "${date}" is not a date written YYYY-MM-DD`);
  }
  for (const [service, cutoff] of Object.entries(node.cutoffs)) {
    if (!(SERVICE_IDS as readonly string[]).includes(service)) fail(`unknown service "${service}"`);
    if (cutoff !== undefined && parseTimeOfDay(cutoff) === null) fail(`${service} cut-off "${cutoff}" is not HH:MM`);
  }
  if (node.carrierPickup !== undefined && parseTimeOfDay(node.carrierPickup) === null) {
    fail(`carrier pickup time "${node.carrierPickup}" is not HH:MM`);
  }
  if (node.airCutoff !== undefined && parseTimeOfDay(node.airCutoff) === null) fail(`air cut-off "${node.airCutoff}" is not HH:MM`);
  for (const [service, dates] of Object.entries(node.serviceClosedDates ?? {})) {
    if (!(SERVICE_IDS as readonly string[]).includes(service)) fail(`closed dates for unknown service "${service}"`);
    for (const date of dates ?? []) {
      if (parseIsoDay(date) === null) fail(`${service} closed date "${date}" is not a date written YYYY-MM-DD`);
    }
  }
  for (const [service, perDay] of Object.entries(node.capacities ?? {})) {
    if (!(SERVICE_IDS as readonly string[]).includes(service)) fail(`capacity for unknown service "${service}"`);
    if (perDay !== undefined && (!Number.isInteger(perDay) || perDay < 0 || perDay > MAX_DAILY_CAPACITY)) {
      fail(`${service} capacity ${perDay} is not a whole number of orders a day from 0 to ${MAX_DAILY_CAPACITY}`);
    }
  }
}

/** The most orders a day a capacity may say (beyond it, leave the capacity out: unlimited). */
export const MAX_DAILY_CAPACITY = 1_000_000;
