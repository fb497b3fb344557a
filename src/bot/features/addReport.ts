/**
 * Reports sent to the bot (admins only): a document (PDF, Word, web page, text; Telegram lets bots
 * download up to 20 MB) or a message that is a link. The file is downloaded through the configured
 * Bot API root (getFile, then `<root>/file/bot<token>/<path>`, through the proxy when one is set;
 * a local Bot API server in --local mode gives a path on this machine), then added by
 * `deps.addReport`, which reads it in a child process, so no chat waits while a report is read;
 * the reply is the receipt. Adds run one at a time. Anyone else gets a polite refusal that says how
 * to get a report added. A caption or link followed by `--force` adds a file that does not look like
 * a quality report; `--replace` replaces one of the same name.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { get as httpsGet } from "node:https";
import { tmpdir } from "node:os";
import { basename, isAbsolute, join } from "node:path";
import { Composer } from "grammy";
import type { BotConfig } from "../../config.js";
import { formatReceipt } from "../../index/receipt.js";
import type { AddReply, AddRequest, BotContext } from "../context.js";
import { i, linesFromText, type Line, t } from "../markup.js";
import { proxyAgent } from "../proxy.js";
import { sendLines, typing } from "../reply.js";

/** Telegram's limit on files a bot downloads (getFile). */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;
/** How long a download from Telegram may take. */
const DOWNLOAD_TIMEOUT_MS = 120_000;
/** File names the readers take (src/ingest/read/). */
const READABLE = /\.(?:pdf|docx|docm|doc|wps|html?|shtml|xhtml|txt)$/i;
/** A message that is a link, with options after it. */
const LINK = /^\s*(https?:\/\/\S+)((?:\s+--?(?:force|replace))*)\s*$/i;

/** `--force` / `--replace` in a caption or after a link. */
function flags(text: string | undefined): Pick<AddRequest, "force" | "replace"> {
  return { ...(/(?:^|\s)--?force\b/i.test(text ?? "") ? { force: true } : {}), ...(/(?:^|\s)--?replace\b/i.test(text ?? "") ? { replace: true } : {}) };
}

/** The addReport feature. */
export function addReportFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  // One add at a time: each writes corpus/ and the index.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => {});
    return run;
  };

  /** Admins in a private chat may add; anyone else is told how to get a report added. */
  const allowed = async (ctx: BotContext): Promise<boolean> => {
    ctx.zb.command = "add";
    if (ctx.from && ctx.deps.config.adminIds.includes(ctx.from.id)) {
      if (ctx.deps.addReport) return true;
      ctx.zb.result = "add:unavailable";
      await sendLines(ctx, linesFromText(ctx.zb.t.addUnavailable));
      return false;
    }
    ctx.zb.result = "denied";
    await sendLines(ctx, linesFromText(ctx.zb.t.addAdminsOnly));
    return false;
  };

  c.chatType("private").on("message:document", async (ctx) => {
    if (!(await allowed(ctx))) return;
    const doc = ctx.message.document;
    const m = ctx.zb.t;
    const name = basename(doc.file_name ?? `${doc.file_unique_id}.bin`);
    if ((doc.file_size ?? 0) > TELEGRAM_DOWNLOAD_LIMIT) {
      ctx.zb.result = "add:too-big";
      await sendLines(ctx, linesFromText(m.addTooBig(Math.round((doc.file_size! / 1024 / 1024) * 10) / 10)));
      return;
    }
    if (!READABLE.test(name)) {
      ctx.zb.result = "add:wrong-type";
      await sendLines(ctx, linesFromText(m.addWrongType(name)));
      return;
    }
    await sendLines(ctx, linesFromText(m.adding(name)));
    await typing(ctx);
    const dir = mkdtempSync(join(tmpdir(), "zhibao-upload-"));
    try {
      const bytes = await downloadTelegramFile(ctx, doc.file_id);
      const path = join(dir, name);
      writeFileSync(path, bytes);
      await replyWith(ctx, () => serial(() => ctx.deps.addReport!({ path, name, ...flags(ctx.message.caption) })));
    } catch (err) {
      await failed(ctx, err);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  c.chatType("private")
    .on("message:text")
    .filter(
      (ctx) => LINK.test(ctx.message.text),
      async (ctx) => {
        if (!(await allowed(ctx))) return;
        const [, url, options] = LINK.exec(ctx.message.text)!;
        await sendLines(ctx, linesFromText(ctx.zb.t.adding(url!)));
        await typing(ctx);
        try {
          await replyWith(ctx, () => serial(() => ctx.deps.addReport!({ url: url!, ...flags(options) })));
        } catch (err) {
          await failed(ctx, err);
        }
      },
    );

  return c;
}

/** Runs the add and replies with each report's receipt and what came of it. */
async function replyWith(ctx: BotContext, add: () => Promise<AddReply>): Promise<void> {
  const m = ctx.zb.t;
  const reply = await add();
  const lines: Line[] = [];
  for (const o of reply.outcomes) {
    if (o.receipt) for (const [n, l] of formatReceipt(o.receipt, ctx.zb.lang, { maxTables: 20, maxWarnings: 5 }).entries()) lines.push(n === 0 ? [{ text: l, bold: true }] : [t(l)]);
    if (o.added) lines.push([t(m.added(o.file ?? "", reply.indexMs ?? 0))]);
    else lines.push([i(m.notAdded(o.reason ?? "?"))]);
  }
  ctx.zb.result = reply.outcomes.some((o) => o.added) ? "added" : "add:refused";
  ctx.deps.logger.info("report add", { by: ctx.from?.id ?? null, outcomes: reply.outcomes.map((o) => ({ file: o.file, added: o.added, entity: o.receipt?.entity ?? null, reason: o.reason })) });
  await sendLines(ctx, lines);
}

async function failed(ctx: BotContext, err: unknown): Promise<void> {
  ctx.zb.result = "add:failed";
  ctx.deps.logger.error("report add failed", { err });
  await sendLines(ctx, linesFromText(ctx.zb.t.addFailed(err instanceof Error ? err.message : String(err))));
}

/** A file Telegram holds, as bytes: getFile, then its download address under the Bot API root (or the local server's path). */
async function downloadTelegramFile(ctx: BotContext, fileId: string): Promise<Buffer> {
  const file = await ctx.api.getFile(fileId);
  const path = file.file_path;
  if (!path) throw new Error("Telegram gave no download path for the file");
  // A local Bot API server (--local) hands out paths on this machine.
  if (isAbsolute(path)) {
    if (statSync(path).size > TELEGRAM_DOWNLOAD_LIMIT) throw new Error("the file is larger than 20 MB");
    return readFileSync(path);
  }
  return download(ctx.deps.config, path);
}

/** `<root>/file/bot<token>/<path>`, capped at 20 MB; errors never quote the address (it holds the token). */
function download(config: BotConfig, path: string): Promise<Buffer> {
  const root = (config.apiRoot ?? "https://api.telegram.org").replace(/\/+$/, "");
  const url = new URL(`${root}/file/bot${config.token}/${path.split("/").map(encodeURIComponent).join("/")}`);
  const get = url.protocol === "https:" ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    const req = get(url, { ...(config.proxy ? { agent: proxyAgent(config.proxy) } : {}), timeout: DOWNLOAD_TIMEOUT_MS }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`the download from Telegram failed (HTTP ${res.statusCode})`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > TELEGRAM_DOWNLOAD_LIMIT) {
          req.destroy();
          reject(new Error("the file is larger than 20 MB"));
        } else chunks.push(c);
      });
      res.once("end", () => resolve(Buffer.concat(chunks)));
      res.once("error", (e) => reject(new Error(`the download from Telegram broke off (${e.message})`)));
    });
    req.once("timeout", () => req.destroy(new Error(`the download from Telegram took longer than ${DOWNLOAD_TIMEOUT_MS / 1000} s`)));
    req.once("error", (e) => reject(new Error(e.message.replaceAll(config.token, "<token>"))));
  });
}
