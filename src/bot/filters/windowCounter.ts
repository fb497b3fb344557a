/**
 * Counts hits per key in fixed time windows, in memory, with a bounded number of keys: the rate
 * limit (`RATE_LIMIT` per `RATE_LIMIT_WINDOW_SECONDS`) and the allow-list's one refusal per chat
 * both ask "how many times has this key come in this window?".
 */

/** Options of {@link windowCounter}. */
export interface WindowCounterOptions {
  windowMs: number;
  /** Most keys remembered (default 50 000); past it, keys whose window ended are dropped first, then the oldest. */
  maxKeys?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * A per-key hit counter whose counts restart when a key's window (from its first hit) ends.
 *
 * @example
 * const c = windowCounter({ windowMs: 10_000 });
 * c.hit("42"); // 1, then 2, 3 … until 10 s after the first hit
 */
export function windowCounter(opts: WindowCounterOptions): { hit: (key: string) => number } {
  const max = opts.maxKeys ?? 50_000;
  const now = opts.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= opts.windowMs) {
        windows.delete(key);
        w = { start: t, count: 0 };
        windows.set(key, w);
        if (windows.size > max) sweep(windows, t, opts.windowMs, max);
      }
      return ++w.count;
    },
  };
}

function sweep(windows: Map<string, { start: number }>, t: number, windowMs: number, max: number): void {
  for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
  // Map order is insertion order: the oldest windows go first.
  for (const k of windows.keys()) {
    if (windows.size <= max) break;
    windows.delete(k);
  }
}
