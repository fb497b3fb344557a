import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, isBotConfig, loadConfig } from "../src/config.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

/** The ConfigError thrown by loadConfig(env), or fails. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("with no token is the local chat", () => {
    expect(loadConfig({})).toEqual({ mode: "local", logLevel: "info" });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: "  ", LOG_LEVEL: "DEBUG" })).toEqual({ mode: "local", logLevel: "debug" });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, BOT_MODE: "local" }).mode).toBe("local");
  });

  it("with a token is polling, with defaults", () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(c).toEqual({
      mode: "polling",
      token: TOKEN,
      allowedChatIds: null,
      adminIds: [],
      logLevel: "info",
      rateLimit: { limit: 8, windowMs: 10_000 },
      dataDir: join(process.cwd(), "data"),
      databaseGiveUpMs: 60_000,
    });
    expect(isBotConfig(c)).toBe(true);
  });

  it("reads every bot setting", () => {
    const c = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      ALLOWED_CHAT_IDS: "42, -1001234567890;42",
      ADMIN_IDS: "42 43",
      RATE_LIMIT: "0",
      RATE_LIMIT_WINDOW_SECONDS: "30",
      LOG_LEVEL: "warn",
    });
    expect(c).toMatchObject({
      mode: "polling",
      apiRoot: "http://127.0.0.1:8081",
      allowedChatIds: [42, -1001234567890],
      adminIds: [42, 43],
      rateLimit: { limit: 0, windowMs: 30_000 },
      logLevel: "warn",
    });
  });

  it("is webhook mode when WEBHOOK_URL is set", () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://bot.example.org/tg/hook", WEBHOOK_SECRET: "s3cret_-x", PORT: "3000" });
    expect(c).toMatchObject({
      mode: "webhook",
      webhookUrl: "https://bot.example.org/tg/hook",
      webhookPath: "/tg/hook",
      webhookPort: 3000,
      webhookHost: "0.0.0.0",
      webhookSecret: "s3cret_-x",
    });
    const d = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org", WEBHOOK_PORT: "8443", WEBHOOK_PATH: "/in" });
    expect(d).toMatchObject({ mode: "webhook", webhookPath: "/in", webhookPort: 8443 });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, BOT_MODE: "polling", WEBHOOK_URL: "https://x.org" }).mode).toBe("polling");
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: "not a token" }, "TELEGRAM_BOT_TOKEN", /@BotFather/],
    [{ TELEGRAM_BOT_TOKEN: `"${TOKEN}"` }, "TELEGRAM_BOT_TOKEN", /no quotes/],
    [{ BOT_MODE: "polling" }, "TELEGRAM_BOT_TOKEN", /needs a bot token/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, BOT_MODE: "push" }, "BOT_MODE", /polling, webhook or local/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "127.0.0.1:8081" }, "TELEGRAM_API_ROOT", /http/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "http://127.0.0.1:8081/bot123" }, "TELEGRAM_API_ROOT", /root only/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, ALLOWED_CHAT_IDS: "42,@team" }, "ALLOWED_CHAT_IDS", /"@team" is not an id/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, ADMIN_IDS: "-42" }, "ADMIN_IDS", /positive integer user ids/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, RATE_LIMIT: "many" }, "RATE_LIMIT", /whole number/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, LOG_LEVEL: "loud" }, "LOG_LEVEL", /debug, info, warn, error, silent/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, BOT_MODE: "webhook" }, "WEBHOOK_URL", /public https URL/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "http://bot.example.org/hook" }, "WEBHOOK_URL", /only posts to https/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://x.org", WEBHOOK_PORT: "99999" }, "WEBHOOK_PORT", /between 1 and 65535/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://x.org", WEBHOOK_SECRET: "has space" }, "WEBHOOK_SECRET", /A–Z/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://x.org", WEBHOOK_PATH: "hook" }, "WEBHOOK_PATH", /start with "\/"/],
  ])("%j → ConfigError naming %s", (env, variable, message) => {
    const err = configError(env as Record<string, string>);
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(new RegExp(`^${variable}: `));
    expect(err.message).toMatch(message);
  });

  it("checks only the variables the mode reads", () => {
    // The local chat ignores bot settings; polling ignores webhook settings.
    expect(loadConfig({ RATE_LIMIT: "many", WEBHOOK_PORT: "x" })).toEqual({ mode: "local", logLevel: "info" });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: "not a token", BOT_MODE: "local" }).mode).toBe("local");
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, BOT_MODE: "polling", WEBHOOK_URL: "nope", WEBHOOK_PORT: "x" }).mode).toBe("polling");
    // PORT is the fallback for WEBHOOK_PORT, and only then checked (and named).
    const webhook = { TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://x.org" };
    expect(loadConfig({ ...webhook, WEBHOOK_PORT: "8443", PORT: "bad" })).toMatchObject({ webhookPort: 8443 });
    expect(configError({ ...webhook, PORT: "bad" }).variable).toBe("PORT");
    expect(loadConfig(webhook)).toMatchObject({ webhookUrl: "https://x.org/", webhookPort: 8080, webhookPath: "/telegram" });
  });

  it("allows plain http webhooks on loopback only", () => {
    for (const url of ["http://localhost:8080/hook", "http://127.0.0.1/hook", "http://[::1]/hook"]) {
      expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: url })).toMatchObject({ mode: "webhook", webhookPath: "/hook" });
    }
    expect(configError({ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "nope" }).message).toMatch(/"nope" is not a URL/);
  });

  it("reports the first bad variable, in a fixed order", () => {
    expect(configError({ LOG_LEVEL: "loud", BOT_MODE: "push" }).variable).toBe("LOG_LEVEL");
    expect(configError({ TELEGRAM_BOT_TOKEN: TOKEN, RATE_LIMIT: "x", ADMIN_IDS: "y" }).variable).toBe("ADMIN_IDS");
    expect(configError({ TELEGRAM_BOT_TOKEN: TOKEN, ALLOWED_CHAT_IDS: "1,a,b" }).message).toMatch(/"a" is not an id/);
    // Whole numbers are digits only.
    expect(configError({ TELEGRAM_BOT_TOKEN: TOKEN, RATE_LIMIT: "1e3" }).message).toMatch(/"1e3" is not a whole number between 0 and 10000/);
  });

  it("issue 25: never echoes a TELEGRAM_API_ROOT or URL that holds the token", () => {
    for (const root of [`api.telegram.org/bot${TOKEN}`, `https://api.telegram.org/bot${TOKEN}`, `ftp://api.telegram.org/bot${TOKEN}`, `api.telegram.org/bot${TOKEN.replace(":", "")}`]) {
      const err = configError({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: root });
      expect(err.variable).toBe("TELEGRAM_API_ROOT");
      expect(err.message).not.toContain(TOKEN.split(":")[1]!);
    }
    const hook = configError({ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: `bot.example.org/bot${TOKEN}` });
    expect(hook.message).not.toContain(TOKEN.split(":")[1]!);
  });

  it("never echoes a malformed token", () => {
    const bad = "123456789:short";
    expect(configError({ TELEGRAM_BOT_TOKEN: bad }).message).not.toContain(bad);
  });

  it("reads a .env file beneath the environment", () => {
    const dir = mkdtempSync(join(tmpdir(), "zhibao-config-"));
    const file = join(dir, ".env");
    writeFileSync(file, `TELEGRAM_BOT_TOKEN=${TOKEN}\nADMIN_IDS=7\nLOG_LEVEL=debug\n`);
    const c = loadConfig({ LOG_LEVEL: "error" }, { envFile: file });
    expect(c).toMatchObject({ mode: "polling", token: TOKEN, adminIds: [7], logLevel: "error" });
    // An explicit empty variable wins over the file.
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: "" }, { envFile: file }).mode).toBe("local");
    // A missing file is fine; an explicit env reads no file by default.
    expect(loadConfig({}, { envFile: join(dir, "nope.env") }).mode).toBe("local");
    expect(loadConfig({}).mode).toBe("local");
    // An undefined variable does not hide the file's; values are trimmed.
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: undefined, ADMIN_IDS: " 8 " }, { envFile: file })).toMatchObject({ mode: "polling", adminIds: [8] });
  });
});

describe("issue 12, row 13: lists of nothing and hosts that are not hosts", () => {
  it.each(["ALLOWED_CHAT_IDS", "ADMIN_IDS"])("%s of separators only is an error naming it, not a list that refuses everyone", (name) => {
    for (const raw of [",", " ; ", ",,"]) {
      const err = configError({ TELEGRAM_BOT_TOKEN: TOKEN, [name]: raw });
      expect(err.variable).toBe(name);
      expect(err.message).toMatch(/lists no ids.*leave it unset/);
    }
  });

  it("WEBHOOK_HOST must be an address or host name", () => {
    const base = { TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://bot.example.org/hook" };
    const err = configError({ ...base, WEBHOOK_HOST: "not a host" });
    expect(err.variable).toBe("WEBHOOK_HOST");
    for (const ok of ["0.0.0.0", "127.0.0.1", "::1", "localhost", "bot-1.internal"]) {
      expect(loadConfig({ ...base, WEBHOOK_HOST: ok })).toMatchObject({ webhookHost: ok });
    }
  });
});

describe("proxy and data dir", () => {
  const base = { TELEGRAM_BOT_TOKEN: TOKEN };
  it("TELEGRAM_PROXY wins over HTTPS_PROXY; its host (never the password) is kept for logs", () => {
    const c = loadConfig({ ...base, TELEGRAM_PROXY: "socks5://u:secret@127.0.0.1:1080", HTTPS_PROXY: "http://10.0.0.1:3128" });
    expect(c).toMatchObject({ proxy: { url: "socks5://u:secret@127.0.0.1:1080", variable: "TELEGRAM_PROXY", host: "127.0.0.1:1080" } });
    expect(loadConfig({ ...base, HTTPS_PROXY: "http://10.0.0.1:3128" })).toMatchObject({ proxy: { variable: "HTTPS_PROXY", host: "10.0.0.1:3128" } });
  });

  it("HTTPS_PROXY is not used for a Bot API on this machine, nor for a host in NO_PROXY", () => {
    expect(loadConfig({ ...base, HTTPS_PROXY: "http://10.0.0.1:3128", TELEGRAM_API_ROOT: "http://127.0.0.1:8081" })).not.toHaveProperty("proxy");
    expect(loadConfig({ ...base, HTTPS_PROXY: "http://10.0.0.1:3128", NO_PROXY: "localhost,.telegram.org" })).not.toHaveProperty("proxy");
    expect(loadConfig({ ...base, HTTPS_PROXY: "http://10.0.0.1:3128", NO_PROXY: "example.org" })).toHaveProperty("proxy");
    // An explicit TELEGRAM_PROXY always applies.
    expect(loadConfig({ ...base, TELEGRAM_PROXY: "http://10.0.0.1:3128", TELEGRAM_API_ROOT: "http://127.0.0.1:8081" })).toHaveProperty("proxy");
  });

  it.each(["ftp://u:pw1@10.0.0.1:21", "u:pw2@127.0.0.1:1080", "socks5://:pw3@"])("a proxy URL like %s is an error naming the variable, without echoing it", (raw) => {
    const err = configError({ ...base, TELEGRAM_PROXY: raw });
    expect(err.variable).toBe("TELEGRAM_PROXY");
    expect(err.message).not.toMatch(/pw\d/);
  });

  it("DATA_DIR defaults to ./data and is made absolute", () => {
    expect(loadConfig(base)).toMatchObject({ dataDir: join(process.cwd(), "data") });
    expect(loadConfig({ ...base, DATA_DIR: "/var/lib/zhibao" })).toMatchObject({ dataDir: "/var/lib/zhibao" });
    // A test (or a strict supervisor) gives up on an unreachable database sooner.
    expect(loadConfig({ ...base, DATABASE_GIVE_UP_SECONDS: "2" })).toMatchObject({ databaseGiveUpMs: 2000 });
    expect(() => loadConfig({ ...base, DATABASE_GIVE_UP_SECONDS: "0" })).toThrow(/DATABASE_GIVE_UP_SECONDS/);
  });
});
