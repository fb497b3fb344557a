#!/usr/bin/env node
// `node bench/synth.js` (after `npx tsc -p tsconfig.json`): how zhibao scales with the number of
// reports. Generates synthetic corpora of ×10 and ×100 the five real reports, then for ×1, ×10 and
// ×100 measures index build, index load, engine start, search and ask latency, and memory.
//
// - A synthetic corpus is the five real reports plus copies of each under a distinct place name
//   (乐山市 → 乐山甲子市, 乐山乙子市, …; 璧山区 → 璧山甲子区; 遂宁市职业技术学校 → 遂宁甲子市职业技术学校)
//   with every figure perturbed by up to ±10 % (years, section numbers and the like untouched), written
//   as new .txt files with a manifest.json. ×10 = 50 reports, ×100 = 500. The suffix is made of
//   ideographs (天干 × 地支), not digits: report titles are read for the entity name, ideographs only.
// - The originals stay in, so the judged queries (bench/judged-queries.jsonl) still have one right
//   answer: "hit@5 right report" counts a search whose top 5 holds a relevant passage of the
//   original report, not of a look-alike copy.
// - Figure questions: the fact and compare questions of ../shared/eval/dev.jsonl, through ask().
// - Each step runs in its own child process (build; load only; engine + queries), so memory figures
//   are the step's own. Children get a large heap (--max-old-space-size) for ×100.
//
// Options: --scales 1,10,100 (default), --keep (leave the temp folder), --budget SECONDS (default
// 540: a scale whose estimated build would not fit is skipped and said so).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST, indexApi, memoryFigures, provenance, root, snapshotDist } from "./lib.js";

const T0 = performance.now();
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const log = (m) => process.stderr.write(`[${((performance.now() - T0) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);

const STEMS = [
  { prefix: "leshan", place: "乐山" },
  { prefix: "lvliang", place: "吕梁" },
  { prefix: "suining", place: "遂宁" },
  { prefix: "bishan", place: "璧山" },
  { prefix: "jiangmen", place: "江门" },
];
const GAN = "甲乙丙丁戊己庚辛壬癸";
const ZHI = "子丑寅卯辰巳午未申酉";
const suffixOf = (k) => GAN[k % 10] + ZHI[Math.floor(k / 10) % 10]; // k = 1…99 → distinct two-ideograph tags

const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// ---------------------------------------------------------------- corpus generation

/** Perturbs every figure of a line by up to ±10 %: integers of 3+ digits and decimals, not years (1900–2099), section numbers, bookmark ids, dates' parts. */
export function perturb(line, seed) {
  let n = 0;
  const lead = /^[\s#]*(?:\[bookmark: [^\]]*\])*\s*/.exec(line)[0].length; // a number right at the start is a heading number
  return line.replace(/(?<![\w.])(\d{3,}(?:\.\d+)?|\d+\.\d+)(?![\w.])/g, (m, _g, offset) => {
    const rest = line.slice(offset + m.length);
    if (offset <= lead && /^\d{1,2}\.\d{1,2}$/.test(m) && /^\s*[\u4e00-\u9fffA-Za-z“"]/.test(rest)) return m; // "1.2 规模和结构", "2.4技能大赛": a heading number
    if (!m.includes(".") && Number(m) >= 1900 && Number(m) <= 2099) return m;
    const f = 1 + (((seed * 37 + n++ * 11) % 21) - 10) / 100;
    const dec = m.includes(".") ? m.split(".")[1].length : 0;
    const v = Number(m) * f;
    return dec ? v.toFixed(dec) : String(Math.max(1, Math.round(v)));
  });
}

/** Writes corpus/ ×scale into `dir`: the originals plus (scale − 1) renamed, perturbed copies of each. */
function generateCorpus(scale, dir) {
  mkdirSync(dir, { recursive: true });
  const src = join(root, "corpus");
  const manifest = JSON.parse(readFileSync(join(src, "manifest.json"), "utf8"));
  const out = { _about: `synthetic ×${scale} corpus for bench/synth.js` };
  const files = readdirSync(src).filter((f) => f.endsWith(".txt"));
  let bytes = 0;
  for (const f of files) {
    const text = readFileSync(join(src, f), "utf8");
    writeFileSync(join(dir, f), text);
    bytes += Buffer.byteLength(text);
    out[f] = manifest[f];
    const stem = STEMS.find((s) => f.startsWith(s.prefix));
    for (let k = 1; k < scale; k++) {
      const tag = suffixOf(k);
      const lines = text.split("\n").map((l, i) => perturb(l.split(stem.place).join(stem.place + tag), k * 1000 + i));
      const name = f.replace(/^([a-z]+)-/, `$1-x${String(k).padStart(2, "0")}-`);
      const body = lines.join("\n");
      writeFileSync(join(dir, name), body);
      bytes += Buffer.byteLength(body);
      const m = manifest[f] ?? {};
      out[name] = { english: m.english ? `${m.english} ${tag}` : undefined, province: m.province, kind: m.kind, aliases: [] };
    }
  }
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(out, null, 1));
  return { reports: files.length * scale, bytes };
}

const dirBytes = (d) => readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? dirBytes(join(d, e.name)) : statSync(join(d, e.name)).size), 0);

// ---------------------------------------------------------------- children

async function child(step, corpusDir, indexDir) {
  const store = await indexApi();
  const out = { step };
  if (step === "build") {
    let t = performance.now();
    let lastLog = 0;
    let tIndexing = null;
    const data = store.buildIndex(corpusDir, (m) => {
      if (m.startsWith("indexing")) tIndexing = performance.now();
      const now = performance.now();
      if (now - lastLog > 5000 || m.startsWith("indexing")) {
        process.stderr.write(`        ${m}\n`);
        lastLog = now;
      }
    });
    out.buildMs = performance.now() - t;
    out.passageIndexMs = tIndexing ? performance.now() - tIndexing : null;
    out.counts = data.meta.counts;
    t = performance.now();
    store.saveIndex(data, indexDir);
    out.saveMs = performance.now() - t;
  } else if (step === "load") {
    const t = performance.now();
    const data = store.loadIndex(indexDir);
    out.loadMs = performance.now() - t;
    out.passages = data.passages.length;
  } else if (step === "serve") {
    const { createEngine } = await import(join(DIST, "answer/engine.js"));
    const t = performance.now();
    const engine = await createEngine({ corpusDir, indexDir, rebuild: "never" });
    out.startMs = performance.now() - t;
    out.readyMs = performance.now(); // since process start
    const judged = readFileSync(join(root, "bench", "judged-queries.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
    const devPath = join(root, "..", "shared", "eval", "dev.jsonl");
    const seeds = { "000": "leshan-2024.txt", "001": "lvliang-2023.txt", "002": "suining-2024.txt", "003": "bishan-2024.txt", "004": "jiangmen-2024.txt" };
    const figures = existsSync(devPath)
      ? readFileSync(devPath, "utf8")
          .split("\n")
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l))
          .filter((d) => d.type === "fact" || d.type === "compare")
      : [];

    // Quality at scale: does search still find the original report's passage among look-alikes?
    let hit5 = 0;
    let hit5Any = 0;
    for (const q of judged) {
      const hits = engine.search(q.query, { limit: 5 });
      const rel = (h) => q.expect.some((e) => `${h.title}\n${h.text}`.includes(e));
      if (hits.some((h) => rel(h) && h.report === q.report)) hit5++;
      if (hits.some(rel)) hit5Any++;
    }
    out.hit5 = hit5;
    out.hit5Any = hit5Any;
    out.judged = judged.length;
    let rightReport = 0;
    const facts = figures.filter((d) => d.type === "fact");
    for (const d of facts) {
      const a = engine.ask(d.question);
      if (a.facts[0]?.report === seeds[d.seed.slice(0, 3)]) rightReport++;
    }
    out.factRightReport = rightReport;
    out.factQuestions = facts.length;

    const time = (fn, items) => {
      const times = [];
      const start = performance.now();
      let rounds = 0;
      for (;;) {
        for (const it of items) {
          const s = process.hrtime.bigint();
          fn(it);
          times.push(Number(process.hrtime.bigint() - s) / 1000);
        }
        rounds++;
        const elapsed = performance.now() - start;
        // ≥ 3 rounds and ≥ 3 s when it is fast; at ×100 one round can take a minute: stop after 30 s.
        if (elapsed > 30000 || (rounds >= 3 && elapsed >= 3000) || rounds >= 50) break;
      }
      return { p50: pct(times, 50), p99: pct(times, 99), rounds };
    };
    out.search = time((q) => engine.search(q.query, { limit: 5 }), judged);
    out.askPassage = time((q) => engine.ask(q.query), judged);
    out.askFigure = figures.length ? time((d) => engine.ask(d.question), figures) : null;
    out.figureQuestions = figures.length;
  }
  return { ...out, ...memoryFigures() };
}

function runChild(step, corpusDir, indexDir) {
  const heap = Math.max(4096, Math.floor((totalmem() / 1048576) * 0.6));
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heap}`, "--expose-gc", fileURLToPath(import.meta.url), "--child", step, corpusDir, indexDir], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) return { step, error: `exit ${r.status ?? r.signal}` };
  return JSON.parse(r.stdout);
}

// ---------------------------------------------------------------- parent

async function parent() {
  const scales = opt("scales", "1,10,100").split(",").map(Number);
  const budgetS = Number(opt("budget", "540"));
  const keep = args.includes("--keep");
  const base = mkdtempSync(join(tmpdir(), "zhibao-synth-"));
  process.env.ZHIBAO_BENCH_DIST = snapshotDist(base);
  const codeVersion = provenance();
  const rows = [];
  let perReportBuildS = null; // seconds of the whole pipeline per report, from the last scale measured
  try {
    for (const scale of scales) {
      const corpusDir = join(base, `corpus-x${scale}`);
      const indexDir = join(base, `index-x${scale}`);
      const elapsed = (performance.now() - T0) / 1000;
      if (perReportBuildS !== null) {
        const estimate = perReportBuildS * 5 * scale;
        if (elapsed + estimate > budgetS) {
          log(`×${scale}: skipped — estimated ${estimate.toFixed(0)} s for build + load + queries, ${elapsed.toFixed(0)} s of the ${budgetS} s budget already used`);
          rows.push({ scale, skipped: `estimated ${estimate.toFixed(0)} s, over the budget` });
          continue;
        }
      }
      const t = performance.now();
      const gen = scale === 1 ? { reports: 5, bytes: dirBytes(join(root, "corpus")) } : generateCorpus(scale, corpusDir);
      const cdir = scale === 1 ? join(root, "corpus") : corpusDir;
      log(`×${scale}: ${gen.reports} reports, ${(gen.bytes / 1048576).toFixed(1)} MB of text${scale === 1 ? " (corpus/)" : ` generated in ${((performance.now() - t) / 1000).toFixed(1)} s`}`);
      const tScale = performance.now();
      log(`×${scale}: building the index`);
      const build = runChild("build", cdir, indexDir);
      if (build.error) {
        rows.push({ scale, gen, skipped: `build failed (${build.error})` });
        continue;
      }
      log(`×${scale}: built in ${(build.buildMs / 1000).toFixed(1)} s (${build.counts.passages} passages, ${build.counts.facts} facts); loading`);
      const load = runChild("load", cdir, indexDir);
      log(`×${scale}: loaded in ${load.loadMs ? (load.loadMs / 1000).toFixed(1) : "?"} s; engine and queries`);
      const serve = runChild("serve", cdir, indexDir);
      if (serve.error) log(`×${scale}: serve failed (${serve.error})`);
      rows.push({ scale, gen, build, load, serve, indexBytes: dirBytes(indexDir) });
      perReportBuildS = (performance.now() - tScale) / 1000 / gen.reports;
      log(`×${scale}: done in ${((performance.now() - tScale) / 1000).toFixed(0)} s`);
      if (!keep && scale !== 1) rmSync(corpusDir, { recursive: true, force: true });
      if (!keep) rmSync(indexDir, { recursive: true, force: true });
    }
  } finally {
    if (!keep) rmSync(base, { recursive: true, force: true });
    else log(`kept ${base}`);
  }

  const f = (x, d = 0) => (x === null || x === undefined || Number.isNaN(x) ? "—" : Number(x).toFixed(d));
  const s = (us) => (us === null || us === undefined ? "—" : us >= 1000 ? `${(us / 1000).toFixed(us >= 100000 ? 0 : 1)} ms` : `${us.toFixed(0)} µs`);
  console.log(`# zhibao at scale — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 1073741824).toFixed(0)} GB`);
  console.log(`${codeVersion}.`);
  console.log(`Synthetic corpora: the 5 real reports plus renamed copies with figures perturbed ±10 %. One child process per step.`);
  console.log("");
  console.log(`| scale | reports | text MB | passages | facts | build s | passage index s | save s | index MB | load s | engine start s | build peak MB | engine RSS MB |`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
  for (const r of rows) {
    if (r.skipped) {
      console.log(`| ×${r.scale} | ${r.gen?.reports ?? 5 * r.scale} | — | — | — | skipped: ${r.skipped} | | | | | | | |`);
      continue;
    }
    const { build, load, serve } = r;
    console.log(
      `| ×${r.scale} | ${r.gen.reports} | ${f(r.gen.bytes / 1048576, 1)} | ${build.counts.passages} | ${build.counts.facts} | ${f(build.buildMs / 1000, 1)} | ${f(build.passageIndexMs / 1000, 1)} | ${f(build.saveMs / 1000, 1)} | ${f(r.indexBytes / 1048576, 1)} | ${f(load.loadMs / 1000, 2)} | ${f(serve.startMs / 1000, 2)} | ${f(build.peakMB)} | ${f(serve.rssMB)} |`,
    );
  }
  console.log("");
  console.log(`| scale | search p50 | search p99 | ask (passage q.) p50 | p99 | ask (figure q.) p50 | p99 | search hit@5 right report | hit@5 any copy | fact from right report |`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
  for (const r of rows) {
    if (r.skipped || !r.serve || r.serve.error) continue;
    const v = r.serve;
    console.log(
      `| ×${r.scale} | ${s(v.search.p50)} | ${s(v.search.p99)} | ${s(v.askPassage.p50)} | ${s(v.askPassage.p99)} | ${s(v.askFigure?.p50)} | ${s(v.askFigure?.p99)} | ${v.hit5} / ${v.judged} | ${v.hit5Any} / ${v.judged} | ${v.factRightReport} / ${v.factQuestions} |`,
    );
  }
  console.log("");
  console.log(
    `search: engine.search over the ${rows.find((r) => r.serve)?.serve.judged ?? "?"} judged queries; ask: engine.ask over the same queries and over the ${rows.find((r) => r.serve)?.serve.figureQuestions ?? "?"} fact/compare questions of dev.jsonl.`,
  );
  console.log(`build s: the whole buildIndex (ingest + nodejieba load + passage index); engine start: createEngine on the saved index (load + catalogue + resolver).`);
  console.log(`total wall time ${((performance.now() - T0) / 1000).toFixed(0)} s`);
}

if (args[0] === "--child") {
  const out = await child(args[1], args[2], args[3]);
  process.stdout.write(JSON.stringify(out));
} else {
  await parent();
}
