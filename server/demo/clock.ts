/**
 * The demo's movable clock: the real time plus an offset a developer sets through `/demo/clock`,
 * so that cut-offs can be watched passing without waiting for them. Only demo mode uses it.
 */
export class DemoClock {
  #offsetMs = 0;

  constructor(
    private readonly base: () => number = Date.now,
    /** Where the clock starts (ISO 8601); the real time when absent. */
    start?: string,
  ) {
    if (start !== undefined) this.setInstant(Date.parse(start));
  }

  /** The app's clock: pass it where a `() => number` is expected. */
  readonly now = (): number => this.base() + this.#offsetMs;

  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** From now on the clock reads `instant`, and ticks on from there. */
  setInstant(instant: number): void {
    if (!Number.isFinite(instant)) throw new RangeError('Expected a finite instant in milliseconds');
    this.#offsetMs = instant - this.base();
  }

  advance(ms: number): void {
    this.#offsetMs += ms;
  }

  /** Back to the real time. */
  reset(): void {
    this.#offsetMs = 0;
  }
}
