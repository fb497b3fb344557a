#!/usr/bin/env node
/**
 * How soon the bot process answers, and how much memory it holds: `node bin/zhibao.js start`
 * (what `npm start` runs) against a minimal Bot API on 127.0.0.1 that hands it one question in
 * its first getUpdates. Measured from spawn:
 *   - ready: the first getUpdates (config read, engine and index loaded, bot initialised)
 *   - answered: the sendMessage carrying the answer (the passage index read on this first search)
 *   - RSS of the bot process after answering (VmRSS), and its peak (VmHWM)
 *
 *   node bench/bot-start.mjs [--runs 5] [question]
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./lib.js";

const TOKEN = "123456:AAbench-token-for-local-api-only";
const BOT = { id: 123456, is_bot: true, first_name: "职报问答", username: "zhibao_bench_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };

/** One start of the bot process; resolves with its timings (ms) and memory (MB). */
export async function measureBotStart(question = "遂宁 2024 升学人数") {
  let delivered = false;
  let onReady;
  let onAnswer;
  const ready = new Promise((r) => (onReady = r));
  const answered = new Promise((r) => (onAnswer = r));
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const method = /\/bot[^/]+\/(\w+)/.exec(req.url ?? "")?.[1];
      const reply = (result) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
      if (method === "getMe") return reply(BOT);
      if (method === "getUpdates") {
        onReady(performance.now());
        if (delivered) return void setTimeout(() => reply([]), 500);
        delivered = true;
        const chat = { id: 4242, type: "private", first_name: "bench" };
        return reply([{ update_id: 1, message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat, from: { id: 4242, is_bot: false, first_name: "bench" }, text: question } }]);
      }
      if (method === "sendMessage") {
        const text = String(JSON.parse(body || "{}").text ?? "");
        onAnswer({ at: performance.now(), text });
        return reply({ message_id: 2, date: 0, chat: { id: 4242, type: "private" }, from: BOT, text });
      }
      return reply(true);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const apiRoot = `http://127.0.0.1:${server.address().port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, "bin/zhibao.js"), "start"], {
    cwd: root,
    env: { ...process.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, BOT_MODE: "polling", WEBHOOK_URL: "", ALLOWED_CHAT_IDS: "", RATE_LIMIT: "0", LOG_LEVEL: "error" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const died = new Promise((_, reject) => child.on("exit", (code) => reject(new Error(`bot exited (code ${code}) before answering:\n${stderr}`))));
  died.catch(() => {}); // after SIGTERM below, exiting is expected
  try {
    const readyAt = await Promise.race([ready, died]);
    const answer = await Promise.race([answered, died]);
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { readyMs: readyAt - t0, answeredMs: answer.at - t0, rssMB: kb("VmRSS") / 1024, peakMB: kb("VmHWM") / 1024, answer: answer.text };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode === null ? child.on("exit", r) : r()));
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--runs");
  const runs = at >= 0 ? Number(args[at + 1]) : 5;
  const question = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--runs");
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await measureBotStart(question));
  const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs / 2)];
  console.log(
    `bot process (median of ${runs} starts): ready ${median("readyMs").toFixed(0)} ms, first answer ${median("answeredMs").toFixed(0)} ms, RSS ${median("rssMB").toFixed(0)} MB (peak ${median("peakMB").toFixed(0)} MB)`,
  );
  console.log(`  answer: ${results[0].answer.split("\n")[0]}`);
}
