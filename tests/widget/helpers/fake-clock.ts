/**
 * A fake clock for the widget's countdown: swaps the widget's clock (widget/internal/clock.ts)
 * for one whose time moves only when the test says so. Browser timers stay real, so awaiting
 * renders and fetches works as usual.
 */
import { clock, type Clock } from '../../../widget/internal/clock.js';

export interface FakeClock {
  /** Moves time forward, firing every interval that falls due on the way. */
  tick(ms: number): void;
  /** How many intervals are scheduled right now. */
  readonly activeTimers: number;
  uninstall(): void;
}

export function installFakeClock(start: number): FakeClock {
  const original: Clock = { ...clock };
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { callback: () => void; every: number; due: number }>();
  clock.now = () => now;
  clock.setInterval = (callback, every) => {
    const id = nextId++;
    timers.set(id, { callback, every, due: now + every });
    return id;
  };
  clock.clearInterval = (id) => void timers.delete(id);
  // A one-shot timer is an interval that removes itself when it fires.
  clock.setTimeout = (callback, ms) => {
    const id = nextId++;
    timers.set(id, { callback: () => (timers.delete(id), callback()), every: ms, due: now + ms });
    return id;
  };
  clock.clearTimeout = (id) => void timers.delete(id);
  return {
    tick(ms) {
      const end = now + ms;
      for (;;) {
        let next: [number, { callback: () => void; every: number; due: number }] | undefined;
        for (const entry of timers) if (entry[1].due <= end && (!next || entry[1].due < next[1].due)) next = entry;
        if (!next) break;
        now = next[1].due;
        next[1].due += next[1].every;
        next[1].callback();
      }
      now = end;
    },
    get activeTimers() {
      return timers.size;
    },
    uninstall() {
      Object.assign(clock, original);
    },
  };
}
