/**
 * runBot in-process against the Bot API emulator (telegram-test-api behind the long-poll shim),
 * with the fake engine: long polling and webhook mode, start to graceful stop.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBot } from "../../src/bot/index.js";
import type { BotConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { freePort, startEmulator, type Emulator } from "./emulator.js";
import { createFakeEngine } from "./fakeEngine.js";
import { TOKEN } from "./harness.js";

let emu: Emulator;
let logs: string[];
const logger = () => createLogger({ level: "debug", write: (l) => void logs.push(l) });

beforeEach(async () => {
  emu = await startEmulator();
  logs = [];
});
afterEach(async () => {
  await emu.stop();
});

const base = (): BotConfig => ({
  mode: "polling",
  token: TOKEN,
  apiRoot: emu.apiRoot,
  allowedChatIds: null,
  adminIds: [1],
  logLevel: "debug",
  rateLimit: { limit: 0, windowMs: 10_000 },
});

describe("runBot", () => {
  it("long-polls, answers a question and a command, and stops gracefully", async () => {
    const stop = new AbortController();
    const running = runBot({ config: base(), engine: createFakeEngine(), logger: logger(), signal: stop.signal });
    const client = emu.client(TOKEN);

    await client.sendMessage(client.makeMessage("Suining 2024 升学人数"));
    const answer = await emu.waitForBotMessage(TOKEN, (m) => /803/.test(m.text));
    expect(answer.text).toContain("suining-2024.txt 第1350行");
    expect(answer.payload.parse_mode).toBe("HTML");

    await client.sendCommand(client.makeCommand("/search 职普融通"));
    const page = await emu.waitForBotMessage(TOKEN, (m) => /相关段落/.test(m.text));
    const keyboard = page.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const next = keyboard.inline_keyboard[0]![2]!.callback_data;
    await client.sendCallback(client.makeCallbackQuery(next, { message: { message_id: page.messageId } }));
    await expect.poll(() => emu.botMessages(TOKEN).find((m) => m.messageId === page.messageId)?.text, { timeout: 5000 }).toMatch(/^6\. /m);

    stop.abort();
    await running;
    // The emulator does not support these: logged, never fatal.
    expect(emu.methods).toContain("setMyCommands");
    expect(emu.methods).toContain("sendChatAction");
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === "bot started" && l.username === "TestNameBot")).toBe(true);
    expect(lines.some((l) => l.msg === "bot stopped")).toBe(true);
    expect(lines.filter((l) => l.msg === "update" && l.result === "figure")).toHaveLength(1);
    expect(logs.join("")).not.toContain(TOKEN);
  }, 30_000);

  it("serves a webhook: checks the secret, answers, and closes on stop", async () => {
    const port = await freePort();
    const config: BotConfig = {
      ...base(),
      mode: "webhook",
      webhookUrl: `http://127.0.0.1:${port}/hook`,
      webhookHost: "127.0.0.1",
      webhookPort: port,
      webhookPath: "/hook",
      webhookSecret: "s3cret",
    };
    const stop = new AbortController();
    const running = runBot({ config, engine: createFakeEngine(), logger: logger(), signal: stop.signal });
    const url = `http://127.0.0.1:${port}`;
    await expect
      .poll(
        () =>
          fetch(`${url}/healthz`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 5000 },
      )
      .toBe(200);
    expect(emu.methods).toContain("setWebhook");

    const update = {
      update_id: 1,
      message: { message_id: 5, date: 0, chat: { id: 1, type: "private", first_name: "T" }, from: { id: 1, is_bot: false, first_name: "T" }, text: "Suining 2024 升学人数" },
    };
    const post = (secret: string) => fetch(`${url}/hook`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body: JSON.stringify(update) });
    expect((await post("wrong")).status).toBe(401);
    expect((await post("s3cret")).status).toBe(200);
    const answer = await emu.waitForBotMessage(TOKEN, (m) => /803/.test(m.text));
    expect(answer.chatId).toBe(1);
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);

    stop.abort();
    await running;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 30_000);

  it("rejects a token the Bot API refuses with a ConfigError", async () => {
    const stop = new AbortController();
    // A root that answers 404 for everything, as the real Bot API does for an unknown token path.
    const config: BotConfig = { ...base(), apiRoot: `${emu.emulatorUrl}/nothing-here` };
    await expect(runBot({ config, engine: createFakeEngine(), logger: logger(), signal: stop.signal })).rejects.toThrow(/TELEGRAM_BOT_TOKEN|TELEGRAM_API_ROOT/);
  }, 30_000);
});
