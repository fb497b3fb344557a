/**
 * A tiny structured logger: one JSON object per line on stderr, with levels.
 *
 * Every line is scrubbed of anything shaped like a Telegram bot token (and of any string passed
 * in `redact`), so a token that slips into an error message or a URL never reaches the log.
 *
 * ```ts
 * const log = createLogger({ level: "info" });
 * log.info("update", { chat: 42, command: "ask", ms: 12, result: "figure" });
 * // {"time":"2025-01-01T00:00:00.000Z","level":"info","msg":"update","chat":42,"command":"ask","ms":12,"result":"figure"}
 * ```
 */

/** Log levels, most verbose first; `silent` logs nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Every level name `LOG_LEVEL` accepts. */
export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];

/** Extra key/value pairs of a log line. Errors are expanded to name, message and stack. */
export type LogFields = Record<string, unknown>;

/** A structured logger. `child(fields)` returns one that adds `fields` to every line. */
export interface Logger {
  readonly level: LogLevel;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Lowest level written (default "info"). */
  level?: LogLevel;
  /** Where lines go (default: `process.stderr.write`). Tests pass an array's push. */
  write?: (line: string) => void;
  /** Exact strings replaced by `[redacted]` wherever they appear (e.g. the bot token). */
  redact?: string[];
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Anything that looks like a bot token: `<digits>:<35 url-safe characters>`. */
const TOKEN_SHAPE = /\d{3,}:[A-Za-z0-9_-]{20,}/g;

/**
 * Creates a JSON-lines logger writing to stderr.
 *
 * @example
 * const log = createLogger({ level: "debug", redact: [token] });
 * log.child({ component: "bot" }).warn("setMyCommands failed", { err });
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? "info";
  const write = opts.write ?? ((line: string) => void process.stderr.write(line));
  const redact = (opts.redact ?? []).filter((s) => s.length >= 4);
  return make(level, write, redact, {});
}

function make(level: LogLevel, write: (line: string) => void, redact: string[], base: LogFields): Logger {
  const emit = (lvl: Exclude<LogLevel, "silent">, msg: string, fields?: LogFields): void => {
    if (RANK[lvl] < RANK[level]) return;
    const record: LogFields = { time: new Date().toISOString(), level: lvl, msg, ...base };
    if (fields) for (const [k, v] of Object.entries(fields)) record[k] = v instanceof Error ? errorFields(v) : v;
    let line: string;
    try {
      line = JSON.stringify(record, replacer);
    } catch {
      line = JSON.stringify({ time: record.time, level: lvl, msg, note: "fields not serializable" });
    }
    write(`${scrub(line, redact)}\n`);
  };
  return {
    level,
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (fields) => make(level, write, redact, { ...base, ...fields }),
  };
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error) return errorFields(value);
  return value;
}

function errorFields(err: Error): LogFields {
  const out: LogFields = { name: err.name, message: err.message };
  const extra = err as Error & { error_code?: unknown; description?: unknown; method?: unknown };
  if (extra.method !== undefined) out.method = extra.method;
  if (extra.error_code !== undefined) out.code = extra.error_code;
  if (extra.description !== undefined) out.description = extra.description;
  if (err.stack) out.stack = err.stack.split("\n").slice(0, 8).join("\n");
  return out;
}

/** Replaces token-shaped substrings and the given secrets. Exported for tests. */
export function scrub(text: string, secrets: string[] = []): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join("[redacted]");
  return out.replace(TOKEN_SHAPE, "[token]");
}
