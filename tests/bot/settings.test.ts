/**
 * Settings that survive a restart: /lang en, the bot stopped and started again on the same
 * DATA_DIR, and the user still gets English. Also: a damaged settings file is set aside, not fatal.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { messages } from "../../src/bot/i18n.js";
import { runBot } from "../../src/bot/index.js";
import { fileSettings } from "../../src/bot/settings.js";
import type { BotConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { startFakeApi, textUpdate } from "./fakeApi.js";
import { createFakeEngine } from "./fakeEngine.js";
import { TOKEN } from "./harness.js";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "zhibao-data-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("settings file", () => {
  it("keeps a language across instances, in DATA_DIR/settings.json", () => {
    const path = join(tempDir(), "nested", "settings.json");
    const log = createLogger({ level: "silent" });
    fileSettings(path, log).setLang(42, "en");
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ version: 1, langs: { "42": "en" } });
    expect(fileSettings(path, log).getLang(42)).toBe("en");
    expect(fileSettings(path, log).getLang(43)).toBeUndefined();
  });

  it("a damaged file is set aside with a warning and the bot starts without saved settings", () => {
    const dir = tempDir();
    const path = join(dir, "settings.json");
    writeFileSync(path, "{not json");
    const logs: string[] = [];
    const s = fileSettings(path, createLogger({ level: "info", write: (l) => void logs.push(l) }));
    expect(s.getLang(42)).toBeUndefined();
    expect(logs.join("")).toMatch(/settings file damaged/);
    expect(readdirSync(dir).some((f) => f.startsWith("settings.json.damaged-"))).toBe(true);
    s.setLang(42, "zh");
    expect(existsSync(path)).toBe(true);
  });
});

describe("a restart", () => {
  it("/lang en, stop, start again on the same DATA_DIR: replies are still in English", async () => {
    const dataDir = tempDir();
    const en = messages("en");
    // Each a new message (Telegram's message ids grow): a repeat of the first would be skipped as already answered.
    const run = async (text: string, messageId: number) => {
      const api = await startFakeApi();
      const config: BotConfig = { mode: "polling", token: TOKEN, apiRoot: api.apiRoot, allowedChatIds: null, adminIds: [], logLevel: "silent", rateLimit: { limit: 0, windowMs: 1000 }, dataDir };
      const stop = new AbortController();
      const running = runBot({ config, engine: createFakeEngine(), logger: createLogger({ level: "silent" }), signal: stop.signal });
      api.push(textUpdate(text, messageId));
      const sent = await api.waitFor((c) => c.method === "sendMessage");
      stop.abort();
      await running;
      await api.stop();
      return String(sent.body.text);
    };
    expect(await run("/lang en", 1)).toContain(en.langSet);
    expect(await run("/start", 2)).toContain(en.examplesTitle);
  }, 20_000);
});
