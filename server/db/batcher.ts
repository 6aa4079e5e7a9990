/**
 * Writes that arrive while one is in flight wait and go together in the next one
 * (docs/ARCHITECTURE.md, "Holds in batches"): a commit costs far more than a statement, so one
 * commit for everyone waiting is what lets a burst through. Each caller gets its own result.
 */

/** Most items written together. */
const MAX_BATCH = 64;

interface Waiting<I, O> {
  item: I;
  resolve(result: O): void;
  reject(error: unknown): void;
}

export class Batcher<I, O> {
  private readonly waiting: Array<Waiting<I, O>> = [];
  private running = false;

  /**
   * `write` gets the items in arrival order and returns one result per item, in that order. A
   * batch it fails is written again item by item, so one item's trouble stays its own.
   */
  constructor(private readonly write: (items: I[]) => Promise<O[]>) {}

  add(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) await this.settle(this.waiting.splice(0, MAX_BATCH));
    } finally {
      this.running = false;
    }
  }

  private async settle(batch: Array<Waiting<I, O>>): Promise<void> {
    try {
      const results = await this.write(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const w of batch) await this.settle([w]);
    }
  }
}
