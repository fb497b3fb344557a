#!/usr/bin/env node
/**
 * In-process update-handling latency of the Telegram bot, over every gold question.
 *
 * Builds the real bot (dist/bot/index.js) on the real engine (dist/answer/engine.js), feeds each
 * question of shared/eval/dev.jsonl as a private-chat update through bot.handleUpdate(), with an
 * API transformer that answers every Bot API call locally (no network), and prints p50/p99.
 *
 *   npm run build && node bench/bot-latency.mjs [path/to/dev.jsonl] [--rounds 5]
 *
 * The time measured is the whole update: middleware, engine.ask, rendering, splitting and the
 * (local, instant) sendMessage/sendChatAction calls.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 5;
const evalPath = resolve(args.find((a, k) => !a.startsWith("--") && args[k - 1] !== "--rounds") ?? resolve(here, "../../shared/eval/dev.jsonl"));

const { createBot } = await import("../dist/bot/index.js");
const { createEngine } = await import("../dist/answer/engine.js");
const { createLogger } = await import("../dist/log.js");

const questions = readFileSync(evalPath, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l).question);

const t0 = performance.now();
const engine = await createEngine({ log: (m) => process.stderr.write(`${m}\n`) });
const loadMs = performance.now() - t0;

const botInfo = {
  id: 777000,
  is_bot: true,
  first_name: "职报问答",
  username: "zhibao_bench_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
};

let messageId = 1;
let sent = 0;
/** Answers every Bot API call at once, like Telegram would. */
const localApi = async (_prev, method, payload) => {
  if (method === "sendMessage") {
    sent++;
    return {
      ok: true,
      result: { message_id: messageId++, date: 0, chat: { id: Number(payload.chat_id), type: "private", first_name: "bench" }, from: { ...botInfo }, text: String(payload.text) },
    };
  }
  return { ok: true, result: true };
};

const bot = createBot({
  config: {
    mode: "polling",
    token: "123456789:BENCHtoken_abcdefghijklmnopqrstuvwxyz",
    allowedChatIds: null,
    adminIds: [],
    logLevel: "silent",
    rateLimit: { limit: 0, windowMs: 1000 },
  },
  engine,
  logger: createLogger({ level: "silent" }),
  botInfo,
  transformers: [localApi],
});

let updateId = 1;
const user = { id: 4242, is_bot: false, first_name: "bench", language_code: "zh-hans" };
const update = (text) => ({
  update_id: updateId++,
  message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: user.id, type: "private", first_name: "bench" }, from: user, text },
});

// Warm-up: one pass (JIT, lazy structures).
for (const q of questions) await bot.handleUpdate(update(q));

const times = [];
const perQuestion = new Map();
for (let r = 0; r < rounds; r++) {
  for (const q of questions) {
    const s = performance.now();
    await bot.handleUpdate(update(q));
    const ms = performance.now() - s;
    times.push(ms);
    perQuestion.set(q, Math.max(perQuestion.get(q) ?? 0, ms));
  }
}

times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
const fmt = (ms) => `${ms.toFixed(2)} ms`;
const mean = times.reduce((a, b) => a + b, 0) / times.length;

console.log(`bot update latency — ${questions.length} gold questions × ${rounds} rounds = ${times.length} updates (engine loaded in ${fmt(loadMs)})`);
console.log(`  p50  ${fmt(pct(50))}`);
console.log(`  p99  ${fmt(pct(99))}`);
console.log(`  mean ${fmt(mean)}   max ${fmt(times[times.length - 1])}   messages sent ${sent}`);
const slowest = [...perQuestion.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
console.log(`  slowest: ${slowest.map(([q, ms]) => `${q} (${fmt(ms)})`).join(" · ")}`);
