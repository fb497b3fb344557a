/**
 * A Telegram Bot API emulator on 127.0.0.1 for end-to-end tests: the `telegram-test-api`
 * package behind a small long-poll shim.
 *
 * telegram-test-api answers `getUpdates` at once even when it has nothing, so a polling bot
 * would spin in a hot loop; the shim forwards every call unchanged except `getUpdates`, which it
 * holds until there are updates or the long-poll timeout (capped) passes, like Telegram does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The emulator's client (a user sending messages). */
export interface EmulatorClient {
  makeMessage(text: string, options?: object): Record<string, unknown>;
  makeCommand(text: string, options?: object): Record<string, unknown>;
  makeCallbackQuery(data: string, options?: object): Record<string, unknown>;
  sendMessage(message: Record<string, unknown>): Promise<unknown>;
  sendCommand(message: Record<string, unknown>): Promise<unknown>;
  sendCallback(message: Record<string, unknown>): Promise<unknown>;
}

interface TelegramServerLike {
  config: { apiURL: string };
  start(): Promise<void>;
  stop(): Promise<boolean>;
  getClient(token: string, options?: object): EmulatorClient;
  storage: { botMessages: { botToken: string; messageId: number; message: Record<string, unknown> }[] };
}

/** A message the bot sent, as the emulator stored it. */
export interface BotMessage {
  messageId: number;
  chatId: number;
  text: string;
  payload: Record<string, unknown>;
}

/** A running emulator with its shim. */
export interface Emulator {
  /** What the bot should use as TELEGRAM_API_ROOT (the shim). */
  apiRoot: string;
  /** The emulator itself. */
  emulatorUrl: string;
  client(token: string, options?: { userId?: number; chatId?: number; type?: string; firstName?: string }): EmulatorClient;
  /** Every message the bot has sent so far. */
  botMessages(token: string): BotMessage[];
  /** Waits for a bot message matching `test`. */
  waitForBotMessage(token: string, test: (m: BotMessage) => boolean, timeoutMs?: number): Promise<BotMessage>;
  /** Calls the shim saw, by method name. */
  methods: string[];
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/**
 * Starts telegram-test-api and the long-poll shim.
 *
 * @param longPollMaxMs longest a getUpdates is held (default 1 s: short, so shutdown is quick even without abort)
 */
export async function startEmulator(longPollMaxMs = 1000): Promise<Emulator> {
  const TelegramServer = require("telegram-test-api") as new (config: object) => TelegramServerLike;
  const port = await freePort();
  const server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 600 });
  await server.start();
  const emulatorUrl = server.config.apiURL;
  const methods: string[] = [];

  const shim: Server = createServer((req, res) => void forward(req, res));
  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const method = /\/bot[^/]+\/(\w+)/.exec(req.url ?? "")?.[1] ?? "?";
    methods.push(method);
    let closed = false;
    res.on("close", () => (closed = true));
    const call = () =>
      fetch(emulatorUrl + (req.url ?? "/"), {
        method: req.method ?? "POST",
        headers: { "content-type": String(req.headers["content-type"] ?? "application/json") },
        ...(req.method === "GET" || req.method === "HEAD" ? {} : { body }),
      });
    try {
      let r = await call();
      if (method === "getUpdates") {
        let timeout = 0;
        try {
          timeout = Number(JSON.parse(body.toString() || "{}").timeout ?? 0);
        } catch {
          timeout = 0;
        }
        const deadline = Date.now() + Math.min(timeout * 1000, longPollMaxMs);
        for (;;) {
          const text = await r.text();
          const data = JSON.parse(text) as { ok: boolean; result?: unknown[] };
          if (!data.ok || (data.result?.length ?? 0) > 0 || Date.now() >= deadline || closed) {
            res.writeHead(r.status, { "content-type": "application/json" }).end(text);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 40));
          r = await call();
        }
      }
      const text = await r.text();
      res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "application/json" }).end(text);
    } catch (err) {
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error_code: 502, description: `shim: ${(err as Error).message}` }));
    }
  }
  await new Promise<void>((resolve) => shim.listen(0, "127.0.0.1", resolve));
  const apiRoot = `http://127.0.0.1:${(shim.address() as AddressInfo).port}`;

  const botMessages = (token: string): BotMessage[] =>
    server.storage.botMessages.filter((m) => m.botToken === token).map((m) => ({ messageId: m.messageId, chatId: Number(m.message.chat_id), text: String(m.message.text ?? ""), payload: m.message }));

  return {
    apiRoot,
    emulatorUrl,
    methods,
    client: (token, options) => server.getClient(token, { timeout: 5000, ...options }),
    botMessages,
    async waitForBotMessage(token, test, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = botMessages(token).find(test);
        if (found) return found;
        if (Date.now() > until) {
          throw new Error(`no matching bot message within ${timeoutMs} ms; got: ${JSON.stringify(botMessages(token).map((m) => m.text))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      shim.closeAllConnections();
      await new Promise<void>((resolve) => shim.close(() => resolve()));
      await server.stop();
    },
  };
}
