/**
 * Waiting between retries: a capped exponential backoff, and a sleep that a stop request ends at
 * once (a bot asked to stop during an outage must not first sit out its retry delay).
 */

/** Backoff of the Bot API retries at start and while polling. */
export interface BackoffOptions {
  /** First delay (default 250 ms). */
  initialMs?: number;
  /** Longest delay (default 5 s): polling resumes at most this long after an outage ends. */
  maxMs?: number;
}

/** The default cap: "a few seconds", so recovery after an outage is quick. */
export const MAX_BACKOFF_MS = 5_000;

/**
 * A delay sequence that doubles from `initialMs` up to `maxMs`; `reset()` starts it again.
 *
 * @example
 * const b = backoff(); b.next(); // 250, then 500, 1000 … 5000, 5000
 */
export function backoff(opts: BackoffOptions = {}): { next: () => number; reset: () => void } {
  const initial = opts.initialMs ?? 250;
  const max = opts.maxMs ?? MAX_BACKOFF_MS;
  let current = initial;
  return {
    next() {
      const d = Math.min(current, max);
      current = Math.min(current * 2, max);
      return d;
    },
    reset() {
      current = initial;
    },
  };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error("aborted"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
