/**
 * Getting updates from the Bot API without ever stopping silently: checking the token at start
 * (retrying an unreachable API, then giving up with a reason), and long polling with
 * @grammyjs/runner's source and sink behind our own fetcher — one that checks what getUpdates
 * returned, backs off at most a few seconds, logs an outage once (and how long it lasted), and
 * stops at once when asked.
 */
import { createConcurrentSink, createRunner, createSource, type UpdateSupplier } from "@grammyjs/runner";
import { GrammyError, type Bot } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { ConfigError } from "../config.js";
import type { Logger } from "../log.js";
import { apiHost, describeApiError } from "./apiErrors.js";
import { backoff, sleep, type BackoffOptions } from "./backoff.js";
import { saveHandedBack, takeHandedBack } from "./handBackFile.js";
import type { BotContext } from "./context.js";

/** Update types the bot asks Telegram for. */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

/** How often a continuing outage is logged again at warn level. */
const OUTAGE_REMINDER_MS = 30_000;

/** Options of {@link connect}. */
export interface ConnectOptions {
  apiRoot: string | undefined;
  /** host:port of the proxy in use, for messages. */
  proxyHost?: string;
  logger: Logger;
  signal: AbortSignal;
  /** Give up (a ConfigError naming TELEGRAM_API_ROOT) when getMe has failed for this long (default 60 s). */
  timeoutMs?: number;
  backoff?: BackoffOptions;
}

/**
 * Calls getMe until it answers, and sets `bot.botInfo`. A network failure is logged at warn level
 * with the API's host and the error (again every 30 s) and retried with a capped backoff; after
 * `timeoutMs` it gives up. A stop request ends the wait at once.
 *
 * @throws ConfigError for a rejected token (TELEGRAM_BOT_TOKEN), a server that is not a Bot API, or one unreachable for `timeoutMs` (TELEGRAM_API_ROOT)
 */
export async function connect(bot: Bot<BotContext>, opts: ConnectOptions): Promise<UserFromGetMe> {
  const { logger, signal } = opts;
  const host = apiHost(opts.apiRoot);
  const started = Date.now();
  const delays = backoff(opts.backoff);
  let lastWarn = -Infinity;
  for (let attempt = 1; ; attempt++) {
    try {
      // grammY types its signal with the abort-controller shim's class; node's is the same at run time.
      const me = await bot.api.getMe(signal as Parameters<typeof bot.api.getMe>[0]);
      bot.botInfo = me;
      if (attempt > 1) logger.info("Bot API reachable", { host, afterMs: Date.now() - started });
      return me;
    } catch (err) {
      if (signal.aborted) throw err;
      if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
        throw new ConfigError("TELEGRAM_BOT_TOKEN", `the Bot API at ${host} rejected the token (${err.error_code} ${err.description}); copy it again from @BotFather.`);
      }
      if (err instanceof GrammyError && err.error_code === undefined) {
        throw new ConfigError("TELEGRAM_API_ROOT", `${opts.apiRoot ?? "https://api.telegram.org"} does not answer like a Bot API server (getMe returned no Bot API response); check the URL.`);
      }
      const why = describeApiError(err);
      const waited = Date.now() - started;
      if (waited >= (opts.timeoutMs ?? 60_000)) {
        const via = opts.proxyHost ? ` through the proxy ${opts.proxyHost}` : "";
        const hint = opts.proxyHost ? "check the proxy (TELEGRAM_PROXY / HTTPS_PROXY)" : "check the network, or set TELEGRAM_PROXY (e.g. socks5://127.0.0.1:1080)";
        throw new ConfigError(opts.proxyHost ? "TELEGRAM_PROXY" : "TELEGRAM_API_ROOT", `cannot reach the Bot API at ${host}${via} (${why}) after trying for ${Math.round(waited / 1000)} s; ${hint}.`);
      }
      const retryInMs = delays.next();
      if (Date.now() - lastWarn >= OUTAGE_REMINDER_MS) {
        lastWarn = Date.now();
        logger.warn("cannot reach the Bot API; retrying", { host, ...(opts.proxyHost ? { proxy: opts.proxyHost } : {}), error: why, attempt, retryInMs });
      } else logger.debug("cannot reach the Bot API; retrying", { host, error: why, attempt, retryInMs });
      await sleep(err instanceof GrammyError ? Math.max(retryInMs, retryAfterMs(err)) : retryInMs, signal);
    }
  }
}

/** Options of {@link poll}. */
export interface PollOptions {
  logger: Logger;
  /** Resolves with the reason when the bot should stop. */
  stopped: Promise<string>;
  /** Updates handled at once (default 64). */
  concurrency?: number;
  /** How long a stop waits for updates in flight (default 1.2 s, so the process ends within 2 s with the offset confirmed (at most 300 ms)). */
  drainMs?: number;
  /** Long-poll timeout in seconds passed to getUpdates (default 30). */
  longPollSeconds?: number;
  backoff?: BackoffOptions;
  /** True for an update handed back at the stop (src/bot/handBack.ts): it is not confirmed, so Telegram delivers it again. */
  handedBack?: (update: Update) => boolean;
  /**
   * Where updates abandoned or handed back at a stop are kept when Telegram will not deliver them
   * again (confirmed while in flight, see {@link PIN_WINDOW}); the next start answers them first.
   * Absent: they are lost.
   */
  handBackPath?: string;
}

/**
 * Long-polls until `stopped` resolves, handling updates concurrently; then waits up to `drainMs`
 * for the updates in flight. Transient failures (network, 5xx, 429, a response that is not a list
 * of updates) are retried; only a revoked token (401) or another consumer of the updates (409)
 * end it.
 *
 * @throws ConfigError when Telegram refuses the polling for good (401, 409)
 */
export async function poll(bot: Bot<BotContext>, opts: PollOptions): Promise<void> {
  const { logger } = opts;
  try {
    // Polling fails with 409 while a webhook is set; the bot owns its update source.
    await bot.api.deleteWebhook();
  } catch (err) {
    logger.warn("deleteWebhook failed", { error: describeApiError(err) });
  }
  const supplier = updateSupplier(bot, opts);
  const source = createSource(supplier);
  const consume = async (update: Update): Promise<void> => {
    try {
      await bot.handleUpdate(update);
    } finally {
      if (!opts.handedBack?.(update)) supplier.handled(update.update_id);
    }
  };
  // What the last stop handed back and Telegram will not deliver again: answered first.
  const saved = opts.handBackPath ? takeHandedBack(opts.handBackPath, logger) : [];
  if (saved.length) logger.info("answering the updates handed back at the last stop", { count: saved.length });
  for (const u of saved) supplier.track(u);
  for (const u of saved) void consume(u).catch((err: unknown) => logger.error("update failed", { err }));
  const sink = createConcurrentSink<Update, unknown>({ consume }, async (err) => logger.error("update failed", { err }), { concurrency: opts.concurrency ?? 64 });
  const runner = createRunner(source, sink);
  runner.start();
  const task = runner.task() ?? Promise.resolve();
  const ended = task.then(
    () => ({ kind: "ended" as const, err: new Error("polling ended without a stop request") }),
    (err: unknown) => ({ kind: "failed" as const, err }),
  );
  const outcome = await Promise.race([opts.stopped.then((why) => ({ kind: "stop" as const, why })), ended]);
  if (outcome.kind !== "stop") throw pollingError(outcome.err);
  logger.info("stopping", { why: outcome.why, inFlight: sink.size() });
  const until = Date.now() + (opts.drainMs ?? 1_200);
  // The runner may be waiting for room in a full sink; never wait past the drain time for it.
  await Promise.race([runner.stop(), sleep(opts.drainMs ?? 1_200)]);
  await drain(
    () => sink.size() + supplier.replaying(),
    until,
    () => logger.warn("shutdown: updates still in flight abandoned", { inFlight: sink.size() }),
  );
  const offset = supplier.offset();
  if (opts.handBackPath) saveHandedBack(opts.handBackPath, supplier.unconfirmed(offset), logger);
  await confirmHandled(bot, offset, logger);
}

/**
 * Tells Telegram which updates are done, so the next start does not answer them again: getUpdates
 * with the polling offset (see updateSupplier). Updates abandoned at the deadline from it on were
 * never confirmed, so Telegram delivers them again to the next start. Best effort, at most 300 ms.
 */
async function confirmHandled(bot: Bot<BotContext>, offset: number, logger: Logger): Promise<void> {
  if (offset === 0) return;
  try {
    await bot.api.getUpdates({ offset, limit: 1, timeout: 0, allowed_updates: [...ALLOWED_UPDATES] }, AbortSignal.timeout(300) as Parameters<typeof bot.api.getUpdates>[1]);
  } catch (err) {
    logger.debug("could not confirm the handled updates", { error: describeApiError(err) });
  }
}

/** How long polling waits before asking again when Telegram sent back only updates still in flight. */
const REDELIVERY_PAUSE_MS = 25;

/**
 * How many updates may be fetched after one still in flight before it is confirmed anyway. Telegram
 * sends at most 100 updates a call, from the offset on: an offset held at a long-running update
 * (one user's burst of charts, answered in order) would, 100 updates later, fetch nothing new at
 * all. Past the window the offset moves on; an update it passed that is abandoned at a stop is
 * saved in DATA_DIR instead (PollOptions.handBackPath).
 */
export const PIN_WINDOW = 50;

/**
 * The fetcher behind the runner's source: getUpdates with checks, logging and a capped backoff.
 *
 * Acknowledges only what was handled: Telegram forgets every update below the offset a getUpdates
 * asks for, so the offset stays at the oldest update still in flight (`handled` ends that) — within
 * {@link PIN_WINDOW} updates of the newest. Telegram then sends the updates from there again with
 * each batch; they are dropped here (ids below the next one expected), and while a batch held
 * nothing new the next call waits {@link REDELIVERY_PAUSE_MS} (Telegram answers at once while it
 * holds any update, so a long poll would turn into a busy loop). `offset()` is the offset to confirm
 * at a stop; `unconfirmed(offset)` the updates not handled that Telegram will not deliver again.
 */
function updateSupplier(
  bot: Bot<BotContext>,
  opts: PollOptions,
): UpdateSupplier<Update> & { offset: () => number; handled: (id: number) => void; track: (u: Update) => void; unconfirmed: (offset: number) => Update[]; replaying: () => number } {
  const { logger } = opts;
  const delays = backoff(opts.backoff);
  // The next update id not yet fetched; the updates fetched and not yet handled (in rising order);
  // and those handed back by the last stop, being answered again.
  let next = 0;
  const inFlight = new Map<number, Update>();
  const replayed = new Map<number, Update>();
  const offset = (): number => {
    for (const id of inFlight.keys()) if (next - id <= PIN_WINDOW) return id;
    return next;
  };
  let onlyRedelivered = false;
  let outageSince: number | null = null;
  let lastWarn = -Infinity;
  return {
    offset,
    handled: (id) => void (inFlight.delete(id) || replayed.delete(id)),
    track: (u) => void replayed.set(u.update_id, u),
    // Not handled, and confirmed to Telegram already (below `offset`), or handed back by the last stop.
    unconfirmed: (at) => [...replayed.values(), ...[...inFlight.values()].filter((u) => u.update_id < at)],
    replaying: () => replayed.size,
    async supply(batchSize, shimSignal) {
      const signal = shimSignal as unknown as AbortSignal;
      for (let attempt = 1; ; attempt++) {
        try {
          if (onlyRedelivered) await sleep(REDELIVERY_PAUSE_MS, signal);
          // Room for the updates that come back first (at most PIN_WINDOW), and for new ones.
          const limit = Math.max(1, Math.min(batchSize + (next - offset()), 100));
          const result: unknown = await bot.api.getUpdates({ offset: offset(), limit, timeout: opts.longPollSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] }, shimSignal);
          const checked = checkUpdates(result);
          const updates = checked.updates.filter((u) => u.update_id >= next);
          const { skipped } = checked;
          onlyRedelivered = updates.length === 0 && inFlight.size > 0;
          if (skipped > 0 && !onlyRedelivered) logger.warn("getUpdates: bad items skipped", { skipped, kept: updates.length });
          if (outageSince !== null) logger.info("polling resumed", { afterMs: Date.now() - outageSince });
          outageSince = null;
          lastWarn = -Infinity; // the next outage is news again
          delays.reset();
          const last = updates[updates.length - 1];
          if (last) next = last.update_id + 1;
          for (const u of updates) inFlight.set(u.update_id, u);
          return updates;
        } catch (err) {
          if (signal.aborted) throw err;
          if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 409)) throw err;
          const now = Date.now();
          outageSince ??= now;
          const retryInMs = Math.max(delays.next(), err instanceof GrammyError ? retryAfterMs(err) : 0);
          const fields = { error: describeApiError(err), attempt, failingForMs: now - outageSince, retryInMs };
          if (now - lastWarn >= OUTAGE_REMINDER_MS) {
            lastWarn = now;
            logger.warn("getUpdates failed; retrying", fields);
          } else logger.debug("getUpdates failed; retrying", fields);
          await sleep(retryInMs, signal);
        }
      }
    },
  };
}

/** A getUpdates result that is not a list of updates (garbage from a proxy or a broken server). */
class BadUpdatesError extends Error {
  constructor(what: string) {
    super(`getUpdates returned ${what}, not a list of updates`);
    this.name = "BadUpdatesError";
  }
}

/**
 * The updates of a getUpdates result: the objects with whole-number update ids, each id once, in
 * rising order. A bad item among good ones is skipped (and counted in `skipped`), never allowed to
 * stop polling: refusing the whole batch would fetch the same batch again forever. A result that
 * is not a list, or a list with no good item, is a BadUpdatesError (retried like an outage).
 */
function checkUpdates(result: unknown): { updates: Update[]; skipped: number } {
  if (!Array.isArray(result)) throw new BadUpdatesError(result === null ? "null" : typeof result);
  const byId = new Map<number, Update>();
  for (const u of result) {
    const id = (u as { update_id?: unknown } | null)?.update_id;
    if (typeof u === "object" && u !== null && typeof id === "number" && Number.isSafeInteger(id) && id >= 0 && !byId.has(id)) byId.set(id, u as Update);
  }
  if (result.length > 0 && byId.size === 0) throw new BadUpdatesError("no item with a valid update_id");
  const updates = [...byId.values()].sort((a, b) => a.update_id - b.update_id);
  return { updates, skipped: result.length - updates.length };
}

/** Telegram's retry_after in ms (429), else 0. */
function retryAfterMs(err: GrammyError): number {
  const s = err.parameters?.retry_after;
  return typeof s === "number" && s > 0 ? s * 1000 : 0;
}

/** Polling refused for good, as a ConfigError saying what to do. */
function pollingError(err: unknown): Error {
  if (err instanceof GrammyError && err.error_code === 401) {
    return new ConfigError("TELEGRAM_BOT_TOKEN", `the Bot API stopped accepting the token (401 ${err.description}); it may have been revoked: copy the current one from @BotFather.`);
  }
  if (err instanceof GrammyError && err.error_code === 409) {
    return new ConfigError("TELEGRAM_BOT_TOKEN", `another process is getting this bot's updates (409 ${err.description}); stop the other instance (or its webhook) and start again.`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Waits until `size()` is 0 or the clock reaches `until`. */
async function drain(size: () => number, until: number, onTimeout: () => void): Promise<void> {
  while (size() > 0) {
    if (Date.now() >= until) return onTimeout();
    await sleep(20);
  }
}
