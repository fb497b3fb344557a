/**
 * Issue 25, graceful restarts under load, against the real bot process (`node bin/zhibao.js start`)
 * and a fake Bot API on 127.0.0.1 that forgets confirmed updates as Telegram does: SIGTERM with
 * many updates in flight confirms (the getUpdates offset) only updates answered, and after a
 * restart every user is answered exactly once.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, killAll, startBot } from "./botProcess.js";
import { type FakeApi, startFakeApi } from "./fakeApi.js";
import { PIN_WINDOW } from "../../src/bot/polling.js";

const QUESTION = "遂宁 2024 升学人数";
/** Every fourth user asks for a chart: hundreds of ms of drawing each, so work is still in flight at the stop. */
const CHART_QUESTION = "乐山和江门2024年月收入比一下";
const USERS = 200;
/** User i's chat id: one question per chat. */
const chatOf = (i: number) => 10_000 + i;

function question(chat: number, text: string): Record<string, unknown> {
  return {
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chat, type: "private", first_name: "U" },
      from: { id: chat, is_bot: false, first_name: "U", language_code: "zh-hans" },
      text,
    },
  };
}

/** Answers per chat so far: the figure 803, or a chart. */
function answersByChat(api: FakeApi): Map<number, number> {
  const by = new Map<number, number>();
  for (const c of api.calls) {
    if ((c.method === "sendMessage" && /803/.test(String(c.body.text))) || c.method === "sendPhoto") by.set(Number(c.body.chat_id), (by.get(Number(c.body.chat_id)) ?? 0) + 1);
  }
  return by;
}

let api: FakeApi;
beforeAll(async () => {
  ensureBuilt();
  api = await startFakeApi({ forgetConfirmed: true });
}, 120_000);
afterAll(async () => {
  killAll();
  await api?.stop();
});

describe("issue 25: polling with an update in flight for long", () => {
  it(`one slow answer does not hold up the updates after it (the offset moves on past ${PIN_WINDOW} newer ones)`, async () => {
    const api = await startFakeApi({ forgetConfirmed: true });
    const slowChat = chatOf(999);
    // That chat's answer takes 10 s to be accepted; everyone else's goes through at once.
    api.script((method, body) => (method === "sendMessage" && Number(body.chat_id) === slowChat && /803/.test(String(body.text)) ? { delayMs: 10_000 } : undefined));
    const bot = startBot(api.apiRoot);
    await bot.waitForLog((l) => l.msg === "bot started", 30_000);
    const from = api.calls.length;
    api.push(question(slowChat, QUESTION));
    await api.waitFor((c) => c.method === "sendMessage" && Number(c.body.chat_id) === slowChat, 10_000, from);
    const t0 = Date.now();
    // More than Telegram sends in one getUpdates (100) behind the slow one.
    const others = 150;
    for (let i = 0; i < others; i++) api.push(question(chatOf(1000 + i), QUESTION));
    for (let until = t0 + 9_000; ; ) {
      const answered = new Set(
        api.calls
          .slice(from)
          .filter((c) => c.method === "sendMessage" && /803/.test(String(c.body.text)) && Number(c.body.chat_id) !== slowChat)
          .map((c) => c.body.chat_id),
      ).size;
      if (answered === others) break;
      if (Date.now() > until) throw new Error(`only ${answered} of ${others} answered while one answer was slow`);
      await new Promise((r) => setTimeout(r, 50));
    }
    bot.child.kill("SIGKILL");
    await bot.exited;
    await api.stop();
  }, 60_000);
});

describe("issue 25: SIGTERM under load, then a restart", () => {
  it(`${USERS} users ask at once; SIGTERM mid-way: stops within 2 s, confirms only answered updates; after the restart all are answered once`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "zhibao-restart-"));
    // A reply takes a realistic 150 ms to be accepted.
    api.script((method) => (method === "sendMessage" || method === "sendPhoto" ? { delayMs: 150 } : undefined));
    const first = startBot(api.apiRoot, { DATA_DIR: dataDir });
    await first.waitForLog((l) => l.msg === "bot started", 30_000);
    for (let i = 0; i < USERS; i++) api.push(question(chatOf(i), i % 4 === 3 ? CHART_QUESTION : QUESTION));
    // Stop once a fifth are answered: the rest are in flight or not yet fetched.
    for (let until = Date.now() + 60_000; answersByChat(api).size < USERS / 5; ) {
      if (Date.now() > until) throw new Error("the first bot answered too few");
      await new Promise((r) => setTimeout(r, 10));
    }
    const { code, ms } = await first.stop();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
    const answeredBefore = answersByChat(api);
    const inFlight = first.logs().find((l) => l.msg === "stopping")?.inFlight;
    expect(Number(inFlight)).toBeGreaterThan(0);
    // Update i + 1 is user i's question: every update Telegram was told to forget was answered, or
    // (confirmed while in flight, PIN_WINDOW updates behind) saved in DATA_DIR for the next start.
    const confirmed = api.confirmed();
    const savedPath = join(dataDir, "handed-back.json");
    const saved = new Set(existsSync(savedPath) ? (JSON.parse(readFileSync(savedPath, "utf8")) as { updates: { update_id: number }[] }).updates.map((u) => u.update_id) : []);
    for (let id = 1; id < confirmed; id++) if (!saved.has(id)) expect(answeredBefore.get(chatOf(id - 1)), `update ${id} confirmed but neither answered nor saved`).toBe(1);
    expect(answeredBefore.size).toBeLessThan(USERS);

    const second = startBot(api.apiRoot, { DATA_DIR: dataDir });
    for (let until = Date.now() + 90_000; answersByChat(api).size < USERS; ) {
      if (Date.now() > until) throw new Error(`after the restart only ${answersByChat(api).size} of ${USERS} users were answered`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // Let anything answered twice arrive.
    await new Promise((r) => setTimeout(r, 1000));
    const twice = [...answersByChat(api)].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    expect(existsSync(savedPath)).toBe(false);
    expect((await second.stop()).code).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);
});
