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
 * | TELEGRAM_PROXY | — | Proxy for the Bot API: http://, https://, socks5:// (or socks5h://, socks4://) |
 * | HTTPS_PROXY | — | Used when TELEGRAM_PROXY is unset (not for a loopback TELEGRAM_API_ROOT, nor hosts in NO_PROXY) |
 * | DATA_DIR | data | Folder for settings that survive a restart (each user's reply language) |
 * | DATABASE_GIVE_UP_SECONDS | 60 | With the PostgreSQL store: exit 1 (for the supervisor to restart the bot) after this long without reaching it |
 */
import { existsSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";
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
  /** Proxy the Bot API is reached through, and the variable it came from; absent: direct. */
  proxy?: ProxyConfig;
  /** Absolute folder for settings that survive a restart. */
  dataDir: string;
  /** With the PostgreSQL store: how long the database may stay unreachable before the bot exits 1. */
  databaseGiveUpMs: number;
}

/** A proxy for the Bot API. Its URL may hold credentials: log `host` only. */
export interface ProxyConfig {
  url: string;
  /** "TELEGRAM_PROXY" or "HTTPS_PROXY", for messages. */
  variable: string;
  /** host:port of the proxy, safe to log. */
  host: string;
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
  const file = opts.envFile === undefined ? (env === undefined ? ".env" : false) : opts.envFile;
  const result = configSchema.safeParse(settings(readEnvFile(file), env ?? process.env));
  if (result.success) return result.data;
  // The first issue is the one to fix first; its path starts with the variable.
  const issue = result.error.issues[0]!;
  throw new ConfigError(String(issue.path[0]), scrubSecrets(issue.message, (env ?? process.env).TELEGRAM_BOT_TOKEN));
}

/**
 * A message with anything that may be the token replaced by `<token>`: the configured token, any
 * token-shaped text (digits, a colon, 20+ token characters), and what follows `/bot` in a URL
 * (`api.telegram.org/bot<token>`). Every configuration error passes through it.
 *
 * @example scrubSecrets('got "api.telegram.org/bot123:AAx…"') // → 'got "api.telegram.org/bot<token>"'
 */
export function scrubSecrets(message: string, token?: string): string {
  let out = token && token.length >= 6 ? message.replaceAll(token, "<token>") : message;
  out = out.replace(/\d{3,}:[A-Za-z0-9_-]{10,}/g, "<token>");
  return out.replace(/\/bot(?!<token>)[^/\s"'?#]+/gi, "/bot<token>");
}

/** Whether a config runs the Telegram bot (polling or webhook) rather than the local chat. */
export function isBotConfig(config: Config): config is BotConfig {
  return config.mode !== "local";
}

// ── The schema ──────────────────────────────────────────────────────────────────────────────
// Input: the variables as trimmed, non-empty strings (see `settings`). Each rule's message says
// how to fix the value; ConfigError prefixes the variable. Defaults are written as the variable
// would be. Within an object, variables are checked in the order listed, and the first failure
// is the one reported.

/** One of `values` in any case, lower-cased; `message` gets the value as written. */
const oneOf = <T extends string>(values: readonly T[], message: (raw: string) => string) =>
  z
    .string()
    .refine(
      (raw) => (values as readonly string[]).includes(raw.toLowerCase()),
      (raw) => ({ message: message(raw) }),
    )
    .transform((raw) => raw.toLowerCase() as T);

/** Digits only (no sign, exponent or decimals) between `min` and `max`, as a number. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .refine(
      (raw) => /^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max,
      (raw) => ({
        message: `"${raw}" is not a whole number between ${min} and ${max}.`,
      }),
    )
    .transform(Number);

/**
 * Non-zero ids matching `pattern`, separated by commas, semicolons or spaces; as numbers without
 * repeats. `what` and `example` complete the message about a bad one.
 */
const idList = (pattern: RegExp, what: string, example: string) =>
  z
    .string()
    .transform((raw) => raw.split(/[\s,;]+/).filter(Boolean))
    .pipe(
      z.array(
        z
          .string()
          .refine(
            (id) => pattern.test(id) && Number.isSafeInteger(Number(id)) && Number(id) !== 0,
            (id) => ({
              message: `"${id}" is not an id; give comma-separated ${what}, e.g. ${example}.`,
            }),
          )
          .transform(Number),
      ),
    )
    // "," or " ; " is a list of nothing: serving no one (or no admin) is never what was meant.
    .refine((ids) => ids.length > 0, { message: `lists no ids (only separators); give e.g. ${example}, or leave it unset.` })
    .transform((ids) => [...new Set(ids)]);

/** A URL written in full, kept as written. Fatal, so later rules may call `new URL` safely. */
const fullUrl = (params?: z.RawCreateParams) =>
  z.string(params).refine(URL.canParse, (raw) => ({
    message: `"${raw}" is not a URL; write it in full, e.g. https://example.org/path.`,
    fatal: true,
  }));

const port = wholeNumber(1, 65_535);

/** Schemes a proxy may have (http(s) via CONNECT, SOCKS via socks-proxy-agent). */
const PROXY_SCHEMES = ["http:", "https:", "socks:", "socks4:", "socks4a:", "socks5:", "socks5h:"];

/** A proxy URL such as http://127.0.0.1:7890 or socks5://user:pass@127.0.0.1:1080. Never echoed (it may hold a password). */
const proxyUrl = z.string().refine((raw) => URL.canParse(raw) && PROXY_SCHEMES.includes(new URL(raw).protocol) && new URL(raw).hostname !== "", {
  message: "is not a proxy URL; write it as http://host:port or socks5://host:port (user:password@ before the host if needed).",
});

/** A DNS host name (letters, digits, hyphens; dot-separated labels). */
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const logLevel = oneOf(LOG_LEVELS, (raw) => `"${raw}" is not a level; use one of ${LOG_LEVELS.join(", ")}.`).default("info");

/**
 * First step: LOG_LEVEL and BOT_MODE, then the mode. An explicit BOT_MODE wins; otherwise no
 * token means the local chat, and a token means webhook when WEBHOOK_URL is set, else polling.
 * Every variable is passed on to the mode's own checks.
 */
const modeSchema = z
  .object({
    LOG_LEVEL: logLevel,
    BOT_MODE: oneOf(["polling", "webhook", "local"] as const, (raw) => `"${raw.toLowerCase()}" is not a mode; use polling, webhook or local (or leave it unset).`).optional(),
  })
  .passthrough()
  .transform(({ BOT_MODE, ...env }) => ({
    ...env,
    mode: BOT_MODE ?? (env.TELEGRAM_BOT_TOKEN === undefined ? "local" : env.WEBHOOK_URL === undefined ? "polling" : "webhook"),
    // PORT (which hosting platforms set) is read, and checked, only when WEBHOOK_PORT is unset.
    ...(env.WEBHOOK_PORT === undefined ? {} : { PORT: undefined }),
  }));

// LOG_LEVEL reaches the second step already checked; listing it again keeps it in the output.
const localSchema = z.object({ mode: z.literal("local"), LOG_LEVEL: logLevel });

const botSchema = <M extends "polling" | "webhook">(mode: M) =>
  z.object({
    mode: z.literal(mode),
    // Only BOT_MODE=polling/webhook reaches here without a token. Never echo the value: it may
    // be a real token with a typo.
    TELEGRAM_BOT_TOKEN: z
      .string({ required_error: `BOT_MODE=${mode} needs a bot token: ${TOKEN_HELP}.` })
      .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, `does not look like a bot token (digits, a colon, then 20+ letters, digits, "_" or "-"; no quotes or spaces): ${TOKEN_HELP}.`),
    // Never echoed either: `api.telegram.org/bot<token>` holds the token.
    TELEGRAM_API_ROOT: z
      .string()
      .refine(
        (raw) => URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol),
        () => ({
          message: "must be an http(s) URL with its scheme, such as http://127.0.0.1:8081 or https://api.telegram.org (the value is not shown: it may hold the token).",
          fatal: true,
        }),
      )
      .refine((raw) => !/\/bot[^/]*$/.test(new URL(raw).pathname), `give the server root only (http://127.0.0.1:8081), without "/bot<token>".`)
      // grammY refuses a trailing slash; accept it from people and drop it.
      .transform((raw) => raw.replace(/\/+$/, ""))
      .optional(),
    ALLOWED_CHAT_IDS: idList(/^-?\d{1,20}$/, "integer chat or user ids (groups are negative, e.g. -1001234567890)", "ALLOWED_CHAT_IDS=123456789,-1001234567890").optional(),
    ADMIN_IDS: idList(/^\d{1,20}$/, "positive integer user ids", "ADMIN_IDS=123456789").optional(),
    TELEGRAM_PROXY: proxyUrl.optional(),
    HTTPS_PROXY: proxyUrl.optional(),
    https_proxy: proxyUrl.optional(),
    NO_PROXY: z.string().optional(),
    no_proxy: z.string().optional(),
    DATA_DIR: z.string().default("data"),
    RATE_LIMIT: wholeNumber(0, 10_000).default("8"),
    RATE_LIMIT_WINDOW_SECONDS: wholeNumber(1, 86_400).default("10"),
    DATABASE_GIVE_UP_SECONDS: wholeNumber(1, 86_400).default("60"),
    LOG_LEVEL: logLevel,
  });

const webhookSchema = botSchema("webhook").extend({
  WEBHOOK_URL: fullUrl({
    required_error: "BOT_MODE=webhook needs the public https URL Telegram should post updates to, e.g. WEBHOOK_URL=https://bot.example.org/telegram.",
  })
    .transform((raw) => new URL(raw))
    .refine(
      (url) => url.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname),
      (url) => ({
        message: `Telegram only posts to https URLs; got ${url.protocol}//${url.host}. Put the bot behind TLS (or use polling).`,
      }),
    ),
  WEBHOOK_PATH: z
    .string()
    .refine(
      (path) => /^\/\S*$/.test(path),
      (path) => ({
        message: `must start with "/" and contain no spaces, e.g. /telegram; got "${path}".`,
      }),
    )
    .optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "Telegram accepts 1–256 characters of A–Z, a–z, 0–9, _ and - only.")
    .optional(),
  WEBHOOK_PORT: port.optional(),
  PORT: port.default("8080"),
  WEBHOOK_HOST: z
    .string()
    .refine(
      (host) => isIP(host) !== 0 || HOSTNAME.test(host),
      (host) => ({
        message: `"${host}" is not an address or host name to listen on; use e.g. 0.0.0.0 (every interface) or 127.0.0.1.`,
      }),
    )
    .default("0.0.0.0"),
});

/** Second step: the variables of the chosen mode. */
const modeVariables = z.discriminatedUnion("mode", [localSchema, botSchema("polling"), webhookSchema]);

const configSchema = modeSchema.pipe(modeVariables).transform(toConfig);

/** Renames the checked variables into a {@link Config}. */
function toConfig(env: z.output<typeof modeVariables>): Config {
  if (env.mode === "local") return { mode: "local", logLevel: env.LOG_LEVEL };
  const proxy = chooseProxy(env);
  const common: BotCommon = {
    token: env.TELEGRAM_BOT_TOKEN,
    ...(env.TELEGRAM_API_ROOT === undefined ? {} : { apiRoot: env.TELEGRAM_API_ROOT }),
    allowedChatIds: env.ALLOWED_CHAT_IDS ?? null,
    adminIds: env.ADMIN_IDS ?? [],
    logLevel: env.LOG_LEVEL,
    rateLimit: { limit: env.RATE_LIMIT, windowMs: env.RATE_LIMIT_WINDOW_SECONDS * 1000 },
    ...(proxy ? { proxy } : {}),
    dataDir: resolve(env.DATA_DIR),
    databaseGiveUpMs: env.DATABASE_GIVE_UP_SECONDS * 1000,
  };
  if (env.mode === "polling") return { mode: "polling", ...common };
  const url = env.WEBHOOK_URL;
  return {
    mode: "webhook",
    ...common,
    webhookUrl: url.toString(),
    webhookPort: env.WEBHOOK_PORT ?? env.PORT,
    webhookHost: env.WEBHOOK_HOST,
    webhookPath: env.WEBHOOK_PATH ?? (url.pathname && url.pathname !== "/" ? url.pathname : "/telegram"),
    ...(env.WEBHOOK_SECRET === undefined ? {} : { webhookSecret: env.WEBHOOK_SECRET }),
  };
}

/**
 * TELEGRAM_PROXY always; else HTTPS_PROXY (or https_proxy), unless the Bot API root is on this
 * machine or its host is listed in NO_PROXY (a general proxy setting must not capture a local
 * Bot API server or a test emulator).
 */
function chooseProxy(env: { TELEGRAM_PROXY?: string; HTTPS_PROXY?: string; https_proxy?: string; NO_PROXY?: string; no_proxy?: string; TELEGRAM_API_ROOT?: string }): ProxyConfig | undefined {
  const pick = (url: string, variable: string): ProxyConfig => ({ url, variable, host: new URL(url).host });
  if (env.TELEGRAM_PROXY) return pick(env.TELEGRAM_PROXY, "TELEGRAM_PROXY");
  const general = env.HTTPS_PROXY ?? env.https_proxy;
  if (!general) return undefined;
  const host = new URL(env.TELEGRAM_API_ROOT ?? "https://api.telegram.org").hostname.replace(/^\[|\]$/g, "");
  if (["localhost", "127.0.0.1", "::1"].includes(host)) return undefined;
  const exempt = (env.NO_PROXY ?? env.no_proxy ?? "").split(/[\s,]+/).filter(Boolean);
  if (exempt.some((e) => e === "*" || host === e.replace(/^\./, "") || host.endsWith(e.startsWith(".") ? e : `.${e}`))) return undefined;
  return pick(general, env.HTTPS_PROXY ? "HTTPS_PROXY" : "https_proxy");
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────

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

/**
 * The file's variables beneath the environment's (a variable set in the environment wins, even
 * when empty), trimmed; an empty value counts as unset.
 */
function settings(file: Record<string, string>, env: NodeJS.ProcessEnv): Record<string, string> {
  const merged = new Map(Object.entries(file));
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged.set(name, value);
  return Object.fromEntries([...merged].map(([name, value]) => [name, value.trim()]).filter(([, value]) => value !== ""));
}
