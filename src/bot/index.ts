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
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { run } from "@grammyjs/runner";
import { Bot, BotError, Composer, GrammyError, HttpError, webhookCallback, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { ConfigError, type BotConfig } from "../config.js";
import type { Logger } from "../log.js";
import type { Engine } from "../types.js";
import { setCommandMenu } from "./commands.js";
import type { BotContext, BotDeps } from "./context.js";
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
import { langFromCode, messages } from "./i18n.js";
import { createMemoryStore, type BotStore } from "./store.js";

export type { BotContext, BotDeps } from "./context.js";
export type { BotStore } from "./store.js";
export { createMemoryStore } from "./store.js";

/** Update types the bot asks Telegram for. */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

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
    client: { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}), timeoutSeconds: 60 },
  });
  // The last transformer installed runs first: user transformers sit nearest the network, so
  // autoRetry retries what they answer, and the failure logger sees the final outcome.
  bot.api.config.use(...(opts.transformers ?? []));
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));
  bot.api.config.use(apiFailureLogger(logger));

  const deps: BotDeps = { config, engine, logger, store: opts.store ?? createMemoryStore() };

  bot.use(updateLogger(deps));

  const features = new Composer<BotContext>();
  features.filter(isAddressed).use(
    allowlist(config.allowedChatIds),
    rateLimit(config),
    startFeature(),
    langFeature(),
    adminFeature(),
    tablesFeature(),
    searchFeature(),
    inlineFeature(),
    askFeature(),
    fallbackFeature(),
  );
  bot.errorBoundary(onHandlerError, features);

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
}

/**
 * Runs the bot until SIGINT/SIGTERM (or `signal`): checks the token with getMe, sets the command
 * menu (best effort), then long-polls with @grammyjs/runner or serves the webhook. Resolves once
 * in-flight updates are done (at most 10 s after the signal).
 *
 * @throws ConfigError when the Bot API rejects the token
 */
export async function runBot(opts: RunBotOptions): Promise<void> {
  const { config, logger } = opts;
  const stop = stopSignal(opts.signal, logger);
  try {
    const bot = createBot(opts);
    await initBot(bot, config);
    logger.info("bot started", { username: bot.botInfo.username, id: bot.botInfo.id, mode: config.mode, apiRoot: config.apiRoot ?? "https://api.telegram.org" });
    await setCommandMenu(bot.api, config.adminIds, logger);
    if (config.mode === "polling") await poll(bot, stop.promise, logger);
    else await serveWebhook(bot, config, stop.promise, logger);
    logger.info("bot stopped", { mode: config.mode });
  } finally {
    stop.dispose();
  }
}

async function initBot(bot: Bot<BotContext>, config: BotConfig): Promise<void> {
  try {
    await bot.init();
  } catch (err) {
    if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
      throw new ConfigError("TELEGRAM_BOT_TOKEN", `the Bot API rejected the token (${err.error_code} ${err.description}); copy it again from @BotFather.`);
    }
    if (err instanceof GrammyError && err.error_code === undefined) {
      throw new ConfigError("TELEGRAM_API_ROOT", `${config.apiRoot ?? "https://api.telegram.org"} does not answer like a Bot API server (getMe returned no Bot API response); check the URL.`);
    }
    if (err instanceof HttpError) {
      throw new ConfigError("TELEGRAM_API_ROOT", `cannot reach the Bot API at ${config.apiRoot ?? "https://api.telegram.org"}: ${err.message}`);
    }
    throw err;
  }
}

async function poll(bot: Bot<BotContext>, stopped: Promise<string>, logger: Logger): Promise<void> {
  try {
    // Polling fails with 409 while a webhook is set; the bot owns its update source.
    await bot.api.deleteWebhook();
  } catch (err) {
    logger.warn("deleteWebhook failed", { err });
  }
  const runner = run(bot, {
    runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true },
    sink: { concurrency: 64 },
  });
  const crashed = (runner.task() ?? Promise.resolve()).then(() => "runner ended");
  const why = await Promise.race([stopped, crashed]);
  logger.info("stopping", { why, inFlight: runner.size() });
  if (runner.isRunning()) await withTimeout(runner.stop() ?? Promise.resolve(), 10_000, () => logger.warn("shutdown timed out; in-flight updates abandoned"));
  await runner.task(); // rethrows when polling itself failed (e.g. 401, 409)
}

async function serveWebhook(bot: Bot<BotContext>, config: Extract<BotConfig, { mode: "webhook" }>, stopped: Promise<string>, logger: Logger): Promise<void> {
  const handle = webhookCallback(bot, "http", {
    onTimeout: "return",
    timeoutMilliseconds: 9_000,
    ...(config.webhookSecret ? { secretToken: config.webhookSecret } : {}),
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    } else if (req.method === "POST" && path === config.webhookPath) {
      handle(req, res).catch((err: unknown) => {
        logger.error("webhook request failed", { err });
        if (!res.headersSent) res.writeHead(500).end();
      });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.webhookPort, config.webhookHost, () => resolve());
  });
  logger.info("webhook listening", { host: config.webhookHost, port: config.webhookPort, path: config.webhookPath });
  try {
    await bot.api.setWebhook(config.webhookUrl, {
      allowed_updates: [...ALLOWED_UPDATES],
      ...(config.webhookSecret ? { secret_token: config.webhookSecret } : {}),
    });
  } catch (err) {
    server.close();
    throw err;
  }
  const why = await stopped;
  logger.info("stopping", { why });
  // The webhook stays registered: Telegram keeps updates until the next start.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await withTimeout(closed, 10_000, () => server.closeAllConnections());
}

/** Resolves with the signal's name on the first SIGINT/SIGTERM (or abort); dispose removes the listeners. */
function stopSignal(signal: AbortSignal | undefined, logger: Logger): { promise: Promise<string>; dispose: () => void } {
  let done: (why: string) => void = () => {};
  const promise = new Promise<string>((resolve) => (done = resolve));
  const onSigint = (): void => done("SIGINT");
  const onSigterm = (): void => done("SIGTERM");
  const onAbort = (): void => done("abort");
  process.once("SIGINT", onSigint);
  process.once("SIGTERM", onSigterm);
  if (signal?.aborted) done("abort");
  signal?.addEventListener("abort", onAbort, { once: true });
  void promise.then((why) => logger.debug("stop requested", { why }));
  return {
    promise,
    dispose: () => {
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigterm);
      signal?.removeEventListener("abort", onAbort);
    },
  };
}

async function withTimeout(p: Promise<unknown>, ms: number, onTimeout: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
    timer.unref?.();
  });
  const r = await Promise.race([p.then(() => "ok" as const), t]);
  clearTimeout(timer);
  if (r === "timeout") onTimeout();
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

function updateType(ctx: BotContext): string {
  return Object.keys(ctx.update).find((k) => k !== "update_id") ?? "unknown";
}

/** The error boundary's handler: log, answer politely, keep going. */
async function onHandlerError(err: BotError<BotContext>): Promise<void> {
  const ctx = err.ctx;
  const logger = ctx.deps?.logger;
  if (ctx.zb) ctx.zb.result = "error";
  logger?.error("handler failed", { update_id: ctx.update.update_id, command: ctx.zb?.command ?? null, err: err.error });
  const text = ctx.zb?.t.error ?? messages("zh").error;
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
    else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
    else if (ctx.chat && ctx.message) await ctx.reply(text, ctx.chat.type === "private" ? {} : { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } });
  } catch (e) {
    logger?.warn("could not send the apology", { err: e });
  }
}

/** Per-user rate limit (inline queries exempt: Telegram sends one per keystroke and caches answers). */
function rateLimit(config: BotConfig): (ctx: BotContext, next: () => Promise<void>) => Promise<void> {
  if (config.rateLimit.limit === 0) return (_ctx, next) => next();
  return limit<BotContext, never>({
    timeFrame: config.rateLimit.windowMs,
    limit: config.rateLimit.limit,
    keyGenerator: (ctx) => (ctx.inlineQuery || !ctx.from ? undefined : String(ctx.from.id)),
    onLimitExceeded: (ctx) => {
      ctx.zb.result = "rate-limited";
      const text = ctx.zb.t.rateLimited;
      const p = ctx.callbackQuery ? ctx.answerCallbackQuery({ text }) : ctx.reply(text);
      p.catch((err: unknown) => ctx.deps.logger.debug("rate-limit notice failed", { err }));
    },
  });
}

/**
 * Logs every failed API call (method and error, never the token). getUpdates failures are warnings
 * (the runner retries them silently); the rest are debug lines, because whoever made the call
 * handles and logs the error with its context (the error boundary, the command menu, typing…).
 */
function apiFailureLogger(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    const level = method === "getUpdates" ? "warn" : "debug";
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok) logger[level]("api call failed", { method, code: res.error_code ?? null, description: res.description ?? null });
      return res;
    } catch (err) {
      if (!signal?.aborted) logger[level]("api call error", { method, err });
      throw err;
    }
  };
}
