/**
 * The webhook server: a node HTTP server that accepts Telegram's POSTs on one path and nothing
 * else. A request must carry the secret token (401 otherwise, before its body is read), its body
 * may not exceed a limit (413), and it must be JSON (400). Only then is the update handed to
 * grammY. `GET /healthz` answers `ok`.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { ConfigError, type WebhookConfig } from "../config.js";
import type { Logger } from "../log.js";
import { describeApiError } from "./apiErrors.js";
import type { BotContext } from "./context.js";
import { ALLOWED_UPDATES } from "./polling.js";

/** Largest update body accepted (Telegram's updates are a few KB; 1 MiB leaves room for long texts). */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** Options of {@link serveWebhook}. */
export interface ServeWebhookOptions {
  config: WebhookConfig;
  logger: Logger;
  stopped: Promise<string>;
  /** Largest body accepted, in bytes (default {@link WEBHOOK_BODY_LIMIT}). */
  bodyLimit?: number;
  /** How long a stop waits for open requests (default 1.2 s). */
  drainMs?: number;
}

/**
 * Serves the webhook until `stopped` resolves. Without WEBHOOK_SECRET a random secret is made for
 * this run (and a warning says so): setWebhook gets it, so only Telegram can post updates.
 *
 * @throws ConfigError when the port cannot be listened on (WEBHOOK_PORT / WEBHOOK_HOST)
 */
export async function serveWebhook(bot: Bot<BotContext>, opts: ServeWebhookOptions): Promise<void> {
  const { config, logger } = opts;
  const secret = config.webhookSecret ?? randomBytes(32).toString("base64url");
  if (!config.webhookSecret) {
    logger.warn("WEBHOOK_SECRET is not set: generated a random secret for this run; set WEBHOOK_SECRET to keep one across restarts", {});
  }
  const handle = webhookCallback(bot, "callback", { onTimeout: "return", timeoutMilliseconds: 9_000, secretToken: secret });
  const limit = opts.bodyLimit ?? WEBHOOK_BODY_LIMIT;

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") return void res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    if (req.method !== "POST" || path !== config.webhookPath) return void res.writeHead(404).end();
    const header = req.headers[SECRET_HEADER];
    if (!sameSecret(Array.isArray(header) ? header[0] : header, secret)) {
      logger.warn("webhook request without the right secret refused", { remote: req.socket.remoteAddress ?? null });
      return void refuse(res, 401, "unauthorized");
    }
    void readBody(req, limit)
      .then(
        async (body) => {
          let update: Update;
          try {
            update = JSON.parse(body.toString("utf8")) as Update;
          } catch {
            return refuse(res, 400, "body is not JSON");
          }
          if (typeof update !== "object" || update === null || typeof update.update_id !== "number") return refuse(res, 400, "not an update");
          await handle(
            update,
            (json: string) => void res.writeHead(200, { "content-type": "application/json" }).end(json),
            secret,
            () => refuse(res, 401, "unauthorized"),
          );
          if (!res.headersSent) res.writeHead(200).end();
        },
        (err: unknown) => {
          if (err instanceof BodyTooLarge) {
            logger.warn("webhook body over the limit refused", { limit });
            refuse(res, 413, "body too large", true);
          } else refuse(res, 400, "could not read the body");
        },
      )
      .catch((err: unknown) => {
        logger.error("webhook request failed", { err });
        refuse(res, 500, "internal error");
      });
  });
  await listen(server, config);
  logger.info("webhook listening", { host: config.webhookHost, port: config.webhookPort, path: config.webhookPath });
  try {
    await bot.api.setWebhook(config.webhookUrl, { allowed_updates: [...ALLOWED_UPDATES], secret_token: secret });
  } catch (err) {
    server.close();
    server.closeAllConnections();
    throw new ConfigError("WEBHOOK_URL", `setWebhook failed (${describeApiError(err)}); check that the URL is public https.`);
  }
  const why = await opts.stopped;
  logger.info("stopping", { why });
  // The webhook stays registered: Telegram keeps updates until the next start.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const t = setTimeout(() => server.closeAllConnections(), opts.drainMs ?? 1_200);
  await closed;
  clearTimeout(t);
}

/** Compares in constant time, so the secret cannot be guessed byte by byte from response times. */
function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(res: ServerResponse, status: number, text: string, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain", ...(close ? { connection: "close" } : {}) }).end(text);
}

class BodyTooLarge extends Error {}

/** The body, or BodyTooLarge as soon as it (or its Content-Length) passes `limit`. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      req.resume();
      return reject(new BodyTooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new BodyTooLarge());
      } else chunks.push(c);
    });
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** Listens, or says which variable to change (a port in use, a host that is not an interface). */
function listen(server: Server, config: WebhookConfig): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE")
        reject(new ConfigError("WEBHOOK_PORT", `port ${config.webhookPort} on ${config.webhookHost} is already in use; stop what uses it or choose another port (WEBHOOK_PORT, or PORT).`));
      else if (err.code === "EACCES") reject(new ConfigError("WEBHOOK_PORT", `no permission to listen on port ${config.webhookPort}; use a port above 1023 behind your TLS proxy.`));
      else if (err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND" || err.code === "EAI_AGAIN") {
        reject(new ConfigError("WEBHOOK_HOST", `cannot listen on "${config.webhookHost}" (${err.code}); give an address of this machine, e.g. 0.0.0.0 or 127.0.0.1.`));
      } else reject(err);
    });
    server.listen(config.webhookPort, config.webhookHost, () => resolve());
  });
}
