/**
 * Row 6 of issue 12: webhook mode. Without WEBHOOK_SECRET a secret is generated (and a warning
 * logged), so a forged POST — even a /reload from an admin id — gets 401 and is never processed;
 * a body over the limit gets 413; a port in use names WEBHOOK_PORT. runBot in process with a
 * real HTTP server, and the fake Bot API on 127.0.0.1.
 */
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runBot } from "../../src/bot/index.js";
import type { WebhookConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { freePort } from "./emulator.js";
import { startFakeApi, textUpdate, type FakeApi } from "./fakeApi.js";
import { createFakeEngine } from "./fakeEngine.js";
import { TOKEN } from "./harness.js";

let api: FakeApi;
let stop: AbortController;
let running: Promise<void>;
afterEach(async () => {
  stop?.abort();
  await running?.catch(() => {});
  await api?.stop();
});

async function startWebhook(secret?: string) {
  api = await startFakeApi();
  const port = await freePort();
  const config: WebhookConfig = {
    mode: "webhook",
    token: TOKEN,
    apiRoot: api.apiRoot,
    allowedChatIds: null,
    adminIds: [4242],
    logLevel: "info",
    rateLimit: { limit: 0, windowMs: 1000 },
    webhookUrl: `http://127.0.0.1:${port}/hook`,
    webhookHost: "127.0.0.1",
    webhookPort: port,
    webhookPath: "/hook",
    ...(secret ? { webhookSecret: secret } : {}),
  };
  const logs: Record<string, unknown>[] = [];
  const engine = createFakeEngine();
  let reloads = 0;
  const reload = engine.reload.bind(engine);
  engine.reload = () => {
    reloads++;
    return reload();
  };
  stop = new AbortController();
  running = runBot({ config, engine, logger: createLogger({ level: "info", write: (l) => void logs.push(JSON.parse(l)) }), signal: stop.signal });
  const setWebhook = await api.waitFor((c) => c.method === "setWebhook");
  const url = `http://127.0.0.1:${port}/hook`;
  const post = (body: string, headers: Record<string, string> = {}) => fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { config, logs, setWebhook, post, reloads: () => reloads };
}

describe("webhook mode", () => {
  it("without WEBHOOK_SECRET generates one, warns, and refuses a forged /reload with 401 without processing it", async () => {
    const hook = await startWebhook();
    const secret = String(hook.setWebhook.body.secret_token ?? "");
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    expect(hook.logs.some((l) => l.level === "warn" && /WEBHOOK_SECRET/.test(String(l.msg)))).toBe(true);
    expect(JSON.stringify(hook.logs)).not.toContain(secret);

    const forged = JSON.stringify({ update_id: 9, ...textUpdate("/reload") });
    expect((await hook.post(forged)).status).toBe(401);
    expect((await hook.post(forged, { "x-telegram-bot-api-secret-token": "guess" })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(hook.reloads()).toBe(0);
    expect(api.calls.filter((c) => c.method === "sendMessage")).toHaveLength(0);

    // Telegram, which knows the secret, gets through.
    expect((await hook.post(forged, { "x-telegram-bot-api-secret-token": secret })).status).toBe(200);
    await api.waitFor((c) => c.method === "sendMessage");
    expect(hook.reloads()).toBe(1);
  }, 20_000);

  it("issue 25: the same update posted twice (one after the other, and at once) is answered once", async () => {
    const hook = await startWebhook("s3cret-s3cret-s3cret-s3cret-s3cret");
    const headers = { "x-telegram-bot-api-secret-token": "s3cret-s3cret-s3cret-s3cret-s3cret" };
    const update = JSON.stringify({ update_id: 77, ...textUpdate("/help") });
    expect((await hook.post(update, headers)).status).toBe(200);
    await api.waitFor((c) => c.method === "sendMessage");
    const answers = () => api.calls.filter((c) => c.method === "sendMessage").length;
    const once = answers();
    expect((await hook.post(update, headers)).status).toBe(200);
    const twin = JSON.stringify({ update_id: 78, ...textUpdate("/help") });
    await Promise.all([hook.post(twin, headers), hook.post(twin, headers)]);
    for (let k = 0; k < 100 && answers() < 2 * once; k++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    // Before: every delivery was answered (2 and 2).
    expect(answers()).toBe(2 * once);
    expect(hook.logs.filter((l) => l.msg === "update already answered; skipped")).toHaveLength(2);
  }, 20_000);

  it("answers 413 to a body over the limit and 400 to one that is not an update", async () => {
    const hook = await startWebhook("s3cret_s3cret");
    const auth = { "x-telegram-bot-api-secret-token": "s3cret_s3cret" };
    const big = JSON.stringify({ update_id: 1, ...textUpdate("x".repeat(2 * 1024 * 1024)) });
    expect((await hook.post(big, auth)).status).toBe(413);
    expect((await hook.post("{not json", auth)).status).toBe(400);
    expect((await hook.post("[1,2]", auth)).status).toBe(400);
    expect((await hook.post(JSON.stringify({ update_id: 2, ...textUpdate("遂宁 2024 升学人数") }), auth)).status).toBe(200);
    await api.waitFor((c) => c.method === "sendMessage" && /803/.test(String(c.body.text)));
  }, 20_000);

  it("a port in use fails with a ConfigError naming WEBHOOK_PORT", async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", r));
    api = await startFakeApi();
    const config: WebhookConfig = {
      mode: "webhook",
      token: TOKEN,
      apiRoot: api.apiRoot,
      allowedChatIds: null,
      adminIds: [],
      logLevel: "silent",
      rateLimit: { limit: 0, windowMs: 1000 },
      webhookUrl: `http://127.0.0.1:${port}/hook`,
      webhookHost: "127.0.0.1",
      webhookPort: port,
      webhookPath: "/hook",
      webhookSecret: "abc",
    };
    await expect(runBot({ config, engine: createFakeEngine(), logger: createLogger({ level: "silent" }) })).rejects.toThrow(/^WEBHOOK_PORT: port \d+ on 127\.0\.0\.1 is already in use/);
    blocker.close();
  }, 20_000);
});
