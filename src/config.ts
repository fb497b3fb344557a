/**
 * Configuration, read once at start from the environment (and a git-ignored `.env`), validated
 * into a typed value with one branch per mode:
 *
 * - `local`   — no `TELEGRAM_BOT_TOKEN`: the CLI starts the terminal chat instead of the bot;
 * - `polling` — a token and no webhook: long polling with @grammyjs/runner;
 * - `webhook` — a token plus `WEBHOOK_URL` (or `BOT_MODE=webhook`): a node HTTP server.
 *
 * A bad value throws {@link ConfigError} naming the variable and how to fix it. Nothing here
 * runs at import time; `loadConfig()` is called by the CLI.
 *
 * | Variable | Default | Meaning |
 * |---|---|---|
 * | TELEGRAM_BOT_TOKEN | — | Token from @BotFather; unset → local terminal chat |
 * | TELEGRAM_API_ROOT | https://api.telegram.org | A local Bot API server or an emulator |
 * | ALLOWED_CHAT_IDS | (everyone) | Comma-separated chat/user ids the bot serves |
 * | ADMIN_IDS | (none) | Comma-separated user ids that may run /reload |
 * | BOT_MODE | polling, or webhook when WEBHOOK_URL is set | `polling` or `webhook` |
 * | WEBHOOK_URL | — | Public https URL Telegram posts updates to |
 * | WEBHOOK_PORT | 8080 (or PORT) | Port of the local HTTP server |
 * | WEBHOOK_HOST | 0.0.0.0 | Interface the HTTP server listens on |
 * | WEBHOOK_PATH | path of WEBHOOK_URL, else /telegram | Path the server accepts updates on |
 * | WEBHOOK_SECRET | — | Checked against X-Telegram-Bot-Api-Secret-Token |
 * | RATE_LIMIT | 8 | Updates a user may send per window (0 = no limit) |
 * | RATE_LIMIT_WINDOW_SECONDS | 10 | Length of the rate-limit window |
 * | LOG_LEVEL | info | debug, info, warn, error or silent |
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { LOG_LEVELS, type LogLevel } from "./log.js";

export type { LogLevel } from "./log.js";

/** A configuration value that is missing or malformed; `variable` names it, the message says how to fix it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = "ConfigError";
  }
}

/** Per-user rate limit: at most `limit` updates per `windowMs`; `limit` 0 disables it. */
export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

/** Settings shared by both ways of running the bot. */
interface BotCommon {
  /** The bot token. Never log it (the logger scrubs token-shaped strings anyway). */
  token: string;
  /** Bot API server root without a trailing slash; undefined means https://api.telegram.org. */
  apiRoot?: string;
  /** Chats (and, for inline queries, users) the bot serves; null serves everyone. */
  allowedChatIds: number[] | null;
  /** Users who may run /reload. */
  adminIds: number[];
  logLevel: LogLevel;
  rateLimit: RateLimitConfig;
}

/** Long polling with @grammyjs/runner. */
export type PollingConfig = BotCommon & { mode: "polling" };

/** A webhook served by a node HTTP server. */
export type WebhookConfig = BotCommon & {
  mode: "webhook";
  /** The public URL passed to setWebhook. */
  webhookUrl: string;
  webhookPort: number;
  /** Interface to listen on (default "0.0.0.0"). */
  webhookHost: string;
  /** Path of incoming POSTs, starting with "/". */
  webhookPath: string;
  /** Compared with the X-Telegram-Bot-Api-Secret-Token header when set. */
  webhookSecret?: string;
};

/** What `createBot` / `runBot` need: a token-bearing config. */
export type BotConfig = PollingConfig | WebhookConfig;

/** No token: the CLI runs the local terminal chat. */
export type LocalConfig = { mode: "local"; logLevel: LogLevel };

/** The validated configuration, one branch per mode. */
export type Config = LocalConfig | BotConfig;

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /**
   * A dotenv file read beneath the environment (real variables win). Default: `.env` in the
   * current directory when `env` is `process.env`, none when an explicit `env` is passed;
   * `false` reads no file.
   */
  envFile?: string | false;
}

/** Where to get a token; repeated in messages. */
const TOKEN_HELP = "get one from @BotFather (https://t.me/BotFather) and set TELEGRAM_BOT_TOKEN=123456789:AA… in the environment or in .env";

/**
 * Reads and validates the configuration.
 *
 * @param env variables to read (default `process.env`, plus `.env` beneath it)
 * @throws ConfigError naming the variable and how to fix it
 * @example
 * loadConfig({ TELEGRAM_BOT_TOKEN: "123456:ABC…", ALLOWED_CHAT_IDS: "42,-1001234" })
 * // → { mode: "polling", token: "123456:ABC…", allowedChatIds: [42, -1001234], … }
 */
export function loadConfig(env?: NodeJS.ProcessEnv, opts: LoadConfigOptions = {}): Config {
  const base = env ?? process.env;
  const file = opts.envFile === undefined ? (env === undefined ? ".env" : false) : opts.envFile;
  const vars = { ...readEnvFile(file), ...definedOnly(base) };
  const get = (name: string): string | undefined => {
    const v = vars[name]?.trim();
    return v === undefined || v === "" ? undefined : v;
  };

  const logLevel = parseLogLevel(get("LOG_LEVEL"));
  const token = get("TELEGRAM_BOT_TOKEN");
  const modeRaw = get("BOT_MODE")?.toLowerCase();
  if (modeRaw !== undefined && !["polling", "webhook", "local"].includes(modeRaw)) {
    throw new ConfigError("BOT_MODE", `"${modeRaw}" is not a mode; use polling, webhook or local (or leave it unset).`);
  }
  if (token === undefined || modeRaw === "local") {
    if (modeRaw === "polling" || modeRaw === "webhook") {
      throw new ConfigError("TELEGRAM_BOT_TOKEN", `BOT_MODE=${modeRaw} needs a bot token: ${TOKEN_HELP}.`);
    }
    return { mode: "local", logLevel };
  }
  if (!/^\d+:[A-Za-z0-9_-]{20,}$/.test(token)) {
    // Never echo the value: it may be a real token with a typo.
    throw new ConfigError(
      "TELEGRAM_BOT_TOKEN",
      `does not look like a bot token (digits, a colon, then 20+ letters, digits, "_" or "-"; no quotes or spaces): ${TOKEN_HELP}.`,
    );
  }

  const common: BotCommon = {
    token,
    apiRoot: parseApiRoot(get("TELEGRAM_API_ROOT")),
    allowedChatIds: parseIds("ALLOWED_CHAT_IDS", get("ALLOWED_CHAT_IDS"), true),
    adminIds: parseIds("ADMIN_IDS", get("ADMIN_IDS"), false) ?? [],
    logLevel,
    rateLimit: {
      limit: parseInteger("RATE_LIMIT", get("RATE_LIMIT"), 8, 0, 10_000),
      windowMs: parseInteger("RATE_LIMIT_WINDOW_SECONDS", get("RATE_LIMIT_WINDOW_SECONDS"), 10, 1, 86_400) * 1000,
    },
  };
  if (common.apiRoot === undefined) delete common.apiRoot;

  const webhookUrl = get("WEBHOOK_URL");
  const mode = modeRaw ?? (webhookUrl ? "webhook" : "polling");
  if (mode === "polling") return { mode: "polling", ...common };

  if (webhookUrl === undefined) {
    throw new ConfigError("WEBHOOK_URL", "BOT_MODE=webhook needs the public https URL Telegram should post updates to, e.g. WEBHOOK_URL=https://bot.example.org/telegram.");
  }
  const url = parseUrl("WEBHOOK_URL", webhookUrl);
  if (url.protocol !== "https:" && !isLoopback(url.hostname)) {
    throw new ConfigError("WEBHOOK_URL", `Telegram only posts to https URLs; got ${url.protocol}//${url.host}. Put the bot behind TLS (or use polling).`);
  }
  const path = get("WEBHOOK_PATH") ?? (url.pathname && url.pathname !== "/" ? url.pathname : "/telegram");
  if (!path.startsWith("/") || /\s/.test(path)) {
    throw new ConfigError("WEBHOOK_PATH", `must start with "/" and contain no spaces, e.g. /telegram; got "${path}".`);
  }
  const secret = get("WEBHOOK_SECRET");
  if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
    throw new ConfigError("WEBHOOK_SECRET", "Telegram accepts 1–256 characters of A–Z, a–z, 0–9, _ and - only.");
  }
  const portVar = get("WEBHOOK_PORT") !== undefined ? "WEBHOOK_PORT" : "PORT";
  const config: WebhookConfig = {
    mode: "webhook",
    ...common,
    webhookUrl: url.toString(),
    webhookPort: parseInteger(portVar, get(portVar), 8080, 1, 65_535),
    webhookHost: get("WEBHOOK_HOST") ?? "0.0.0.0",
    webhookPath: path,
  };
  if (secret !== undefined) config.webhookSecret = secret;
  return config;
}

/** Whether a config runs the Telegram bot (polling or webhook) rather than the local chat. */
export function isBotConfig(config: Config): config is BotConfig {
  return config.mode !== "local";
}

function readEnvFile(file: string | false): Record<string, string> {
  if (file === false) return {};
  const path = resolve(file);
  if (!existsSync(path)) return {};
  try {
    return parseDotenv(readFileSync(path));
  } catch (err) {
    throw new ConfigError(".env", `cannot read ${path}: ${(err as Error).message}`);
  }
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined) return "info";
  const v = raw.toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(v)) return v as LogLevel;
  throw new ConfigError("LOG_LEVEL", `"${raw}" is not a level; use one of ${LOG_LEVELS.join(", ")}.`);
}

function parseApiRoot(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const url = parseUrl("TELEGRAM_API_ROOT", raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError("TELEGRAM_API_ROOT", `must be an http(s) URL such as http://127.0.0.1:8081; got "${raw}".`);
  }
  if (/\/bot[^/]*$/.test(url.pathname)) {
    throw new ConfigError("TELEGRAM_API_ROOT", `give the server root only (http://127.0.0.1:8081), without "/bot<token>".`);
  }
  // grammY refuses a trailing slash; accept it from people and drop it.
  return raw.replace(/\/+$/, "");
}

function parseUrl(name: string, raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new ConfigError(name, `"${raw}" is not a URL; write it in full, e.g. https://example.org/path.`);
  }
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

function parseIds(name: string, raw: string | undefined, allowNegative: boolean): number[] | null {
  if (raw === undefined) return null;
  const parts = raw.split(/[\s,;]+/).filter(Boolean);
  const ids = parts.map((p) => {
    const ok = allowNegative ? /^-?\d{1,20}$/.test(p) : /^\d{1,20}$/.test(p);
    const n = Number(p);
    if (!ok || !Number.isSafeInteger(n) || n === 0) {
      const what = allowNegative ? "integer chat or user ids (groups are negative, e.g. -1001234567890)" : "positive integer user ids";
      throw new ConfigError(name, `"${p}" is not an id; give comma-separated ${what}, e.g. ${name}=${allowNegative ? "123456789,-1001234567890" : "123456789"}.`);
    }
    return n;
  });
  return [...new Set(ids)];
}

function parseInteger(name: string, raw: string | undefined, dflt: number, min: number, max: number): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(name, `"${raw}" is not a whole number between ${min} and ${max}.`);
  }
  return n;
}
