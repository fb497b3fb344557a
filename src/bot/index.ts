/**
 * The Telegram bot: a thin front on the answer engine. `createBot` wires everything in one
 * place and touches no network; `runBot` starts it (long polling with @grammyjs/runner, or a
 * webhook on a node HTTP server), sets the command menu, and resolves after a graceful shutdown
 * on SIGINT/SIGTERM.
 *
 * ```ts
 * const config = loadConfig();
 * if (config.mode !== "local") await runBot({ config, engine: await createEngine(), logger: createLogger({ level: config.logLevel }) });
 * ```
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError, Composer, HttpError, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotConfig } from "../config.js";
import type { Logger } from "../log.js";
import type { Engine } from "../types.js";
import { type AnsweredIds, fileAnswered, memoryAnswered } from "./answered.js";
import { setCommandMenu } from "./commands.js";
import type { BotContext, BotDeps, OffThread, ReportAdder } from "./context.js";
import { addReportFeature } from "./features/addReport.js";
import { adminFeature } from "./features/admin.js";
import { askFeature } from "./features/ask.js";
import { fallbackFeature } from "./features/fallback.js";
import { inlineFeature } from "./features/inline.js";
import { langFeature } from "./features/lang.js";
import { searchFeature } from "./features/search.js";
import { startFeature } from "./features/start.js";
import { tablesFeature } from "./features/tables.js";
import { isAddressed } from "./filters/addressed.js";
import { allowlist } from "./filters/allowlist.js";
import { answerEveryCallback } from "./filters/callbacks.js";
import { commandCase } from "./filters/commandCase.js";
import { rateLimit } from "./filters/rateLimit.js";
import { langFromCode, messages } from "./i18n.js";
import { sleep } from "./backoff.js";
import { BotStoppingError, type HandBackGate, handBackGate } from "./handBack.js";
import { connect, poll } from "./polling.js";
import { mayHaveReached, timedFetch } from "./httpClient.js";
import { proxyAgent } from "./proxy.js";
import { fileSettings } from "./settings.js";
import { createMemoryStore, type BotStore } from "./store.js";
import { serveWebhook } from "./webhook.js";

export type { AddReply, AddRequest, BotContext, BotDeps, OffThread, ReportAdder } from "./context.js";
export type { BotStore } from "./store.js";
export { createMemoryStore } from "./store.js";

export { ALLOWED_UPDATES } from "./polling.js";

/** Options of {@link createBot}. */
export interface CreateBotOptions {
  config: BotConfig;
  engine: Engine;
  logger: Logger;
  /** Skip getMe: tests pass a preset bot user, so handleUpdate works with no network. */
  botInfo?: UserFromGetMe;
  /** State for buttons and follow-ups (default: in memory). */
  store?: BotStore;
  /**
   * API transformers installed innermost, beneath autoRetry (nearest the network): a test
   * recorder or a local fake API goes here, so retries and errors pass through the real stack.
   */
  transformers?: Transformer[];
  /** Adds a report an admin sends (a file or a link); without it the bot says it cannot. */
  addReport?: ReportAdder;
  /** Answering, search and charts in worker threads; without it they run on the update loop. */
  offThread?: OffThread;
  /** Update ids already answered, skipped when delivered again (default: in memory). */
  answered?: AnsweredIds;
  /** Closed late in a stop: updates not yet replied to are handed back, not answered (default: one that stays open). */
  gate?: HandBackGate;
}

/**
 * Builds the bot: transformers (yours, autoRetry, an API-failure logger), the per-update log
 * line, one error boundary around the addressed-filter, allow-list, rate limit and features
 * (start, ask, search, tables, lang, admin, inline), and the catch-all last. Nothing is sent.
 *
 * @example
 * const bot = createBot({ config, engine, logger, botInfo });
 * await bot.handleUpdate(update);
 */
export function createBot(opts: CreateBotOptions): Bot<BotContext> {
  const { config, engine, logger } = opts;
  const bot = new Bot<BotContext>(config.token, {
    ...(opts.botInfo ? { botInfo: opts.botInfo } : {}),
    client: {
      ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}),
      // Our client times out each step (a cut body in 3 s); this is only the outer bound.
      timeoutSeconds: 60,
      // grammY types `fetch` as node-fetch's; it only calls it and reads `res.json()`.
      fetch: timedFetch(config.proxy ? { agent: proxyAgent(config.proxy) } : {}) as never,
    },
  });
  // The last transformer installed runs first: user transformers sit nearest the network, so
  // autoRetry retries what they answer, and the failure logger sees the final outcome.
  bot.api.config.use(...(opts.transformers ?? []));
  bot.api.config.use(retryExceptPolling());
  bot.api.config.use(apiFailureLogger(logger));

  const deps: BotDeps = {
    config,
    engine,
    logger,
    store: opts.store ?? createMemoryStore(),
    ...(opts.addReport ? { addReport: opts.addReport } : {}),
    ...(opts.offThread ? { offThread: opts.offThread } : {}),
  };

  // Each chat is served in its own order (a follow-up after its question); chats run side by side.
  const gate = opts.gate ?? handBackGate();
  bot.use(gate.middleware, onlyOnce(opts.answered ?? memoryAnswered(), gate, logger), sequentialize(chatOrder), updateLogger(deps), answerEveryCallback());

  const features = new Composer<BotContext>();
  features
    .filter(isAddressed)
    .use(
      commandCase(),
      allowlist(config.allowedChatIds),
      rateLimit(config.rateLimit),
      startFeature(),
      langFeature(),
      adminFeature(),
      addReportFeature(),
      tablesFeature(),
      searchFeature(),
      inlineFeature(),
      askFeature(),
      fallbackFeature(),
    );
  bot.errorBoundary((err) => onHandlerError(err, gate), features);

  // Last resort: errors thrown outside the boundary (the log middleware) never stop polling.
  bot.catch((err) => logger.error("unhandled bot error", { update_id: err.ctx.update.update_id, err: err.error }));
  return bot;
}

/** Options of {@link runBot}. */
export interface RunBotOptions {
  config: BotConfig;
  engine: Engine;
  logger: Logger;
  /** Stops the bot like SIGTERM does (for embedding and tests). */
  signal?: AbortSignal;
  /** Passed on to createBot. */
  store?: BotStore;
  /** Passed on to createBot (tests: a fake network beneath the real stack). */
  transformers?: Transformer[];
  /** Passed on to createBot. */
  addReport?: ReportAdder;
  /** Passed on to createBot. */
  offThread?: OffThread;
  /** How long an unreachable Bot API is retried at start before giving up (default 60 s). */
  connectTimeoutMs?: number;
  /** How long a stop waits for updates in flight (default 1.2 s: the process ends within 2 s, confirming the offset included). */
  drainMs?: number;
}

/** How long a stop waits for updates in flight by default (polling and webhook say the same). */
const DRAIN_MS = 1_200;
/** Replies start no later than this before the drain ends: a reply takes ~100-300 ms to be confirmed. */
const REPLY_MARGIN_MS = 500;

/**
 * Runs the bot until SIGINT/SIGTERM (or `signal`): checks the token with getMe (retrying an
 * unreachable API for a while, saying so), sets the command menu (best effort), then long-polls
 * or serves the webhook. A stop request is honoured in every state, within `drainMs`.
 *
 * @throws ConfigError when the Bot API rejects the token, cannot be reached, or refuses polling
 */
export async function runBot(opts: RunBotOptions): Promise<void> {
  const { config, logger } = opts;
  const stop = stopSignal(opts.signal, logger);
  let answered: AnsweredIds | null = null;
  try {
    // Languages survive a restart: saved under DATA_DIR (tests and embedders may pass a store).
    const store = opts.store ?? (config.dataDir ? createMemoryStore({ settings: fileSettings(join(config.dataDir, "settings.json"), logger) }) : undefined);
    // Answered update ids survive a restart too: none is answered twice.
    answered = fileAnswered(config.dataDir ? join(config.dataDir, "answered.json") : null, logger);
    // Late in the drain a reply could leave and the process end before its update is confirmed:
    // from then on, updates not yet replied to are handed back to Telegram instead.
    const gate = handBackGate();
    const drainMs = opts.drainMs ?? DRAIN_MS;
    void stop.promise.then(() => setTimeout(() => gate.close(), Math.max(0, drainMs - REPLY_MARGIN_MS)).unref());
    const bot = createBot({ ...opts, answered, gate, ...(store ? { store } : {}) });
    const me = await connect(bot, {
      apiRoot: config.apiRoot,
      ...(config.proxy ? { proxyHost: config.proxy.host } : {}),
      logger,
      signal: stop.abort,
      ...(opts.connectTimeoutMs === undefined ? {} : { timeoutMs: opts.connectTimeoutMs }),
    }).catch((err: unknown) => {
      if (stop.abort.aborted) return null;
      throw err;
    });
    if (me === null) {
      logger.info("bot stopped", { mode: config.mode, why: "stopped while starting" });
      return;
    }
    logger.info("bot started", {
      username: me.username,
      id: me.id,
      mode: config.mode,
      apiRoot: config.apiRoot ?? "https://api.telegram.org",
      proxy: config.proxy ? `${config.proxy.host} (${config.proxy.variable})` : null,
    });
    await Promise.race([setCommandMenu(bot.api, config.adminIds, logger), stop.promise]);
    const drain = opts.drainMs === undefined ? {} : { drainMs: opts.drainMs };
    if (stop.abort.aborted) {
      // Stopped while the menu was being set: nothing is being handled yet.
    } else if (config.mode === "polling") {
      const handBackPath = config.dataDir ? join(config.dataDir, "handed-back.json") : undefined;
      await poll(bot, { logger, stopped: stop.promise, handedBack: gate.handedBack, ...(handBackPath ? { handBackPath } : {}), ...drain });
    } else await serveWebhook(bot, { config, logger, stopped: stop.promise, ...drain });
    logger.info("bot stopped", { mode: config.mode });
  } finally {
    answered?.flush();
    stop.dispose();
  }
}

/**
 * Resolves with the signal's name on the first SIGINT/SIGTERM (or abort), and aborts `abort` then
 * (which cancels a pending Bot API call or retry wait); dispose removes the listeners.
 */
function stopSignal(signal: AbortSignal | undefined, logger: Logger): { promise: Promise<string>; abort: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  let done: (why: string) => void = () => {};
  const promise = new Promise<string>((resolve) => (done = resolve));
  const stop = (why: string): void => {
    done(why);
    if (!controller.signal.aborted) controller.abort(new Error(`stop requested (${why})`));
  };
  const onSigint = (): void => stop("SIGINT");
  const onSigterm = (): void => stop("SIGTERM");
  const onAbort = (): void => stop("abort");
  process.once("SIGINT", onSigint);
  process.once("SIGTERM", onSigterm);
  if (signal?.aborted) stop("abort");
  signal?.addEventListener("abort", onAbort, { once: true });
  void promise.then((why) => logger.debug("stop requested", { why }));
  return {
    promise,
    abort: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigterm);
      signal?.removeEventListener("abort", onAbort);
    },
  };
}

/** First middleware: sets deps and language, then writes one log line per update (chat, command, latency, result). */
function updateLogger(deps: BotDeps): (ctx: BotContext, next: () => Promise<void>) => Promise<void> {
  return async (ctx, next) => {
    const t0 = performance.now();
    const lang = (ctx.from && deps.store.getLang(ctx.from.id)) ?? langFromCode(ctx.from?.language_code);
    ctx.deps = deps;
    ctx.zb = { lang, t: messages(lang) };
    try {
      await next();
    } finally {
      const fields: Record<string, unknown> = {
        update_id: ctx.update.update_id,
        type: updateType(ctx),
        chat: ctx.chat?.id ?? null,
        chatType: ctx.chat?.type ?? null,
        user: ctx.from?.id ?? null,
        command: ctx.zb.command ?? null,
        result: ctx.zb.result ?? "ignored",
        ms: Math.round((performance.now() - t0) * 10) / 10,
      };
      if (deps.logger.level === "debug") fields.text = ctx.message?.text ?? ctx.inlineQuery?.query ?? ctx.callbackQuery?.data;
      deps.logger.info("update", fields);
    }
  };
}

/**
 * An update id already answered (or being answered) is skipped: a webhook posted twice, or an
 * update Telegram delivers again after a restart whose offset it never heard of.
 */
function onlyOnce(answered: AnsweredIds, gate: HandBackGate, logger: Logger): (ctx: BotContext, next: () => Promise<void>) => Promise<void> {
  return async (ctx, next) => {
    const id = updateKey(ctx);
    if (answered.seen(id)) {
      logger.info("update already answered; skipped", { update_id: ctx.update.update_id });
      return;
    }
    answered.start(id);
    try {
      await next();
    } finally {
      // A failed handler has answered politely (the error boundary): that counts as answered too.
      // An update abandoned at a stop never gets here, and one handed back is not answered: both
      // are answered when delivered again.
      if (gate.handedBack(ctx.update)) answered.handBack(id);
      else answered.done(id);
    }
  };
}

/** An update's id with what identifies its content: the same update delivered again has the same key. */
function updateKey(ctx: BotContext): string {
  const what = ctx.callbackQuery?.id ?? ctx.inlineQuery?.id ?? `${ctx.chat?.id ?? ""}/${ctx.msg?.message_id ?? ""}/${ctx.msg?.date ?? ""}`;
  return `${ctx.update.update_id}:${what}`;
}

/**
 * The order an update keeps: its chat's (messages and button presses); inline queries none. A
 * `/reload`, a sent document and a bare link (an admin adding a report) take seconds in a child
 * process and say so first: they keep no order, so the chat is answered meanwhile.
 */
function chatOrder(ctx: BotContext): string | undefined {
  const msg = ctx.message;
  if (msg?.document || (msg?.text && /^\s*(?:\/reload(?:@\w+)?(?:\s|$)|https?:\/\/\S+(?:\s+--?\w+)*\s*$)/i.test(msg.text))) return undefined;
  return ctx.chat ? String(ctx.chat.id) : undefined;
}

function updateType(ctx: BotContext): string {
  return Object.keys(ctx.update).find((k) => k !== "update_id") ?? "unknown";
}

/** The error boundary's handler: log, answer politely, keep going (or hand the update back at a stop). */
async function onHandlerError(err: BotError<BotContext>, gate: HandBackGate): Promise<void> {
  const ctx = err.ctx;
  const logger = ctx.deps?.logger;
  if (err.error instanceof HttpError && mayHaveReached(err.error)) {
    // The reply may well have arrived (its response was cut): an apology would be a second message.
    if (ctx.zb) ctx.zb.result = "reply-unconfirmed";
    logger?.warn("reply may have arrived (its response was cut); not repeated", { update_id: ctx.update.update_id, error: err.error.message });
    return;
  }
  if (err.error instanceof BotStoppingError) {
    // The next start answers it; an apology now would only be a second message then.
    gate.handBack(ctx.update);
    if (ctx.zb) ctx.zb.result = "handed-back";
    return;
  }
  if (ctx.zb) ctx.zb.result = "error";
  logger?.error("handler failed", { update_id: ctx.update.update_id, command: ctx.zb?.command ?? null, err: err.error });
  const text = ctx.zb?.t.error ?? messages("zh").error;
  try {
    // A press already acknowledged cannot be answered again: the apology goes to the chat then.
    if (ctx.callbackQuery && !ctx.zb?.callbackAnswered) await ctx.answerCallbackQuery({ text });
    else if (ctx.callbackQuery && ctx.chat) await ctx.reply(text);
    else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
    else if (ctx.chat && ctx.message) await ctx.reply(text, ctx.chat.type === "private" ? {} : { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } });
  } catch (e) {
    logger?.warn("could not send the apology", { err: e });
  }
}

/**
 * autoRetry (429 waits, 5xx retries) for every call but getMe and getUpdates, which connect and
 * poll retry themselves with a short, capped backoff that a stop request interrupts.
 */
function retryExceptPolling(): Transformer {
  // No cap on retry_after: a flood wait of minutes still delivers the answer (with a cap of 60 s a
  // longer wait threw, and the answer was dropped). A stop cuts the wait short; the update is then
  // abandoned at the drain deadline.
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: Number.POSITIVE_INFINITY, rethrowHttpErrors: true });
  return async (prev, method, payload, signal) => {
    if (method === "getUpdates" || method === "getMe") return prev(method, payload, signal);
    // A network error (a reset keep-alive socket, a blip) is retried twice, 0.25 s then 1 s later —
    // except a message that may have reached Telegram (its response was cut): sent again, it would
    // arrive twice.
    for (let attempt = 0; ; attempt++) {
      try {
        return await retry(prev, method, payload, signal);
      } catch (err) {
        if (!(err instanceof HttpError) || signal?.aborted || attempt >= NETWORK_RETRIES.length) throw err;
        if (SENDS.test(method) && mayHaveReached(err)) throw err;
        await sleep(NETWORK_RETRIES[attempt]!, signal as AbortSignal | undefined);
      }
    }
  };
}

/** Calls that post something new to a chat: done twice, the user sees it twice. */
const SENDS = /^(send(?!ChatAction)|copyMessage|forwardMessage)/;

/** Waits before each retry of a call that failed on the network. */
const NETWORK_RETRIES = [250, 1000];

/**
 * Logs every failed API call (method and error, never the token) at debug level: whoever made the
 * call handles and logs the error with its context (connect and poll their outages, the error
 * boundary, the command menu, typing…).
 */
function apiFailureLogger(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok) logger.debug("api call failed", { method, code: res.error_code ?? null, description: res.description ?? null });
      return res;
    } catch (err) {
      if (!signal?.aborted) logger.debug("api call error", { method, err });
      throw err;
    }
  };
}
