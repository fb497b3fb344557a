/**
 * The retry pieces in process: the backoff's cap, a stop that ends a retry wait at once, and
 * the start giving up on an unreachable Bot API with an error that names TELEGRAM_API_ROOT.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { OffThread } from "../../src/bot/context.js";
import { PIN_WINDOW } from "../../src/bot/polling.js";
import { backoff, MAX_BACKOFF_MS, sleep } from "../../src/bot/backoff.js";
import { runBot } from "../../src/bot/index.js";
import type { BotConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { freePort } from "./emulator.js";
import { startFakeApi, textUpdate } from "./fakeApi.js";
import { createFakeEngine } from "./fakeEngine.js";
import { TOKEN } from "./harness.js";

describe("backoff", () => {
  it("doubles from 250 ms and never exceeds a few seconds", () => {
    const b = backoff();
    const seq = Array.from({ length: 12 }, () => b.next());
    expect(seq.slice(0, 5)).toEqual([250, 500, 1000, 2000, 4000]);
    expect(Math.max(...seq)).toBe(MAX_BACKOFF_MS);
    expect(MAX_BACKOFF_MS).toBeLessThanOrEqual(5000);
    b.reset();
    expect(b.next()).toBe(250);
  });

  it("a sleep ends as soon as its signal aborts", async () => {
    const c = new AbortController();
    const t0 = Date.now();
    const p = sleep(10_000, c.signal);
    setTimeout(() => c.abort(new Error("stop")), 50);
    await expect(p).rejects.toThrow("stop");
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe("start against an unreachable Bot API", () => {
  const config = (apiRoot: string): BotConfig => ({ mode: "polling", token: TOKEN, apiRoot, allowedChatIds: null, adminIds: [], logLevel: "info", rateLimit: { limit: 0, windowMs: 1000 } });

  it("gives up after the connect timeout with a ConfigError naming TELEGRAM_API_ROOT, the host and the error", async () => {
    const port = await freePort();
    const logs: string[] = [];
    const run = runBot({ config: config(`http://127.0.0.1:${port}`), engine: createFakeEngine(), logger: createLogger({ level: "info", write: (l) => void logs.push(l) }), connectTimeoutMs: 800 });
    await expect(run).rejects.toThrow(new RegExp(`TELEGRAM_API_ROOT: cannot reach the Bot API at 127\\.0\\.0\\.1:${port} \\(connect ECONNREFUSED`));
    expect(logs.join("")).not.toContain(TOKEN);
  });

  it("a stop request during the retries ends the start at once, cleanly", async () => {
    const port = await freePort();
    const stop = new AbortController();
    const run = runBot({ config: config(`http://127.0.0.1:${port}`), engine: createFakeEngine(), logger: createLogger({ level: "silent" }), signal: stop.signal });
    await new Promise((r) => setTimeout(r, 700));
    const t0 = Date.now();
    stop.abort();
    await run;
    expect(Date.now() - t0).toBeLessThan(500);
  });
});

/** A polling bot's config (no DATA_DIR unless given). */
const stopConfig = (apiRoot: string): BotConfig => ({
  mode: "polling",
  token: TOKEN,
  apiRoot,
  allowedChatIds: null,
  adminIds: [],
  logLevel: "silent",
  rateLimit: { limit: 0, windowMs: 1000 },
  dataDir: "",
  databaseGiveUpMs: 60_000,
});

describe("stopping confirms what was handled", () => {
  const config = stopConfig;

  it("the last getUpdates confirms what was answered (not answered again after a restart) and stops at an abandoned update", async () => {
    const api = await startFakeApi();
    try {
      let hang = false;
      api.script((method) => (method === "sendMessage" && hang ? "hang" : undefined));
      const stop = new AbortController();
      const running = runBot({ config: config(api.apiRoot), engine: createFakeEngine(), logger: createLogger({ level: "silent" }), signal: stop.signal, drainMs: 200 });
      api.push(textUpdate("Suining 2024 升学人数")); // update 1
      await api.waitFor((c) => c.method === "sendMessage");
      hang = true;
      api.push(textUpdate("Suining 2024 升学人数", 2)); // update 2: its answer never gets through
      const from = api.calls.length;
      await api.waitFor((c) => c.method === "sendMessage", 5000, from);
      stop.abort();
      await running;
      const last = api.calls.filter((c) => c.method === "getUpdates").at(-1)!;
      expect(last.body).toMatchObject({ offset: 2, timeout: 0 });
    } finally {
      await api.stop();
    }
  }, 20_000);
});

describe("an update confirmed while in flight and abandoned at a stop", () => {
  it("is saved in DATA_DIR and answered (once) by the next start, though Telegram will not deliver it again", async () => {
    const api = await startFakeApi({ forgetConfirmed: true });
    const dataDir = mkdtempSync(join(tmpdir(), "zhibao-handback-"));
    const cfg = { ...stopConfig(api.apiRoot), dataDir };
    const engine = createFakeEngine();
    const slowChat = 777;
    // The slow chat's question takes 30 s to answer the first time round; the rest at once.
    let slowOnce = true;
    const offThread: OffThread = {
      ask: async (q, c) => {
        if (q.includes("slow") && slowOnce) {
          slowOnce = false;
          await new Promise((r) => setTimeout(r, 30_000).unref());
        }
        return engine.ask(q.replace("slow", ""), c);
      },
      search: async (q, o) => engine.search(q, o),
      drawChart: async () => Buffer.alloc(0),
    };
    const from = (chat: number, text: string) => ({
      message: { ...(textUpdate(text).message as object), chat: { id: chat, type: "private", first_name: "U" }, from: { id: chat, is_bot: false, first_name: "U" } },
    });
    const answersTo = (chat: number) => api.calls.filter((c) => c.method === "sendMessage" && Number(c.body.chat_id) === chat && /803/.test(String(c.body.text)));
    try {
      const stop = new AbortController();
      const running = runBot({ config: cfg, engine, logger: createLogger({ level: "silent" }), signal: stop.signal, drainMs: 200, offThread });
      api.push(from(slowChat, "slow Suining 2024 升学人数"));
      await api.waitFor((c) => c.method === "sendChatAction" && Number(c.body.chat_id) === slowChat);
      // More than PIN_WINDOW newer updates: the polling offset moves past the slow one.
      for (let i = 0; i < PIN_WINDOW + 10; i++) api.push(from(1000 + i, "Suining 2024 升学人数"));
      await api.waitFor((c) => c.method === "sendMessage" && Number(c.body.chat_id) === 1000 + PIN_WINDOW + 9, 10_000);
      stop.abort();
      await running;
      expect(api.confirmed()).toBeGreaterThan(1);
      expect(answersTo(slowChat)).toHaveLength(0);
      expect(existsSync(join(dataDir, "handed-back.json"))).toBe(true);

      const again = new AbortController();
      const second = runBot({ config: cfg, engine, logger: createLogger({ level: "silent" }), signal: again.signal, drainMs: 200, offThread });
      await api.waitFor((c) => c.method === "sendMessage" && Number(c.body.chat_id) === slowChat, 10_000);
      again.abort();
      await second;
      expect(answersTo(slowChat)).toHaveLength(1);
      expect(existsSync(join(dataDir, "handed-back.json"))).toBe(false);
    } finally {
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
