/**
 * Issue 25, responses cut mid-body: the bot's HTTP client (src/bot/httpClient.ts) times out each
 * step, says whether a failed request may have reached the server, and the real bot process never
 * sends an answer twice or hangs on a cut send, and is not deaf after a cut getUpdates. Before:
 * node-fetch waited 60 s for the whole request, then the send was repeated (21 duplicates in the
 * fault audit).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mayHaveReached, RequestFailure, timedFetch } from "../../src/bot/httpClient.js";
import { ensureBuilt, killAll, startBot } from "./botProcess.js";
import { type FakeApi, startFakeApi } from "./fakeApi.js";

const servers: Server[] = [];
const apis: FakeApi[] = [];
beforeAll(() => ensureBuilt(), 120_000);
afterAll(async () => {
  killAll();
  for (const api of apis) await api.stop().catch(() => {});
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

/** A server on 127.0.0.1 that answers every request with `handler`; its URL. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("timedFetch", () => {
  it("reads a whole JSON answer", async () => {
    const url = await serve((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"result":1}'));
    const res = await timedFetch()(`${url}/botX/getMe`, { method: "POST", body: "{}" });
    expect(await res.json()).toEqual({ ok: true, result: 1 });
  });

  it("a body that stops mid-way fails after the idle time (not 60 s), as a request that reached the server", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "40" });
      res.write('{"ok":true,"res');
    });
    const t0 = Date.now();
    const err = await timedFetch({ idleMs: 300 })(`${url}/botX/sendMessage`, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestFailure);
    expect((err as RequestFailure).reached).toBe(true);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it("no headers within the time: fails, and the request counts as reached (the server has it)", async () => {
    const url = await serve(() => {});
    const err = await timedFetch({ headersMs: 300 })(`${url}/botX/sendMessage`, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect((err as RequestFailure).reached).toBe(true);
  });

  it("a getUpdates long poll gets its own timeout on top of the headers wait", async () => {
    const url = await serve((_req, res) => void setTimeout(() => res.writeHead(200).end('{"ok":true,"result":[]}'), 700));
    const res = await timedFetch({ headersMs: 300 })(`${url}/botX/getUpdates`, { method: "POST", body: JSON.stringify({ timeout: 1 }) });
    expect(await res.json()).toEqual({ ok: true, result: [] });
  });

  it("a refused connection, or a reset before any response, never reached the server: safe to repeat", async () => {
    const refused = await timedFetch()("http://127.0.0.1:1/botX/sendMessage", { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(mayHaveReached(refused)).toBe(false);
    const url = await serve((req) => req.socket.destroy());
    const reset = await timedFetch()(`${url}/botX/sendMessage`, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(RequestFailure);
    expect(mayHaveReached(reset)).toBe(false);
  });

  it("an abort ends the wait at once", async () => {
    const url = await serve(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const t0 = Date.now();
    await expect(timedFetch()(`${url}/botX/getUpdates`, { method: "POST", body: "{}", signal: controller.signal })).rejects.toThrow(/aborted/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

const QUESTION = "遂宁 2024 升学人数";
function question(chat: number): Record<string, unknown> {
  return {
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chat, type: "private", first_name: "U" },
      from: { id: chat, is_bot: false, first_name: "U", language_code: "zh-hans" },
      text: QUESTION,
    },
  };
}

describe("the real bot against a Bot API that cuts responses mid-body", () => {
  it("10% of sends cut: each user gets exactly one answer and no apology, no update takes over a few s", async () => {
    const api = await startFakeApi();
    apis.push(api);
    let sends = 0;
    api.script((method) => (method === "sendMessage" && ++sends % 10 === 3 ? "cut" : undefined));
    const bot = startBot(api.apiRoot);
    await bot.waitForLog((l) => l.msg === "bot started", 30_000);
    const USERS = 40;
    for (let i = 0; i < USERS; i++) api.push(question(20_000 + i));
    const answers = () => api.calls.filter((c) => c.method === "sendMessage" && /803/.test(String(c.body.text)));
    for (let until = Date.now() + 30_000; new Set(answers().map((c) => c.body.chat_id)).size < USERS; ) {
      if (Date.now() > until) throw new Error(`only ${new Set(answers().map((c) => c.body.chat_id)).size} of ${USERS} answered`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await bot.waitForLog((l) => l.msg === "reply may have arrived (its response was cut); not repeated");
    // Let repeats (the old client's) or apologies arrive.
    await new Promise((r) => setTimeout(r, 1500));
    expect(answers()).toHaveLength(USERS);
    expect(api.calls.filter((c) => c.method === "sendMessage" && /抱歉/.test(String(c.body.text)))).toEqual([]);
    const slowest = Math.max(
      ...bot
        .logs()
        .filter((l) => l.msg === "update")
        .map((l) => Number(l.ms)),
    );
    expect(slowest).toBeLessThan(8000);
    expect((await bot.stop()).code).toBe(0);
  }, 60_000);

  it("a cut getUpdates: the bot polls again within seconds (not deaf for 60 s)", async () => {
    const api = await startFakeApi();
    apis.push(api);
    let cut = 1;
    api.script((method) => (method === "getUpdates" && cut-- > 0 ? "cut" : undefined));
    const bot = startBot(api.apiRoot);
    await bot.waitForLog((l) => l.msg === "bot started", 30_000);
    const t0 = Date.now();
    api.push(question(30_000));
    await api.waitFor((c) => c.method === "sendMessage" && /803/.test(String(c.body.text)), 20_000);
    expect(Date.now() - t0).toBeLessThan(8000);
    expect((await bot.stop()).code).toBe(0);
  }, 40_000);
});
