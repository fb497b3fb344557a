#!/usr/bin/env node
// `npm run bench`: measures what users and operators wait for, on the real corpus.
// - ingest + index build time: in a fresh process each time (nodejieba load included), median of 5
// - index load time and the memory of a loaded engine
// - `ask` latency over every gold question (shared/eval/dev.jsonl), p50/p99, in one process: the first
//   round apart (it builds what is made on demand: catalogues, the Latin names, the passage index) from
//   the warm rounds 2…20
// - a one-shot `zhibao ask "…"` wall time, start-up included, median of 5
// - start-up beside Node's own (issue 24): a bare `node -e 0`, a one-shot figure question (Chinese
//   and English), `zhibao ask --chart`, and `zhibao add` of one small report, each a median of 5
//   taken in turns in the same run, printed as ratios to the bare start; and a chart drawn once the
//   process is warm (the second of two in one process)
// - the bot process: time to ready and to its first answer, and its RSS (bench/bot-start.mjs)
// - reading a PDF and a Word report (bench/read-files.mjs)
// It prints figures; the tests assert behaviour.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { measureBotStart } from "./bot-start.mjs";
import { measureFileReads } from "./read-files.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { saveIndex, loadIndex } = await import(join(root, "dist/index/store.js"));
const { buildIndex } = await import(join(root, "dist/index/build.js"));
const { createEngine } = await import(join(root, "dist/answer/engine.js"));

/** What the bench is doing, on stderr: a run takes minutes, and a stage that hangs should say which. */
const progress = (stage) => process.stderr.write(`bench: ${stage}…\n`);
const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;

const corpusDir = join(root, "corpus");
const EN_QUESTION = "How many graduates of Suining went on to higher education in 2024?";
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
  // Round 1 is what the first users of a fresh process wait for; rounds 2…20, everyone after.
  const firstRound = [];
  const times = [];
  for (let round = 0; round < 20; round++) {
    for (const q of questions) {
      const s = performance.now();
      engine.ask(q);
      (round === 0 ? firstRound : times).push(performance.now() - s);
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
  progress("one-shot asks");
  const cliFigure = oneShot("Suining 2024 升学人数");
  const cliPassage = oneShot("璧山 宿舍楼 案例");
  progress("start-up beside node");
  const startup = measureStartup();
  progress("a warm chart");
  const warmChart = await chartWarm(engine);

  progress("bot starts");
  const starts = [];
  for (let i = 0; i < 3; i++) starts.push(await measureBotStart("怎样推进产教融合"));
  const botMedian = (key) =>
    pct(
      starts.map((s) => s[key]),
      50,
    );
  progress("PDF and Word reads");
  const reads = await measureFileReads();

  console.log(
    `zhibao bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${data.meta.counts.reports} reports, ${data.meta.counts.facts} facts, ${data.meta.counts.passages} passages`,
  );
  console.log(`ingest + index build, fresh process (median of 5, nodejieba included): ${ms(build)} (min ${ms(Math.min(...coldBuilds))}, max ${ms(Math.max(...coldBuilds))})`);
  console.log(`ingest + index build again in a warm process:                         ${ms(rebuild)}`);
  console.log(`index load (median of 5):                                         ${ms(pct(loads, 50))}`);
  console.log(`engine start (load + catalogue + resolver):                       ${ms(engineStart)}`);
  console.log(
    `ask over ${questions.length} gold questions, first round (on-demand builds included): p50 ${ms(pct(firstRound, 50))}, p99 ${ms(pct(firstRound, 99))}, max ${ms(Math.max(...firstRound))}`,
  );
  console.log(`ask over ${questions.length} gold questions, warm (rounds 2…20): p50 ${ms(pct(times, 50))}, p99 ${ms(pct(times, 99))}, max ${ms(Math.max(...times))}`);
  console.log(`memory of the answering process after load and asks: rss ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`);
  console.log(`one-shot \`zhibao ask\` wall time, start-up included (median of 5): figure ${ms(cliFigure)}, passage search ${ms(cliPassage)}`);
  const ratio = (x) => `${ms(x)} = ${(x / startup.node).toFixed(1)}× node`;
  console.log(`start-up beside a bare \`node -e 0\` (${ms(startup.node)}; each a median of 5, taken in turns):`);
  console.log(`  one-shot ask, figure (遂宁 2024 升学人数):      ${ratio(startup.ask)}   (target ≤ 3×)`);
  console.log(`  one-shot ask, English (${EN_QUESTION}): ${ratio(startup.english)}   (target ≤ 4×)`);
  console.log(`  one-shot ask --chart (PNG written):             ${ratio(startup.chart)}`);
  console.log(`  zhibao add, one small report (files store):     ${ratio(startup.add)}   (target < 3 s)`);
  console.log(`  a chart once the process is warm (answer + render, the second of two): ${ms(warmChart)}   (target ≤ 300 ms)`);
  console.log(
    `read + ingest a 4-page PDF report: ${ms(reads.pdf)} (median of 5; the first in a process ${ms(reads.pdfFirst)}, worker start and pdfjs load included); a Word report: ${ms(reads.docx)}`,
  );
  console.log(
    `bot process (median of 3 starts, answering a passage question): ready ${ms(botMedian("readyMs"))}, first answer ${ms(botMedian("answeredMs"))}, RSS ${botMedian("rssMB").toFixed(0)} MB (peak ${botMedian("peakMB").toFixed(0)} MB)`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/**
 * One-shot commands beside a bare Node start, in turns (node, ask, English, chart, add; five rounds),
 * so a loaded machine slows them alike; medians. `add` works on a copy of corpus/ and index/.
 */
function measureStartup() {
  const dir = mkdtempSync(join(tmpdir(), "zhibao-startup-"));
  const run = (args, env = {}) => {
    const s = performance.now();
    execFileSync(process.execPath, args, { stdio: "pipe", cwd: root, env: { ...process.env, ...env } });
    return performance.now() - s;
  };
  const bin = join(root, "bin/zhibao.js");
  const t = { node: [], ask: [], english: [], chart: [], add: [] };
  try {
    for (let i = 0; i < 5; i++) {
      t.node.push(run(["-e", "0"]));
      t.ask.push(run([bin, "ask", "遂宁 2024 升学人数"]));
      t.english.push(run([bin, "ask", EN_QUESTION]));
      t.chart.push(run([bin, "ask", "江门 月收入 2023 vs 2024", "--chart", join(dir, "chart.png")]));
      // A fresh copy each round: the add is one report into the five.
      const corpus = join(dir, `corpus${i}`);
      const index = join(dir, `index${i}`);
      cpSync(corpusDir, corpus, { recursive: true });
      cpSync(join(root, "index"), index, { recursive: true });
      t.add.push(run([bin, "add", join(root, "tests/fixtures/reports/ganzhou-2022.txt")], { ZHIBAO_CORPUS_DIR: corpus, ZHIBAO_INDEX_DIR: index, ZHIBAO_STORE: "files" }));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, pct(xs, 50)]));
}

/** A chart question answered and drawn in a warm process: the second of two (the first loads Vega and the font). */
async function chartWarm(engine) {
  const { chartOf } = await import(join(root, "dist/chart/chartData.js"));
  const { renderChart } = await import(join(root, "dist/chart/render.js"));
  let last = 0;
  for (let i = 0; i < 2; i++) {
    const s = performance.now();
    const result = chartOf(engine.ask("江门 月收入 2023 vs 2024 画个图表"));
    if (result.ok) await renderChart(result.chart);
    last = performance.now() - s;
  }
  return last;
}
