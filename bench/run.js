#!/usr/bin/env node
// `npm run bench`: measures what users and operators wait for, on the real corpus.
// - ingest + index build time (in this process, nodejieba load included and reported apart)
// - index load time and the memory of a loaded engine
// - `ask` latency over every gold question (shared/eval/dev.jsonl), p50/p99, in one process
// - a one-shot `zhibao ask "…"` wall time, start-up included
// It prints figures; the tests assert behaviour.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { saveIndex, loadIndex } = await import(join(root, "dist/index/store.js"));
const { buildIndex } = await import(join(root, "dist/index/build.js"));
const { createEngine } = await import(join(root, "dist/answer/engine.js"));

const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;

const corpusDir = join(root, "corpus");
const tmp = mkdtempSync(join(tmpdir(), "zhibao-bench-"));
try {
  let t = performance.now();
  const data = buildIndex(corpusDir);
  const build = performance.now() - t;
  t = performance.now();
  buildIndex(corpusDir);
  const rebuild = performance.now() - t;
  saveIndex(data, tmp);

  const loads = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    loadIndex(tmp);
    loads.push(performance.now() - t);
  }

  t = performance.now();
  const engine = await createEngine({ indexDir: join(root, "index"), corpusDir });
  const engineStart = performance.now() - t;

  const goldPath = join(root, "..", "shared", "eval", "dev.jsonl");
  const questions = existsSync(goldPath)
    ? readFileSync(goldPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l).question)
    : ["Suining 2024 升学人数", "江门 月收入 2023 vs 2024", "璧山 宿舍 案例", "哪个地区2024年升入本科人数最多"];
  for (const q of questions) engine.ask(q); // warm-up
  const times = [];
  for (let round = 0; round < 20; round++) {
    for (const q of questions) {
      const s = performance.now();
      engine.ask(q);
      times.push(performance.now() - s);
    }
  }
  global.gc?.();
  const mem = process.memoryUsage();

  const cli = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    execFileSync(process.execPath, [join(root, "bin/zhibao.js"), "ask", "Suining 2024 升学人数"], { stdio: "pipe" });
    cli.push(performance.now() - t);
  }

  console.log(`zhibao bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${data.meta.counts.reports} reports, ${data.meta.counts.facts} facts, ${data.meta.counts.passages} passages`);
  console.log(`ingest + index build (first, nodejieba dictionary load included): ${ms(build)}`);
  console.log(`ingest + index build (again, dictionary warm):                   ${ms(rebuild)}`);
  console.log(`index load (median of 5):                                         ${ms(pct(loads, 50))}`);
  console.log(`engine start (load + catalogue + resolver):                       ${ms(engineStart)}`);
  console.log(`ask over ${questions.length} gold questions × 20: p50 ${ms(pct(times, 50))}, p99 ${ms(pct(times, 99))}, max ${ms(Math.max(...times))}`);
  console.log(`memory after load and asks: rss ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`);
  console.log(`one-shot \`zhibao ask\` wall time (median of 3, start-up included): ${ms(pct(cli, 50))}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
