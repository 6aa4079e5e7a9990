/**
 * The widget's one cache for things loaded on demand (its own lazy chunks, locale chunks,
 * Stripe.js): the first call starts the load and every later call shares its promise; a failed
 * load is forgotten, so that the next call tries again instead of remembering the failure forever.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    }));
}
