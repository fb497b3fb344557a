/**
 * A scriptable fake Bot API on 127.0.0.1 for fault tests: every call is recorded, and a test
 * decides what each one gets — a normal answer, garbage, a 429 with retry_after, a hang, a reset
 * connection — or takes
 * the whole server down (connections refused) and brings it back on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One call the fake API received. */
export interface FakeCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

/** What a call gets: a JSON value (sent with status 200 unless given), raw text, or a hang. */
export type FakeReply = { status?: number; json: unknown } | { status?: number; text: string } | "hang" | "reset";

/** Decides a call's reply; return undefined for the default (a well-formed answer). */
export type FakeScript = (method: string, body: Record<string, unknown>, calls: FakeCall[]) => FakeReply | undefined;

/** The bot user getMe returns. */
export const FAKE_ME = { id: 555, is_bot: true, first_name: "Fake", username: "fake_zhibao_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true };

/** A running fake Bot API. */
export interface FakeApi {
  /** TELEGRAM_API_ROOT for the bot. */
  apiRoot: string;
  calls: FakeCall[];
  /** Replaces the script. */
  script: (s: FakeScript) => void;
  /** Queues an update for the next getUpdates. */
  push: (update: Record<string, unknown>) => void;
  /** Holds a file as Telegram does: getFile gives its path, `/file/bot<token>/<path>` its bytes. */
  putFile: (fileId: string, bytes: Uint8Array) => void;
  /** Downloads of files so far (their paths). */
  downloads: string[];
  /** Stops listening (the port refuses connections) and drops open connections. */
  down: () => Promise<void>;
  /** Listens again on the same port. */
  up: () => Promise<void>;
  /** Resolves with the first call (from index `from`) that matches. */
  waitFor: (test: (c: FakeCall) => boolean, timeoutMs?: number, from?: number) => Promise<FakeCall>;
  stop: () => Promise<void>;
}

/**
 * Starts the fake API. By default getMe answers {@link FAKE_ME}, getUpdates holds for up to
 * `longPollMs` until an update is pushed (Telegram's long poll), sendMessage echoes a message,
 * getFile and `/file/bot<token>/<path>` serve the files put with `putFile`, and everything else
 * answers `true`.
 */
export async function startFakeApi(opts: { longPollMs?: number } = {}): Promise<FakeApi> {
  const calls: FakeCall[] = [];
  let script: FakeScript = () => undefined;
  const queue: Record<string, unknown>[] = [];
  const files = new Map<string, Buffer>();
  const downloads: string[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let port = 0;
  let server: Server;
  const longPollMs = opts.longPollMs ?? 500;

  const send = (res: ServerResponse, reply: Exclude<FakeReply, "hang">): void => {
    if (res.destroyed) return;
    const body = "json" in reply ? JSON.stringify(reply.json) : reply.text;
    res.writeHead(reply.status ?? 200, { "content-type": "json" in reply ? "application/json" : "text/html" }).end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const download = /^\/file\/bot[^/]+\/(.+)$/.exec(req.url ?? "");
    if (download) {
      const path = decodeURIComponent(download[1]!);
      downloads.push(path);
      const id = path.replace(/^documents\//, "");
      const bytes = files.get(id);
      if (!bytes) return void res.writeHead(404).end("Not Found");
      return void res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes.length) }).end(bytes);
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const method = /\/bot[^/]+\/(\w+)/.exec(req.url ?? "")?.[1] ?? "?";
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, unknown>;
    } catch {
      body = {};
    }
    const call = { method, body, at: Date.now() };
    calls.push(call);
    const scripted = script(method, body, calls);
    if (scripted === "hang") return;
    if (scripted === "reset") return void res.socket?.destroy();
    if (scripted) return send(res, scripted);
    switch (method) {
      case "getMe":
        return send(res, { json: { ok: true, result: FAKE_ME } });
      case "getFile": {
        const id = String(body.file_id ?? "");
        if (!files.has(id)) return send(res, { status: 400, json: { ok: false, error_code: 400, description: "Bad Request: invalid file_id" } });
        return send(res, { json: { ok: true, result: { file_id: id, file_unique_id: `u${id}`, file_size: files.get(id)!.length, file_path: `documents/${id}` } } });
      }
      case "getUpdates": {
        const offset = Number(body.offset ?? 0);
        const until = Date.now() + Math.min(Number(body.timeout ?? 0) * 1000, longPollMs);
        for (;;) {
          const ready = queue.filter((u) => Number(u.update_id) >= offset);
          if (ready.length > 0 || Date.now() >= until || res.destroyed) return send(res, { json: { ok: true, result: ready } });
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      case "sendMessage":
        return send(res, {
          json: { ok: true, result: { message_id: nextMessageId++, date: 0, chat: { id: Number(body.chat_id), type: "private", first_name: "U" }, text: String(body.text ?? "") } },
        });
      default:
        return send(res, { json: { ok: true, result: true } });
    }
  }

  const listen = async (): Promise<void> => {
    server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  };
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  await listen();

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    script: (s) => (script = s),
    push: (update) => queue.push({ update_id: nextUpdateId++, ...update }),
    putFile: (fileId, bytes) => void files.set(fileId, Buffer.from(bytes)),
    downloads,
    down: close,
    up: listen,
    async waitFor(test, timeoutMs = 10_000, from = 0) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.slice(from).find(test);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no matching call within ${timeoutMs} ms; got: ${calls.map((c) => c.method).join(", ")}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: close,
  };
}

/** A private-chat text message update (without update_id) from user 4242. */
export function textUpdate(text: string, messageId = 1): Record<string, unknown> {
  const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: /^\/\S+/.exec(text)![0].length }] : undefined;
  return {
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: 4242, type: "private", first_name: "小王" },
      from: { id: 4242, is_bot: false, first_name: "小王", language_code: "zh-hans" },
      text,
      ...(entities ? { entities } : {}),
    },
  };
}
