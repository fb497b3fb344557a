#!/usr/bin/env node
/**
 * What the bot's answers look like on a phone: runs the bot in-process on the real index with a
 * recording stand-in for Telegram (no network), writes the conversation into an HTML page styled
 * like Telegram's chat (messages, inline buttons, photos, documents), and, when Chromium is
 * installed (Debian: apt-get install chromium), screenshots it at phone width.
 *
 *   npm run build && node tools/telegram-preview.mjs [out-dir] ["question" …]
 *
 * Writes out-dir/chat-N.html and chat-N.png, one per question (default out-dir: preview/, git-ignored).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createEngine } from "../dist/answer/engine.js";
import { createBot } from "../dist/bot/index.js";
import { createLogger } from "../dist/log.js";

const [outArg, ...asked] = process.argv.slice(2);
const out = resolve(outArg ?? "preview");
const questions = asked.length ? asked : ["江门 月收入 2023 vs 2024", "哪个地区2024年升入本科人数最多", "/table 遂宁 教学资源表", "谢谢"];
const BOT = { id: 1, is_bot: true, first_name: "职报问答", username: "zhibao_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true };
const USER = { id: 42, is_bot: false, first_name: "小王", language_code: "zh-hans" };

let transcript = [];
let id = 1;
const telegram = async (_prev, method, payload) => {
  const p = payload ?? {};
  const message = { message_id: id++, date: 0, chat: { id: USER.id, type: "private", first_name: USER.first_name }, from: BOT };
  if (method === "sendMessage") transcript.push({ from: "bot", html: p.text, keyboard: p.reply_markup });
  else if (method === "sendPhoto") {
    const png = Buffer.from(p.photo.fileData);
    transcript.push({ from: "bot", photo: png.toString("base64"), ratio: png.readUInt32BE(20) / png.readUInt32BE(16), html: p.caption ?? "", keyboard: p.reply_markup });
  } else if (method === "sendDocument") transcript.push({ from: "bot", document: { name: p.document.filename, bytes: p.document.fileData.byteLength }, html: p.caption ?? "" });
  else return { ok: true, result: true };
  return { ok: true, result: { ...message, text: "" } };
};

const engine = await createEngine();
const config = { mode: "polling", token: "1:preview", allowedChatIds: null, adminIds: [], logLevel: "silent", rateLimit: { limit: 0, windowMs: 1000 } };
const bot = createBot({ config, engine, logger: createLogger({ level: "silent", write: () => {} }), botInfo: BOT, transformers: [telegram] });
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const keyboard = (kb) =>
  kb?.inline_keyboard ? `<div class="kb">${kb.inline_keyboard.map((row) => `<div class="row">${row.map((b) => `<span class="btn">${esc(b.text)}</span>`).join("")}</div>`).join("")}</div>` : "";
const bubble = (m) => {
  if (m.from === "user") return `<div class="msg user"><div class="bubble">${esc(m.text)}</div></div>`;
  const media = m.photo
    ? `<img src="data:image/png;base64,${m.photo}">`
    : m.document
      ? `<div class="doc"><span class="icon">📄</span><div><b>${esc(m.document.name)}</b><br><small>${(m.document.bytes / 1024).toFixed(1)} KB</small></div></div>`
      : "";
  // The bot's text is Telegram HTML (b, i, u, code, a): a subset of HTML, shown as sent.
  return `<div class="msg bot"><div class="bubble${m.photo ? " media" : ""}">${media}<div class="text">${m.html ?? ""}</div></div>${keyboard(m.keyboard)}</div>`;
};
const page = (messages) => `<!doctype html><meta charset="utf-8"><title>zhibao preview</title><style>
body{margin:0;background:#8fb58a;font:15px/1.35 "WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;width:390px}
.head{background:#517da2;color:#fff;padding:10px 14px;font-weight:bold}.chat{padding:8px}
.msg{margin:6px 0;display:flex;flex-direction:column}.user{align-items:flex-end}.bot{align-items:flex-start}
.bubble{max-width:330px;padding:7px 10px;white-space:pre-wrap;border-radius:12px;background:#fff;box-shadow:0 1px 1px rgba(0,0,0,.15);word-wrap:break-word}
.user .bubble{background:#effdde}.bubble.media{padding:3px;width:330px}.bubble.media .text{padding:4px 7px}.bubble img{width:100%;border-radius:10px;display:block}
.kb{max-width:350px;width:100%;margin-top:3px}.row{display:flex;gap:3px;margin-top:3px}.btn{flex:1;text-align:center;background:rgba(0,0,0,.25);color:#fff;border-radius:8px;padding:7px 4px;font-size:13px}
.doc{display:flex;gap:8px;align-items:center;padding:6px}.icon{font-size:28px}code{font-family:monospace}
</style><div class="head">职报问答</div><div class="chat">${messages.map(bubble).join("\n")}</div>`;

/** A generous guess of the page's height: lines of text (wrapped at ~20 ideographs), photos, button rows. */
const height = (messages) =>
  80 +
  messages.reduce((h, m) => {
    const text = (m.html ?? m.text ?? "").replace(/<[^>]+>/g, "");
    const lines = text.split("\n").reduce((n, l) => n + Math.max(1, Math.ceil([...l].length / 21)), 0);
    return h + 30 + lines * 20.5 + (m.photo ? 330 * m.ratio : 0) + (m.document ? 50 : 0) + (m.keyboard?.inline_keyboard?.length ?? 0) * 36;
  }, 0);

mkdirSync(out, { recursive: true });
let update = 1;
for (const [k, q] of questions.entries()) {
  transcript = [{ from: "user", text: q }];
  const cmd = /^\/\w+/.exec(q);
  await bot.handleUpdate({
    update_id: update++,
    message: {
      message_id: 1000 + update,
      date: 0,
      chat: { id: USER.id, type: "private", first_name: USER.first_name },
      from: USER,
      text: q,
      ...(cmd ? { entities: [{ type: "bot_command", offset: 0, length: cmd[0].length }] } : {}),
    },
  });
  const file = join(out, `chat-${k + 1}`);
  writeFileSync(`${file}.html`, page(transcript));
  let shot = false;
  for (const browser of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      execFileSync(
        browser,
        ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", `--screenshot=${file}.png`, `--window-size=390,${Math.ceil(height(transcript))}`, `file://${file}.html`],
        { stdio: "ignore", timeout: 60_000 },
      );
      shot = true;
      break;
    } catch {
      // not installed under this name: try the next
    }
  }
  console.error(`${q} → ${file}.html${shot ? ` and ${file}.png` : " (no Chromium: no screenshot)"}`);
}
