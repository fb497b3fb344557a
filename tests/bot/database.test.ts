/**
 * Issue 25, the shared store in trouble, against the real bot process (`node bin/zhibao.js start`
 * with ZHIBAO_STORE=postgres), the fake Bot API, and a real PostgreSQL server
 * (ZHIBAO_TEST_DATABASE_URL, see tests/index/postgresStore.test.ts; skipped without one) behind a
 * TCP proxy that stalls or drops connections. Before: a stalled connection froze the bot and it
 * ignored SIGTERM; after a server restart it never reconnected, apologised to everyone and stayed
 * up, so no supervisor restarted it.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_DERIVED } from "../../src/answer/databaseBuild.js";
import { buildPostgresIndex } from "../../src/index/databaseStore.js";
import { postgresDb } from "../../src/index/sqlDb.js";
import { startTcpProxy, type TcpProxy, viaPort } from "../index/tcpProxy.js";
import { ensureBuilt, killAll, ROOT, startBot } from "./botProcess.js";
import { type FakeApi, startFakeApi, textUpdate } from "./fakeApi.js";

const url = process.env.ZHIBAO_TEST_DATABASE_URL;
const QUESTION = "遂宁 2024 升学人数";

describe.runIf(!!url)("the bot on PostgreSQL in trouble", () => {
  let dir: string;
  let schemaUrl: string;
  const proxies: TcpProxy[] = [];
  const apis: FakeApi[] = [];

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), "zhibao-pg-bot-"));
    mkdirSync(join(dir, "corpus"));
    for (const f of ["suining-2024.txt", "jiangmen-2024.txt", "manifest.json"]) cpSync(join(ROOT, "corpus", f), join(dir, "corpus", f));
    const schema = `zb_bot_${process.pid}`;
    const admin = postgresDb(url!);
    admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    admin.close();
    schemaUrl = `${url}${url!.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-csearch_path=${schema}`)}`;
    buildPostgresIndex(join(dir, "corpus"), schemaUrl, { ...DATABASE_DERIVED });
  }, 180_000);
  afterAll(async () => {
    killAll();
    for (const p of proxies) await p.stop();
    for (const a of apis) await a.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fake API, a proxy, and the bot reaching PostgreSQL through the proxy. */
  async function setUp(env: Record<string, string> = {}) {
    const api = await startFakeApi();
    apis.push(api);
    const proxy = await startTcpProxy(Number(new URL(url!).port || 5432));
    proxies.push(proxy);
    const bot = startBot(api.apiRoot, {
      ZHIBAO_STORE: "postgres",
      DATABASE_URL: viaPort(schemaUrl, proxy.port),
      ZHIBAO_CORPUS_DIR: join(dir, "corpus"),
      DATABASE_QUERY_TIMEOUT_MS: "1000",
      ...env,
    });
    await bot.waitForLog((l) => l.msg === "bot started", 60_000);
    api.push(textUpdate(QUESTION, 1));
    await api.waitFor((c) => c.method === "sendMessage" && /803/.test(String(c.body.text)), 20_000);
    return { api, proxy, bot };
  }

  it("the connection stalls: a question gets an apology within seconds, and SIGTERM during a stalled query stops the bot within 2 s", async () => {
    const { api, proxy, bot } = await setUp();
    await proxy.stall();
    const from = api.calls.length;
    api.push(textUpdate(`${QUESTION} 乐山`, 2));
    await api.waitFor((c) => c.method === "sendChatAction", 5000, from);
    const { code, ms } = await bot.stop();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
  }, 120_000);

  it("the server restarts: the bot reconnects by itself and answers again", async () => {
    const { api, proxy, bot } = await setUp();
    await proxy.down();
    let from = api.calls.length;
    api.push(textUpdate("江门 2024 升学人数", 2));
    // Answered (an apology, or from what it holds) without waiting for the server.
    await api.waitFor((c) => c.method === "sendMessage", 10_000, from);
    await proxy.up();
    await new Promise((r) => setTimeout(r, 6000));
    from = api.calls.length;
    api.push(textUpdate(QUESTION, 3));
    await api.waitFor((c) => c.method === "sendMessage" && /803/.test(String(c.body.text)), 20_000, from);
    expect((await bot.stop()).code).toBe(0);
  }, 120_000);

  it("answer workers cannot load libpq next to the bot's own: after a few failed starts the pool answers on the bot's thread (a chart too)", async () => {
    const { api, bot } = await setUp();
    const from = api.calls.length;
    // A chart waits for a worker: before, the workers were started again and again and it never came.
    api.push(textUpdate("江门2024年月收入和遂宁比一下", 2));
    await api.waitFor((c) => c.method === "sendPhoto", 30_000, from);
    await bot.waitForLog((l) => /answering on the bot's thread/.test(JSON.stringify(l.err ?? "")));
    expect(bot.logs().filter((l) => l.msg === "answer worker failed").length).toBeLessThanOrEqual(4);
    expect((await bot.stop()).code).toBe(0);
  }, 120_000);

  it("unreachable for DATABASE_GIVE_UP_SECONDS: exits 1 saying why, for the supervisor to restart it", async () => {
    const { proxy, bot } = await setUp({ DATABASE_GIVE_UP_SECONDS: "2" });
    await proxy.down();
    const t0 = Date.now();
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(12_000);
    expect(bot.logs().some((l) => l.level === "error" && l.msg === "the database has been unreachable too long; exiting 1 for the supervisor to restart the bot")).toBe(true);
  }, 120_000);
});
