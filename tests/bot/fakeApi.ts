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

/**
 * What a call gets: a JSON value (sent with status 200 unless given), raw text, a hang, a reset
 * connection, the default answer after `delayMs`, or the default answer cut mid-body (`"cut"`: the
 * status line, headers and half the body arrive, then nothing more while the socket stays open).
 */
export type FakeReply = { status?: number; json: unknown } | { status?: number; text: string } | { delayMs: number } | "hang" | "reset" | "cut";

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
  /** The highest getUpdates offset asked for (with `forgetConfirmed`): updates below it are gone. */
  confirmed: () => number;
}

/**
 * Starts the fake API. By default getMe answers {@link FAKE_ME}, getUpdates holds for up to
 * `longPollMs` until an update is pushed (Telegram's long poll), sendMessage echoes a message
 * (sendPhoto and sendDocument answer a message too),
 * getFile and `/file/bot<token>/<path>` serve the files put with `putFile`, and everything else
 * answers `true`. With `forgetConfirmed`, getUpdates forgets the updates below the offset it is
 * asked for, as Telegram does (`confirmed()` is the highest offset asked for).
 */
export async function startFakeApi(opts: { longPollMs?: number; forgetConfirmed?: boolean } = {}): Promise<FakeApi> {
  const calls: FakeCall[] = [];
  let script: FakeScript = () => undefined;
  const queue: Record<string, unknown>[] = [];
  const files = new Map<string, Buffer>();
  const downloads: string[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let confirmed = 0;
  let port = 0;
  let server: Server;
  const longPollMs = opts.longPollMs ?? 500;

  // The reply being given to a call scripted "cut" (its default answer is sent only in part).
  let cutting = false;
  const send = (res: ServerResponse, reply: { status?: number; json: unknown } | { status?: number; text: string }): void => {
    if (res.destroyed) return;
    const body = "json" in reply ? JSON.stringify(reply.json) : reply.text;
    const headers = { "content-type": "json" in reply ? "application/json" : "text/html" };
    if (!cutting) return void res.writeHead(reply.status ?? 200, headers).end(body);
    const bytes = Buffer.from(body);
    res.writeHead(reply.status ?? 200, { ...headers, "content-length": String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
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
    const raw = Buffer.concat(chunks).toString("latin1");
    try {
      body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, unknown>;
    } catch {
      // multipart/form-data (a photo or a file): its short text fields, as strings.
      body = Object.fromEntries([...raw.matchAll(/name="(\w+)"\r\n\r\n([^\r]{0,200})\r\n--/g)].map((m) => [m[1]!, Buffer.from(m[2]!, "latin1").toString()]));
    }
    const call = { method, body, at: Date.now() };
    calls.push(call);
    const scripted = script(method, body, calls);
    if (scripted === "hang") return;
    if (scripted === "reset") return void res.socket?.destroy();
    if (scripted && typeof scripted === "object" && "delayMs" in scripted) await new Promise((r) => setTimeout(r, scripted.delayMs));
    else if (scripted && scripted !== "cut") return send(res, scripted);
    cutting = scripted === "cut";
    try {
      return answer(method, body, res);
    } finally {
      cutting = false;
    }
  }

  /** The default answer to a call. */
  function answer(method: string, body: Record<string, unknown>, res: ServerResponse): void | Promise<void> {
    switch (method) {
      case "getMe":
        return send(res, { json: { ok: true, result: FAKE_ME } });
      case "getFile": {
        const id = String(body.file_id ?? "");
        if (!files.has(id)) return send(res, { status: 400, json: { ok: false, error_code: 400, description: "Bad Request: invalid file_id" } });
        return send(res, { json: { ok: true, result: { file_id: id, file_unique_id: `u${id}`, file_size: files.get(id)!.length, file_path: `documents/${id}` } } });
      }
      case "getUpdates":
        return longPoll(body, res);
      case "sendPhoto":
      case "sendDocument":
        return send(res, { json: { ok: true, result: { message_id: nextMessageId++, date: 0, chat: { id: Number(body.chat_id), type: "private", first_name: "U" }, photo: [] } } });
      case "sendMessage":
        return send(res, {
          json: { ok: true, result: { message_id: nextMessageId++, date: 0, chat: { id: Number(body.chat_id), type: "private", first_name: "U" }, text: String(body.text ?? "") } },
        });
      default:
        return send(res, { json: { ok: true, result: true } });
    }
  }

  /** getUpdates: what is queued from the offset on (up to `limit`), waiting up to the long-poll time for something. */
  async function longPoll(body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const offset = Number(body.offset ?? 0);
    // Telegram forgets every update below the offset asked for: it counts as confirmed.
    if (opts.forgetConfirmed) {
      confirmed = Math.max(confirmed, offset);
      while (queue.length && Number(queue[0]!.update_id) < confirmed) queue.shift();
    }
    const limit = Number(body.limit ?? 100) || 100;
    const cut = cutting;
    const until = Date.now() + Math.min(Number(body.timeout ?? 0) * 1000, longPollMs);
    for (;;) {
      const ready = queue.filter((u) => Number(u.update_id) >= offset).slice(0, limit);
      if (ready.length > 0 || Date.now() >= until || res.destroyed) {
        cutting = cut;
        return send(res, { json: { ok: true, result: ready } });
      }
      await new Promise((r) => setTimeout(r, 20));
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
    confirmed: () => confirmed,
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
