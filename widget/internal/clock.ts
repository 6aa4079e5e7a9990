/**
 * The one place the widget reads the time and schedules ticks, so that tests can swap in a fake
 * clock (`tests/widget/helpers/fake-clock.ts`) and move time without waiting. Not public API.
 */
export interface Clock {
  now(): number;
  setInterval(callback: () => void, ms: number): number;
  clearInterval(id: number): void;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

export const clock: Clock = {
  now: () => Date.now(),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms) as unknown as number,
  clearInterval: (id) => globalThis.clearInterval(id),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms) as unknown as number,
  clearTimeout: (id) => globalThis.clearTimeout(id),
};
