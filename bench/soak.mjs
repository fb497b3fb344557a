#!/usr/bin/env node
/**
 * Soak test of the real bot process: `node bin/zhibao.js start` against a Bot API emulator on
 * 127.0.0.1 (in this file: getMe, long-polled getUpdates, sendMessage, editMessageText,
 * answerCallbackQuery, the rest answered `true`), with simulated users who each, in a loop,
 * ask a question, press one of the answer's buttons, and now and then search and page forward
 * (◀ 1/4 ▶, an edit in place), thinking 2–8 s between actions.
 *
 *   npm run bench:soak                          # 200 users for 5 minutes
 *   npm run bench:soak -- --users 50 --seconds 30   # a quick run
 *   npm run bench:soak -- --heavy 0                 # without the heavy user
 *   npm run bench:soak -- --restart-at 15           # SIGTERM the bot 15 s in and start it again
 *   npm run bench:soak -- --cpu-prof /tmp/prof      # V8 CPU profiles of the bot's threads
 *
 * The heavy-user case (`--heavy N`, default 1): N more chats each send bursts of 16 long questions
 * (just under the 1,000-character limit, each a comparison drawn as a chart) every 20 s. The
 * latency figures are the other users' only; their p99 must stay under 500 ms (issue 25), and the
 * heavy chats' questions must all be answered.
 *
 * The restart-under-load case (`--restart-at S`): S seconds in, the bot gets SIGTERM with updates
 * in flight and a new one starts on the same DATA_DIR. Every update must be answered (none lost)
 * and none twice: the bots' log lines count each update they answered (a press answered twice
 * also shows as two callback answers here).
 *
 * Prints: p50/p99/max reply latency (from the update being queued to the bot's first reply to
 * it: a message for a question, the callback answer for a press), updates sent vs answered (a
 * missing reply after 30 s counts as lost), and the bot's RSS after warm-up and at the end (with
 * samples every 10 s). Bounded: every user stops at the deadline or after --max-actions, and the
 * run ends at most 60 s after the deadline whatever happens.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:http";
import { join } from "node:path";
import { root } from "./lib.js";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? Number(args[k + 1]) : dflt;
};
const USERS = opt("users", 200);
const SECONDS = opt("seconds", 300);
const MAX_ACTIONS = opt("max-actions", 10_000);
const HEAVY_USERS = opt("heavy", 1);
const RESTART_AT = opt("restart-at", 0);
// --cpu-prof DIR: the bot writes V8 CPU profiles (one per thread) there, to see where its time goes.
const PROFILE_DIR = args.includes("--cpu-prof") ? args[args.indexOf("--cpu-prof") + 1] : null;
const REPLY_TIMEOUT_MS = 30_000;
const TOKEN = "123456:AAsoak-token-for-local-api-only-xyz";
const ME = { id: 123456, is_bot: true, first_name: "职报问答", username: "zhibao_soak_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true };

// A seeded random source, so two runs do the same things.
let seed = 12345;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const questions = readFileSync(join(root, "..", "shared", "eval", "dev.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l).question);
const searches = ["职普融通", "产教融合", "实训基地", "双师型教师", "技能大赛", "乡村振兴"];

// ── The emulator ──────────────────────────────────────────────────────────────────────────
const updates = [];
let nextUpdateId = 1;
let waiters = [];
const messagesByChat = new Map(); // chat → [{ message_id, text, reply_markup }]
const listeners = new Set(); // (event) => void: every reply the bot makes
let nextMessageId = 1;
const callbackAnswers = new Map(); // callback query id → times answered

function queueUpdate(u) {
  const update = { update_id: nextUpdateId++, ...u };
  updates.push(update);
  for (const w of waiters) w();
  waiters = [];
  return update;
}

/** A call's parameters: JSON, or the text fields of a multipart upload (sendPhoto, sendDocument). */
function parseBody(body, type) {
  if (!body) return {};
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  if (!boundary) return JSON.parse(Buffer.from(body, "latin1").toString("utf8"));
  const fields = {};
  for (const part of body.split(`--${boundary}`)) {
    const m = /name="([^"]+)"(?![^\r\n]*filename)[\s\S]*?\r\n\r\n([\s\S]*)\r\n$/.exec(part);
    if (m) fields[m[1]] = Buffer.from(m[2], "latin1").toString("utf8");
  }
  return fields;
}

function emit(event) {
  for (const l of listeners) l(event);
}

const server = createServer(async (req, res) => {
  let body = "";
  for await (const c of req) body += c.toString("latin1"); // multipart bodies carry PNG bytes
  const method = /\/bot[^/]+\/(\w+)/.exec(req.url ?? "")?.[1] ?? "?";
  const p = parseBody(body, String(req.headers["content-type"] ?? ""));
  const ok = (result) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
  switch (method) {
    case "getMe":
      return ok(ME);
    case "getUpdates": {
      const offset = Number(p.offset ?? 0);
      while (updates.length && updates[0].update_id < offset) updates.shift();
      if (!updates.length && p.timeout) {
        await new Promise((r) => {
          const t = setTimeout(r, Math.min(Number(p.timeout), 10) * 1000);
          waiters.push(() => {
            clearTimeout(t);
            r();
          });
          res.on("close", r);
        });
      }
      return ok(updates.slice(0, Number(p.limit ?? 100)));
    }
    case "sendPhoto":
    case "sendDocument":
    case "sendMessage": {
      const chat = Number(p.chat_id);
      const markup = typeof p.reply_markup === "string" ? JSON.parse(p.reply_markup) : p.reply_markup;
      const msg = { message_id: nextMessageId++, text: String(p.text ?? p.caption ?? ""), reply_markup: markup };
      if (!messagesByChat.has(chat)) messagesByChat.set(chat, []);
      const list = messagesByChat.get(chat);
      list.push(msg);
      if (list.length > 20) list.shift();
      emit({ kind: "message", chat, msg });
      return ok({ message_id: msg.message_id, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: "private", first_name: "u" }, text: msg.text });
    }
    case "editMessageCaption":
    case "editMessageMedia":
    case "editMessageText": {
      const chat = Number(p.chat_id);
      const msg = messagesByChat.get(chat)?.find((m) => m.message_id === Number(p.message_id));
      if (msg) Object.assign(msg, { text: String(p.text), reply_markup: p.reply_markup });
      emit({ kind: "edit", chat, message_id: Number(p.message_id) });
      return ok({ message_id: Number(p.message_id), date: 0, chat: { id: chat, type: "private", first_name: "u" }, text: String(p.text) });
    }
    case "answerCallbackQuery":
      callbackAnswers.set(String(p.callback_query_id), (callbackAnswers.get(String(p.callback_query_id)) ?? 0) + 1);
      emit({ kind: "callback", id: String(p.callback_query_id) });
      return ok(true);
    default:
      return ok(true);
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const apiRoot = `http://127.0.0.1:${server.address().port}`;

// ── The bot process ───────────────────────────────────────────────────────────────────────
// One per run (a restart keeps it): answered updates are kept there, and this emulator's ids and
// button press ids are the same in every run (Telegram's never repeat).
const dataDir = mkdtempSync(join(tmpdir(), "zhibao-soak-"));
const startBot = () =>
  spawn(process.execPath, [...(PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", PROFILE_DIR] : []), "bin/zhibao.js", "start"], {
    cwd: root,
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      BOT_MODE: "polling",
      WEBHOOK_URL: "",
      ALLOWED_CHAT_IDS: "",
      RATE_LIMIT: "0",
      // info: one line per update answered, counted for the restart case.
      LOG_LEVEL: "info",
      TELEGRAM_PROXY: "",
      HTTPS_PROXY: "",
      DATA_DIR: dataDir,
    },
    stdio: ["ignore", "inherit", "pipe"],
  });
let botErr = "";
const botLogCounts = {};
/** Times each update was answered, over both bots of a restart (a handed-back update is not answered). */
const answeredTimes = new Map();
const watchLog = (child) => {
  let partial = "";
  child.stderr.on("data", (d) => {
    botErr = (botErr + d).slice(-20_000);
    const lines = (partial + d).split("\n");
    partial = lines.pop();
    for (const l of lines) {
      try {
        const { level, msg, update_id, result } = JSON.parse(l);
        if (msg === "update") {
          if (result !== "handed-back") answeredTimes.set(update_id, (answeredTimes.get(update_id) ?? 0) + 1);
          continue;
        }
        if (level === "info") continue;
        botLogCounts[`${level}: ${msg}`] = (botLogCounts[`${level}: ${msg}`] ?? 0) + 1;
      } catch {
        botLogCounts["(not JSON)"] = (botLogCounts["(not JSON)"] ?? 0) + 1;
      }
    }
  });
};
let bot = startBot();
watchLog(bot);
const rssMb = () => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${bot.pid}/status`, "utf8"))[1]) / 1024;
  } catch {
    return NaN;
  }
};

// ── Users ─────────────────────────────────────────────────────────────────────────────────
const latencies = [];
let heavyAsked = 0;
let heavyAnswered = 0;
let sent = 0;
let answered = 0;
const lost = [];

/** Queues an update and resolves with the bot's first reply to it (or null after the timeout). */
function send(update, matches) {
  sent++;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const listener = (e) => {
      if (!matches(e)) return;
      listeners.delete(listener);
      clearTimeout(timer);
      answered++;
      latencies.push(performance.now() - t0);
      resolve(e);
    };
    const timer = setTimeout(() => {
      listeners.delete(listener);
      lost.push(update.message ? { text: update.message.text } : { data: update.callback_query.data, on: update.callback_query.message.text.slice(0, 40) });
      resolve(null);
    }, REPLY_TIMEOUT_MS);
    listeners.add(listener);
    queueUpdate(update);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const from = (u) => ({ id: 100_000 + u, is_bot: false, first_name: `用户${u}`, language_code: u % 5 === 0 ? "en" : "zh-hans" });
const chatOf = (u) => ({ id: 100_000 + u, type: "private", first_name: `用户${u}` });
let userMessageId = 1;

function say(u, text) {
  const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0].length }] : undefined;
  const message = { message_id: userMessageId++, date: Math.floor(Date.now() / 1000), chat: chatOf(u), from: from(u), text, ...(entities ? { entities } : {}) };
  return send({ message }, (e) => e.kind === "message" && e.chat === 100_000 + u);
}

function press(u, msg, data) {
  const id = `cb${u}-${userMessageId++}`;
  const callback_query = { id, from: from(u), chat_instance: "ci", data, message: { message_id: msg.message_id, date: 0, chat: chatOf(u), text: msg.text } };
  return send({ callback_query }, (e) => e.kind === "callback" && e.id === id);
}

/** The newest message the bot sent the user that has buttons, once its answer has settled. */
async function lastKeyboard(u) {
  await sleep(150);
  const list = messagesByChat.get(100_000 + u) ?? [];
  for (let k = list.length - 1; k >= 0; k--) if (list[k].reply_markup?.inline_keyboard) return list[k];
  return null;
}

const callbackButtons = (msg) => (msg?.reply_markup?.inline_keyboard ?? []).flat().filter((b) => b.callback_data);

/** A long comparison (a chart) just under the question limit; `k` makes each one a little different. */
const heavyQuestion = (k) => "How many Suining graduates went on to further study in 2024 乐山 江门 ".repeat(20).slice(0, 990 - 69 * (k % 8) - (k % 16 >= 8 ? 17 : 0));
const HEAVY_BASE = 900_000;
listeners.add((e) => {
  if (e.kind === "message" && e.chat >= HEAVY_BASE && e.chat < HEAVY_BASE + HEAVY_USERS) heavyAnswered++;
});

/** A heavy user: a burst of 16 long chart questions every 20 s (its answers are counted, not timed). */
async function heavyUser(h, deadline) {
  const chat = { id: HEAVY_BASE + h, type: "private", first_name: `重度${h}` };
  const who = { id: HEAVY_BASE + h, is_bot: false, first_name: `重度${h}`, language_code: "zh-hans" };
  await sleep(3000);
  for (let burst = 0; Date.now() < deadline; burst++) {
    for (let k = 0; k < 16; k++) {
      heavyAsked++;
      queueUpdate({ message: { message_id: userMessageId++, date: Math.floor(Date.now() / 1000), chat, from: who, text: heavyQuestion(burst * 16 + k) } });
    }
    await sleep(20_000);
  }
}

async function user(u, deadline) {
  await sleep(rand() * 5000); // users arrive over the first 5 s
  for (let round = 0; round < MAX_ACTIONS && Date.now() < deadline; round++) {
    if (round % 3 === 2) {
      await say(u, `/search ${searches[(u + round) % searches.length]}`);
      const page = await lastKeyboard(u);
      const next = callbackButtons(page).find((b) => /▶/.test(b.text));
      if (next && Date.now() < deadline) await press(u, page, next.callback_data);
    } else {
      await say(u, questions[(u * 7 + round) % questions.length]);
      const answer = await lastKeyboard(u);
      const buttons = callbackButtons(answer);
      if (buttons.length && Date.now() < deadline) await press(u, answer, buttons[Math.floor(rand() * buttons.length)].callback_data);
    }
    await sleep(2000 + rand() * 6000);
  }
}

// Wait for the bot to poll, then run.
const readyBy = Date.now() + 60_000;
while (!bot.killed && bot.exitCode === null && Date.now() < readyBy && waiters.length === 0) await sleep(50);
if (waiters.length === 0) {
  console.error(`the bot did not start polling:\n${botErr}`);
  process.exit(1);
}
const started = Date.now();
const deadline = started + SECONDS * 1000;
const samples = [];
const sampler = setInterval(() => samples.push({ s: Math.round((Date.now() - started) / 1000), rss: rssMb(), sent, answered }), 10_000);
const rssStart = rssMb();
let rssWarm = NaN;
setTimeout(() => (rssWarm = rssMb()), Math.min(30_000, SECONDS * 100));
console.error(`soak: ${USERS} users for ${SECONDS} s against ${apiRoot} (bot pid ${bot.pid}, RSS ${rssStart.toFixed(0)} MB)`);
const hardStop = setTimeout(
  () => {
    console.error("soak: users still waiting 60 s after the deadline; stopping");
    finish();
  },
  SECONDS * 1000 + 60_000,
);
let restart = null;
if (RESTART_AT > 0) {
  setTimeout(() => {
    const first = bot;
    const t0 = Date.now();
    const inFlight = sent - answered;
    first.kill("SIGTERM");
    first.once("exit", (code) => {
      restart = { atS: RESTART_AT, waitingForReplies: inFlight, stopMs: Date.now() - t0, exitCode: code };
      bot = startBot();
      watchLog(bot);
    });
  }, RESTART_AT * 1000);
}
await Promise.all([...Array.from({ length: USERS }, (_, u) => user(u, deadline)), ...Array.from({ length: HEAVY_USERS }, (_, h) => heavyUser(h, deadline))]);
// The heavy chats' last burst is served in order: wait for it (bounded by the hard stop).
while (heavyAnswered < heavyAsked && Date.now() < deadline + 50_000) await sleep(250);
finish();

function finish() {
  clearTimeout(hardStop);
  clearInterval(sampler);
  const rssEnd = rssMb();
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN);
  const elapsed = (Date.now() - started) / 1000;
  const result = {
    users: USERS,
    seconds: Math.round(elapsed),
    updatesSent: sent,
    updatesAnswered: answered,
    lost: lost.length,
    updatesPerSecond: Number((sent / elapsed).toFixed(1)),
    latencyMs: { p50: Math.round(q(0.5)), p99: Math.round(q(0.99)), max: Math.round(sorted.at(-1) ?? NaN) },
    ...(restart
      ? {
          restart: {
            ...restart,
            unanswered: lost.length,
            answeredTwice: [...answeredTimes.values()].filter((n) => n > 1).length,
            callbacksAnsweredTwice: [...callbackAnswers.values()].filter((n) => n > 1).length,
          },
        }
      : {}),
    heavyUsers: HEAVY_USERS ? { chats: HEAVY_USERS, asked: heavyAsked, answered: heavyAnswered, otherChatsP99Ms: Math.round(q(0.99)), ok: q(0.99) < 500 } : null,
    rssMb: { atStart: Math.round(rssStart), afterWarmUp: Math.round(rssWarm), atEnd: Math.round(rssEnd) },
    ...(lost.length ? { lostUpdates: lost.slice(0, 10) } : {}),
    botWarningsAndErrors: botLogCounts,
    rssSamples: samples.map((s) => `${s.s}s:${s.rss.toFixed(0)}MB`).join(" "),
  };
  console.log(JSON.stringify(result, null, 2));
  bot.kill("SIGTERM");
  const t0 = Date.now();
  bot.once("exit", (code) => {
    console.error(`bot exited ${code} ${Date.now() - t0} ms after SIGTERM`);
    server.closeAllConnections();
    server.close();
    const heavyOk = HEAVY_USERS === 0 || (q(0.99) < 500 && heavyAnswered >= heavyAsked);
    const restartOk = RESTART_AT === 0 || (restart !== null && result.restart.answeredTwice === 0 && result.restart.callbacksAnsweredTwice === 0 && restart.exitCode === 0);
    process.exit(lost.length === 0 && code === 0 && heavyOk && restartOk ? 0 : 1);
  });
  setTimeout(() => {
    console.error("bot did not exit within 5 s of SIGTERM");
    bot.kill("SIGKILL");
    process.exit(1);
  }, 5000).unref();
}
