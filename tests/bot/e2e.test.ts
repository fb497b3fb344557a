/**
 * End to end: the real bot process (`npm start` = `node bin/zhibao.js start`) with
 * TELEGRAM_API_ROOT pointing at a Bot API emulator on 127.0.0.1 (telegram-test-api behind a
 * long-poll shim). A user asks `Suining 2024 升学人数`; the reply must carry 803 and its
 * source; SIGTERM must stop the bot with exit code 0. Also: with no token, `start` runs the
 * local chat and says how to configure one.
 *
 * Runs the compiled CLI from dist/; rebuilds it first when src/ is newer.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./emulator.js";
import { ensureBuilt, ROOT } from "./botProcess.js";
import { TOKEN } from "./harness.js";

/** Starts `node bin/zhibao.js start` with `env` on top of the current environment; collects its output. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, ["bin/zhibao.js", "start"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, output: () => out, exited };
}

let emu: Emulator | undefined;
const children: ChildProcess[] = [];

beforeAll(() => ensureBuilt(), 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await emu?.stop();
});

describe("npm start", () => {
  it("with a token answers `Suining 2024 升学人数` with 803 and its source, and exits 0 on SIGTERM", async () => {
    emu = await startEmulator();
    const bot = start({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: emu.apiRoot,
      // Whatever a developer's .env says, this run polls and serves everyone.
      BOT_MODE: "polling",
      WEBHOOK_URL: "",
      ALLOWED_CHAT_IDS: "",
      RATE_LIMIT: "0",
      LOG_LEVEL: "info",
    });
    children.push(bot.child);
    const died = bot.exited.then(({ code, signal }) => {
      throw new Error(`the bot exited early (code ${code}, signal ${signal}):\n${bot.output()}`);
    });

    const client = emu.client(TOKEN, { userId: 4242, chatId: 4242, firstName: "小王" });
    await client.sendMessage(client.makeMessage("Suining 2024 升学人数"));
    const reply = await Promise.race([emu.waitForBotMessage(TOKEN, (m) => /803/.test(m.text), 60_000), died]);
    expect(reply.chatId).toBe(4242);
    expect(reply.text).toMatch(/803/);
    expect(reply.text).toMatch(/suining-2024\.txt/);
    expect(reply.text).toMatch(/1350/);

    died.catch(() => {});
    bot.child.kill("SIGTERM");
    const { code, signal } = await bot.exited;
    expect({ code, signal, output: code === 0 ? "" : bot.output() }).toEqual({ code: 0, signal: null, output: "" });
    // One structured line per update; the token never logged.
    expect(bot.output()).toMatch(/"msg":"update"/);
    expect(bot.output()).not.toContain(TOKEN);
  }, 90_000);

  it("without a token starts the local chat and says how to configure a token", async () => {
    const local = start({ TELEGRAM_BOT_TOKEN: "", BOT_MODE: "" });
    children.push(local.child);
    local.child.stdin!.end(); // no questions: the chat ends at end of input
    const finished = await Promise.race([local.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
    if (finished === null) local.child.kill("SIGTERM");
    expect(local.output()).toMatch(/TELEGRAM_BOT_TOKEN/);
  }, 90_000);
});
