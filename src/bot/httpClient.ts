/**
 * The bot's HTTP client for the Bot API (grammY's `client.fetch`), on node:http(s) with timeouts
 * at every step instead of node-fetch v2's one wait for the whole request: a response cut mid-body
 * fails after {@link HttpClientOptions.idleMs} without a byte, not after grammY's 60 s, so a cut
 * getUpdates is retried at once and a cut send does not hold its chat.
 *
 * Each failure says whether the request may have reached Telegram ({@link RequestFailure.reached}):
 * a send that reached it is not repeated (src/bot/index.ts), so a cut response never turns into a
 * second message.
 *
 * @example new Bot(token, { client: { fetch: timedFetch() as never } })
 */
import { Agent as HttpAgent, request as httpRequest, type Agent, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";

/** Options of {@link timedFetch}. */
export interface HttpClientOptions {
  /** The connection's agent (a proxy's); default: keep-alive agents. */
  agent?: Agent;
  /** Longest wait for a byte of the response body once its headers came (default 3 s). */
  idleMs?: number;
  /**
   * Longest wait for the response headers once the request is sent (default 10 s; Telegram answers
   * in well under a second). A long-polling getUpdates gets its `timeout` on top.
   */
  headersMs?: number;
  /** Longest wait to connect and send the request (default 15 s: an upload over a slow link). */
  sendMs?: number;
}

/**
 * Why a request failed, and whether it may have reached the server: `reached` is false only when
 * the connection failed before the request was sent (refused, no such host) or was reset before any
 * response (a keep-alive connection the server had already closed: it never read the request).
 */
export class RequestFailure extends Error {
  constructor(
    message: string,
    readonly reached: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RequestFailure";
  }
}

/** The part of fetch's Response that grammY reads. */
interface SmallResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/** The part of fetch's init that grammY passes. */
interface SmallInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | Readable;
  signal?: AbortSignal | null;
}

const keepAlive = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * A fetch for grammY with a timeout at each step: connecting and sending (`sendMs`), the headers
 * (`headersMs`, plus a getUpdates long poll's own timeout), and each pause in the body (`idleMs`).
 * The body is read whole before it resolves, so grammY's `res.json()` never waits on the network.
 */
export function timedFetch(opts: HttpClientOptions = {}): (url: string | URL, init?: SmallInit) => Promise<SmallResponse> {
  const idleMs = opts.idleMs ?? 3_000;
  const headersMs = opts.headersMs ?? 10_000;
  const sendMs = opts.sendMs ?? 15_000;
  return (url, init = {}) =>
    new Promise<SmallResponse>((resolve, reject) => {
      const target = new URL(String(url));
      const https = target.protocol === "https:";
      let sent = false;
      let gotResponse = false;
      let timer: NodeJS.Timeout | undefined;
      const fail = (why: string, reached: boolean, cause?: unknown): void => {
        clearTimeout(timer);
        init.signal?.removeEventListener("abort", onAbort);
        req.destroy();
        reject(new RequestFailure(why, reached, { cause }));
      };
      const after = (ms: number, why: string, reached: () => boolean): void => {
        clearTimeout(timer);
        timer = setTimeout(() => fail(why, reached()), ms);
      };
      const onAbort = (): void => fail("request aborted", sent, init.signal?.reason);
      const req = (https ? httpsRequest : httpRequest)(target, { method: init.method ?? "GET", headers: init.headers ?? {}, agent: opts.agent ?? (https ? keepAlive.https : keepAlive.http) });
      after(sendMs, `no connection or request not sent within ${sendMs} ms`, () => sent);
      req.on("finish", () => {
        sent = true;
        after(headersMs + longPollMs(target, init.body), `no response within ${headersMs} ms of the request`, () => true);
      });
      req.on("error", (err: NodeJS.ErrnoException) => {
        if (gotResponse) return;
        // Reset before any response: the server closed the connection without reading the request
        // (a stale keep-alive socket) or died; either way no reply was made for it.
        const reached = sent && err.code !== "ECONNRESET" && err.code !== "EPIPE";
        fail(err.message, reached, err);
      });
      req.on("response", (res: IncomingMessage) => {
        gotResponse = true;
        const chunks: Buffer[] = [];
        after(idleMs, `response cut: no body byte for ${idleMs} ms`, () => true);
        res.on("data", (c: Buffer) => {
          chunks.push(c);
          after(idleMs, `response cut: no body byte for ${idleMs} ms`, () => true);
        });
        res.on("error", (err) => fail(`response cut: ${err.message}`, true, err));
        res.on("aborted", () => fail("response cut: the connection closed mid-body", true));
        res.on("end", () => {
          if (!res.complete) return fail("response cut: the connection closed mid-body", true);
          clearTimeout(timer);
          init.signal?.removeEventListener("abort", onAbort);
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          resolve({ ok: status >= 200 && status < 300, status, text: async () => text, json: async () => JSON.parse(text) as unknown });
        });
      });
      if (init.signal?.aborted) return onAbort();
      init.signal?.addEventListener("abort", onAbort, { once: true });
      const body = init.body;
      if (body === undefined) req.end();
      else if (typeof body === "string" || body instanceof Uint8Array) req.end(body);
      else {
        body.on("error", (err) => fail(`request body failed: ${err.message}`, false, err));
        body.pipe(req);
      }
    });
}

/** A getUpdates long poll's own wait (its `timeout`, in ms), else 0. */
function longPollMs(target: URL, body: SmallInit["body"]): number {
  if (!/\/getUpdates$/.test(target.pathname) || typeof body !== "string") return 0;
  try {
    const t = (JSON.parse(body) as { timeout?: unknown }).timeout;
    return typeof t === "number" && t > 0 ? t * 1000 : 0;
  } catch {
    return 0;
  }
}

/** True when a failed call may have reached Telegram: repeating it could do it twice. */
export function mayHaveReached(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { error?: unknown; cause?: unknown }).error ?? (e as { cause?: unknown }).cause) {
    if (e instanceof RequestFailure) return e.reached;
  }
  return false;
}
