#!/usr/bin/env node
// `npm run bench`: measures what users and operators wait for, on the real corpus.
// - ingest + index build time: in a fresh process each time (nodejieba load included), median of 5
// - index load time and the memory of a loaded engine
// - `ask` latency over every gold question (shared/eval/dev.jsonl), p50/p99, in one process
// - a one-shot `zhibao ask "…"` wall time, start-up included, median of 5
// - the bot process: time to ready and to its first answer, and its RSS (bench/bot-start.mjs)
// - reading a PDF and a Word report (bench/read-files.mjs)
// It prints figures; the tests assert behaviour.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { measureBotStart } from "./bot-start.mjs";
import { measureFileReads } from "./read-files.mjs";

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
  // First, before this process builds anything: the memory figure is that of a process that only answers.
  let t = performance.now();
  const engine = await createEngine({ indexDir: join(root, "index"), corpusDir });
  const engineStart = performance.now() - t;

  const goldPath = join(root, "..", "shared", "eval", "dev.jsonl");
  const questions = existsSync(goldPath)
    ? readFileSync(goldPath, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l).question)
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

  // A cold build, as `zhibao index` or a first start does it: a new process each time.
  const coldBuilds = [];
  for (let i = 0; i < 5; i++) {
    const script = `const { buildIndex } = await import(${JSON.stringify(join(root, "dist/index/build.js"))}); const t = performance.now(); buildIndex(${JSON.stringify(corpusDir)}); process.stdout.write(String(performance.now() - t));`;
    coldBuilds.push(Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })));
  }
  const build = pct(coldBuilds, 50);
  const data = buildIndex(corpusDir);
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

  const oneShot = (question) => {
    const walls = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      execFileSync(process.execPath, [join(root, "bin/zhibao.js"), "ask", question], { stdio: "pipe" });
      walls.push(performance.now() - t);
    }
    return pct(walls, 50);
  };
  const cliFigure = oneShot("Suining 2024 升学人数");
  const cliPassage = oneShot("璧山 宿舍楼 案例");

  const starts = [];
  for (let i = 0; i < 3; i++) starts.push(await measureBotStart("怎样推进产教融合"));
  const botMedian = (key) =>
    pct(
      starts.map((s) => s[key]),
      50,
    );
  const reads = await measureFileReads();

  console.log(
    `zhibao bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${data.meta.counts.reports} reports, ${data.meta.counts.facts} facts, ${data.meta.counts.passages} passages`,
  );
  console.log(`ingest + index build, fresh process (median of 5, nodejieba included): ${ms(build)} (min ${ms(Math.min(...coldBuilds))}, max ${ms(Math.max(...coldBuilds))})`);
  console.log(`ingest + index build again in a warm process:                         ${ms(rebuild)}`);
  console.log(`index load (median of 5):                                         ${ms(pct(loads, 50))}`);
  console.log(`engine start (load + catalogue + resolver):                       ${ms(engineStart)}`);
  console.log(`ask over ${questions.length} gold questions × 20: p50 ${ms(pct(times, 50))}, p99 ${ms(pct(times, 99))}, max ${ms(Math.max(...times))}`);
  console.log(`memory of the answering process after load and asks: rss ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`);
  console.log(`one-shot \`zhibao ask\` wall time, start-up included (median of 5): figure ${ms(cliFigure)}, passage search ${ms(cliPassage)}`);
  console.log(
    `read + ingest a 4-page PDF report: ${ms(reads.pdf)} (median of 5; the first in a process ${ms(reads.pdfFirst)}, worker start and pdfjs load included); a Word report: ${ms(reads.docx)}`,
  );
  console.log(
    `bot process (median of 3 starts, answering a passage question): ready ${ms(botMedian("readyMs"))}, first answer ${ms(botMedian("answeredMs"))}, RSS ${botMedian("rssMB").toFixed(0)} MB (peak ${botMedian("peakMB").toFixed(0)} MB)`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
