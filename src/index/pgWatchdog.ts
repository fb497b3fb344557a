/**
 * Watching the shared PostgreSQL server from the bot process, without ever blocking it: pg-native's
 * asynchronous client sends `SELECT 1` every `everyMs`, each with a timeout, reconnecting with a
 * capped backoff after a failure. Its outage is told once when it starts and when it ends; when the
 * server has been unreachable for `giveUpMs`, `onGiveUp` is called (the bot exits 1 then, so its
 * supervisor restarts it: an instance that cannot answer anyone should not look healthy).
 *
 * @example const stop = watchPostgres(url, { giveUpMs: 60_000, onGiveUp: () => process.exit(1) });
 */
import { createRequire } from "node:module";
import { endClient } from "./pgGuard.js";

/** Options of {@link watchPostgres}. */
export interface WatchOptions {
  /** Time between checks while the server answers (default 2 s). */
  everyMs?: number;
  /** Longest wait for a check (default 2 s). */
  timeoutMs?: number;
  /** Unreachable this long: `onGiveUp` (default 60 s). */
  giveUpMs?: number;
  /** Longest wait between checks while it is unreachable (default 5 s; it starts at 250 ms and doubles). */
  maxBackoffMs?: number;
  onDown?: (why: string) => void;
  onUp?: (afterMs: number) => void;
  onGiveUp: (why: string, forMs: number) => void;
}

/** pg-native's asynchronous client, as used here. */
interface AsyncClient {
  connect(url: string, cb: (err?: Error) => void): void;
  query(sql: string, cb: (err?: Error) => void): void;
  end(cb?: () => void): void;
  on(event: "error", listener: (err: Error) => void): void;
}

/** Starts watching; returns the function that stops it. */
export function watchPostgres(url: string, opts: WatchOptions): () => void {
  const Client = createRequire(import.meta.url)("pg-native") as new () => AsyncClient;
  const everyMs = opts.everyMs ?? 2_000;
  const timeoutMs = opts.timeoutMs ?? 2_000;
  const giveUpMs = opts.giveUpMs ?? 60_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 5_000;
  let client: AsyncClient | null = null;
  let downSince: number | null = null;
  let backoffMs = 250;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  /** One step with a timeout: resolves with the error, or null. */
  const step = (run: (cb: (err?: Error) => void) => void): Promise<Error | null> =>
    new Promise((resolve) => {
      const t = setTimeout(() => resolve(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      run((err) => {
        clearTimeout(t);
        resolve(err ?? null);
      });
    });
  const check = async (): Promise<void> => {
    // An outage counts from the start of the first check that failed (a stall shows only at its timeout).
    const started = Date.now();
    if (!client) {
      const fresh = new Client();
      // A connection lost between checks is reported as an event (unheard, it would end the
      // process): the next check finds out and connects again.
      fresh.on("error", () => {
        if (client === fresh) client = null;
        endClient(fresh);
      });
      const err = await step((cb) => fresh.connect(url, cb));
      if (err) {
        // A client that did not connect may still hold a socket: end it, without waiting.
        endClient(fresh);
        return failed(`cannot connect (${err.message.trim()})`, started);
      }
      client = fresh;
    }
    const err = await step((cb) => client!.query("SELECT 1", cb));
    if (err) {
      endClient(client);
      client = null;
      return failed(err.message.trim(), started);
    }
    if (downSince !== null) opts.onUp?.(Date.now() - downSince);
    downSince = null;
    backoffMs = 250;
    next(everyMs);
  };
  const failed = (why: string, started: number): void => {
    const now = Date.now();
    if (downSince === null) {
      downSince = started;
      opts.onDown?.(why);
    }
    if (now - downSince >= giveUpMs) {
      stop();
      opts.onGiveUp(why, now - downSince);
      return;
    }
    next(Math.min(backoffMs, maxBackoffMs));
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
  };
  const next = (ms: number): void => {
    if (stopped) return;
    timer = setTimeout(() => void check(), ms);
    timer.unref();
  };
  const stop = (): void => {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (client) endClient(client);
    client = null;
  };
  next(0);
  return stop;
}
