#!/usr/bin/env node
// `node bench/peers.js` (after `npx tsc -p tsconfig.json`): zhibao's passage search against peer
// search libraries, over the very same passages and the same judged queries, on this machine.
//
// - Passages: the `passages` of zhibao's own built index (buildIndex over corpus/, saved to a temp
//   folder once); every engine indexes exactly those (title + text).
// - Queries: two judged sets ({ id, query, report, expect }), printed side by side: the fitting set
//   bench/judged-queries.jsonl (the project's own; ranking knobs are fitted on it, bench/tune-ranking.mjs)
//   and the held-out set bench/heldout-queries.jsonl (written before any tuning, never fitted on). A
//   returned passage is relevant when its title + text contains one of `expect`. Latency is over both.
// - Engines:
//     zhibao              createEngine(...).search(q, { limit: 5 }): its own query understanding,
//                         which restricts the search to the report a query names.
//     zhibao ranker       the same lunr index and ranking (createPassageSearch), no report filter:
//                         the like-for-like row against the peers.
//     lunr + jieba        plain lunr: default pipeline removed, fields title (boost 2) and text, each
//                         nodejieba.cutForSearch-segmented and joined by spaces, query segmented the
//                         same way, every token an OPTIONAL term.
//     MiniSearch + jieba  tokenize = cutForSearch, fields title/text, title boost 2, default OR.
//     FlexSearch CJK      Index({ encoder: Charset.CJK, tokenize: "strict", context: true }), search
//                         with suggest: true (the CJK preset splits into single characters, so
//                         "forward" equals "strict" here; the docs support a context index only
//                         with "strict").
//     substring scan      no index: score = how many query chunks (space-separated pieces; CJK runs
//                         as bigrams, Latin/digit runs as words) occur in the passage.
//   Peers search all passages (they have no report filter). A second table runs every ranker
//   (zhibao's included) through one identical, simple place filter (place names from the index's
//   report metadata found in the query) so ranking quality can be compared like for like.
// - Each engine is measured in its own child process (one engine's memory never pollutes
//   another's), runs × engines, interleaved; figures are medians over the runs.
//
// Options: --runs N (default 5), --only a,b (engine keys), --json FILE (raw per-run results),
//          --queries FILE[,FILE…] (default: the fitting and the held-out set).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST, indexApi, memoryFigures, provenance, root, snapshotDist } from "./lib.js";

const T0 = performance.now();
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};

const ENGINES = [
  { key: "zhibao", label: "zhibao (engine.search)" },
  { key: "zhibao-ranker", label: "zhibao ranker, no report filter" },
  { key: "lunr", label: "lunr + nodejieba" },
  { key: "minisearch", label: "MiniSearch + nodejieba" },
  { key: "flexsearch", label: "FlexSearch CJK" },
  { key: "substring", label: "substring scan" },
  { key: "baseline", label: "(node + passages only)" },
];
const DEPTH = 50; // results fetched before the place filter of the like-for-like table

// ---------------------------------------------------------------- shared helpers

export function loadQueries(path) {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

const relevant = (q, title, text) => q.expect.some((e) => `${title}\n${text}`.includes(e));

const pct = (xs, p) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs) => pct(xs, 50);

/** Place names → report, from the index's report metadata: entity, entity without 市/区/县, English name, aliases, and a school's city prefix. */
function placeNames(reports) {
  const names = [];
  for (const r of reports) {
    const add = (n) => n && n.length >= 2 && names.push([n.toLowerCase(), r.report]);
    add(r.entity);
    add(r.entity.replace(/[市区县]$/, ""));
    if (r.kind === "school") add(r.entity.slice(0, 2));
    if (r.english) {
      add(r.english);
      add(r.english.split(/\s+/)[0]);
      add(r.english.normalize("NFD").replace(/[\u0300-\u036f]/g, "")); // Lüliang → Luliang
      add(r.english.replace(/ü/g, "v")); // Lvliang
    }
    for (const a of r.aliases ?? []) add(a);
  }
  return names.sort((a, b) => b[0].length - a[0].length);
}

/** The report a query names (first found, longest name first), or null. */
function placeOf(query, names) {
  const q = query.toLowerCase();
  for (const [n, report] of names) if (q.includes(n)) return report;
  return null;
}

// ---------------------------------------------------------------- child: one engine, one run

/** The query sets named by --queries (comma-separated paths), each with a short label. */
function querySets(arg) {
  return arg.split(",").map((path) => {
    const name = path
      .split("/")
      .pop()
      .replace(/\.jsonl$/, "");
    const label = name === "judged-queries" ? "fitting" : name === "heldout-queries" ? "held out" : name;
    return { path, label, queries: loadQueries(path) };
  });
}

async function child(engineKey, indexDir, queriesArg) {
  const out = { engine: engineKey };
  const sets = querySets(queriesArg);
  const queries = sets.flatMap((s) => s.queries);
  const ready = engineKey !== "prepare" && engineKey !== "zhibao-build";
  const saved = ready ? (await indexApi()).loadIndex(indexDir) : null;
  const passages = saved ? saved.passages : [];
  const reports = saved ? saved.reports : [];
  const names = placeNames(reports);
  out.passages = passages.length;

  let jieba = null;
  const useJieba = engineKey === "lunr" || engineKey === "minisearch";
  if (useJieba) {
    const t = performance.now();
    jieba = require("nodejieba");
    jieba.load();
    jieba.cutForSearch("预热", true);
    out.jiebaMs = performance.now() - t;
  }
  const segment = (s) => {
    const toks = [];
    for (const raw of jieba.cutForSearch(s, true)) {
      const t = raw.trim().toLowerCase();
      if (t && /[\p{L}\p{N}]/u.test(t) && !t.includes("*")) toks.push(t);
    }
    return toks;
  };

  // search(query, k) → [{ report, line, title, text }], best first
  let search;
  let buildMs = 0;

  if (engineKey === "zhibao") {
    const { createEngine } = await import(join(DIST, "answer/engine.js"));
    const t = performance.now();
    const engine = await createEngine({ corpusDir: join(root, "corpus"), indexDir, rebuild: "never" });
    out.loadMs = performance.now() - t;
    buildMs = null; // built by buildIndex: measured in the zhibao-build child
    search = (q, k) => engine.search(q, { limit: k });
  } else if (engineKey === "zhibao-ranker") {
    const { loadIndex } = await indexApi();
    const { createPassageSearch, passagesInMemory } = await import(join(DIST, "search/passages.js"));
    const t = performance.now();
    const data = loadIndex(indexDir);
    const ps = createPassageSearch(data.passageIndex, passagesInMemory(data.passages), data.vocab);
    out.loadMs = performance.now() - t;
    buildMs = null; // same index as zhibao
    search = (q, k) => ps.search(q, { limit: k });
  } else if (engineKey === "prepare") {
    const { buildIndex, saveIndex } = await indexApi();
    const data = buildIndex(join(root, "corpus"));
    saveIndex(data, indexDir);
    return { passages: data.passages.map((p) => ({ kind: p.kind })), reports: data.reports };
  } else if (engineKey === "zhibao-build") {
    // Build only: the whole buildIndex, and its passage-index part (dictionary, segmentation, lunr).
    const { buildIndex } = await indexApi();
    let tIndexing = null;
    const t = performance.now();
    const data = buildIndex(join(root, "corpus"), (m) => {
      if (m.startsWith("indexing")) tIndexing = performance.now();
    });
    const end = performance.now();
    out.fullBuildMs = end - t;
    out.buildMs = tIndexing === null ? null : end - tIndexing;
    out.builtPassages = data.passages.length;
    return out;
  } else if (engineKey === "lunr") {
    const lunr = require("lunr");
    const t = performance.now();
    const idx = lunr(function () {
      this.ref("i");
      this.field("title", { boost: 2 });
      this.field("text");
      this.pipeline.reset();
      this.searchPipeline.reset();
      this.metadataWhitelist = [];
      passages.forEach((p, i) => this.add({ i: String(i), title: segment(p.title).join(" "), text: segment(p.text).join(" ") }));
    });
    buildMs = performance.now() - t;
    search = (q, k) => {
      const toks = [...new Set(segment(q))];
      if (!toks.length) return [];
      return idx
        .query((qq) => {
          for (const tok of toks) qq.term(tok, { presence: lunr.Query.presence.OPTIONAL, usePipeline: false });
        })
        .slice(0, k)
        .map((r) => passages[Number(r.ref)]);
    };
  } else if (engineKey === "minisearch") {
    const { default: MiniSearch } = await import("minisearch");
    const t = performance.now();
    const ms = new MiniSearch({ idField: "i", fields: ["title", "text"], tokenize: segment, searchOptions: { boost: { title: 2 } } });
    ms.addAll(passages.map((p, i) => ({ i, title: p.title, text: p.text })));
    buildMs = performance.now() - t;
    search = (q, k) =>
      ms
        .search(q)
        .slice(0, k)
        .map((r) => passages[r.id]);
  } else if (engineKey === "flexsearch") {
    const { Index, Charset } = await import("flexsearch");
    const t = performance.now();
    const idx = new Index({ encoder: Charset.CJK, tokenize: "strict", context: true });
    passages.forEach((p, i) => idx.add(i, `${p.title}\n${p.text}`));
    buildMs = performance.now() - t;
    search = (q, k) => idx.search(q, { limit: k, suggest: true }).map((i) => passages[i]);
  } else if (engineKey === "substring") {
    const t = performance.now();
    const hay = passages.map((p) => `${p.title}\n${p.text}`.toLowerCase());
    buildMs = performance.now() - t;
    const chunksOf = (q) => {
      const chunks = new Set();
      for (const piece of q.toLowerCase().split(/\s+/)) {
        for (const m of piece.matchAll(/[\u4e00-\u9fff]+|[a-z0-9]+/g)) {
          const run = m[0];
          if (!/[\u4e00-\u9fff]/.test(run)) chunks.add(run);
          else if (run.length === 1) chunks.add(run);
          else for (let i = 0; i + 2 <= run.length; i++) chunks.add(run.slice(i, i + 2));
        }
      }
      return [...chunks];
    };
    search = (q, k) => {
      const chunks = chunksOf(q);
      const scored = [];
      for (let i = 0; i < hay.length; i++) {
        let s = 0;
        for (const c of chunks) if (hay[i].includes(c)) s++;
        if (s > 0) scored.push([s, i]);
      }
      scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      return scored.slice(0, k).map(([, i]) => passages[i]);
    };
  } else if (engineKey === "baseline") {
    search = () => [];
  } else {
    throw new Error(`unknown engine ${engineKey}`);
  }
  out.buildMs = buildMs;
  out.readyMs = performance.now(); // since process start: imports, passages, dictionary, build/load

  // Quality: top 5 as the engine answers, and top DEPTH through the shared place filter.
  const brief = (p) => p && { report: p.report, line: p.line, kind: p.kind, title: p.title.slice(0, 40) };
  const judge = (q) => {
    const top = search(q.query, 5);
    const rank = top.findIndex((p) => relevant(q, p.title, p.text));
    const place = placeOf(q.query, names);
    let filteredRank = null;
    let filteredTop = null;
    if (engineKey !== "zhibao" && engineKey !== "baseline") {
      const deep = search(q.query, DEPTH)
        .filter((p) => !place || p.report === place)
        .slice(0, 5);
      filteredRank = deep.findIndex((p) => relevant(q, p.title, p.text));
      filteredTop = brief(deep[0]);
    }
    return { id: q.id, rank, top: top.map(brief), place, filteredRank, filteredTop };
  };
  out.sets = sets.map((set) => set.queries.map(judge));

  // Latency: warm up, then repeat the whole query set until it is stable (≥ 2 s and ≥ 20 rounds).
  if (engineKey !== "baseline") {
    for (let r = 0; r < 3; r++) for (const q of queries) search(q.query, 5);
    const times = [];
    const start = performance.now();
    let rounds = 0;
    while ((rounds < 20 || performance.now() - start < 2000) && rounds < 1000) {
      for (const q of queries) {
        const s = process.hrtime.bigint();
        search(q.query, 5);
        times.push(Number(process.hrtime.bigint() - s) / 1000);
      }
      rounds++;
    }
    out.rounds = rounds;
    out.p50 = pct(times, 50);
    out.p99 = pct(times, 99);
    out.mean = times.reduce((a, b) => a + b, 0) / times.length;
  }

  return { ...out, ...memoryFigures() };
}

// ---------------------------------------------------------------- parent: orchestrate and report

function runChild(engine, indexDir, queriesPath) {
  // queriesPath: comma-separated query files (see querySets).
  const r = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--child", engine, "--index", indexDir, "--queries", queriesPath], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`child ${engine} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const fmt = (x, d = 0) => (x === null || x === undefined || Number.isNaN(x) ? "—" : x.toFixed(d));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : "—");

async function parent() {
  const runs = Number(opt("runs", "5"));
  const only = opt("only", null)?.split(",");
  const queriesPath = opt("queries", ["judged-queries.jsonl", "heldout-queries.jsonl"].map((f) => join(root, "bench", f)).join(","));
  const jsonOut = opt("json", null);
  const sets = querySets(queriesPath);
  const engines = ENGINES.filter((e) => !only || only.includes(e.key));
  const withBuild = !only || only.includes("zhibao");

  const work = mkdtempSync(join(tmpdir(), "zhibao-peers-"));
  const tmp = join(work, "index");
  process.env.ZHIBAO_BENCH_DIST = snapshotDist(work);
  const codeVersion = provenance();
  try {
    // Built in a child too: the parent stays small, and Linux carries a parent's peak RSS into its
    // children's (ru_maxrss survives fork and exec), which would flatten every engine's peak.
    process.stderr.write("building zhibao's index (the passages every engine indexes)…\n");
    const data = runChild("prepare", tmp, queriesPath);
    const results = Object.fromEntries(engines.map((e) => [e.key, []]));
    const builds = [];
    for (let run = 1; run <= runs; run++) {
      if (withBuild) {
        process.stderr.write(`run ${run}/${runs}: zhibao-build\n`);
        builds.push(runChild("zhibao-build", tmp, queriesPath));
      }
      for (const e of engines) {
        process.stderr.write(`run ${run}/${runs}: ${e.key}\n`);
        results[e.key].push(runChild(e.key, tmp, queriesPath));
      }
    }
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ results, builds }, null, 1));

    const row = {};
    for (const e of engines) {
      const rs = results[e.key];
      const first = rs[0];
      const sig = (r) =>
        r.sets
          .flat()
          .map((q) => `${q.rank}/${q.filteredRank}`)
          .join(",");
      const stableQuality = rs.every((r) => sig(r) === sig(first));
      const build = e.key === "zhibao" && builds.length ? median(builds.map((b) => b.buildMs)) : rs[0].buildMs === null ? null : median(rs.map((r) => r.buildMs));
      row[e.key] = {
        label: e.label,
        build,
        ready: median(rs.map((r) => r.readyMs)),
        load: rs[0].loadMs !== undefined ? median(rs.map((r) => r.loadMs)) : null,
        jieba: rs[0].jiebaMs !== undefined ? median(rs.map((r) => r.jiebaMs)) : null,
        p50: e.key === "baseline" ? null : median(rs.map((r) => r.p50)),
        p99: e.key === "baseline" ? null : median(rs.map((r) => r.p99)),
        rss: median(rs.map((r) => r.rssMB)),
        peak: median(rs.map((r) => r.peakMB)),
        sets: first.sets.map((perQuery) => ({
          hit1: perQuery.filter((q) => q.rank === 0).length,
          hit5: perQuery.filter((q) => q.rank >= 0).length,
          fhit1: perQuery.filter((q) => q.filteredRank === 0).length,
          fhit5: perQuery.filter((q) => q.filteredRank !== null && q.filteredRank >= 0).length,
          perQuery,
        })),
        stableQuality,
        rounds: median(rs.map((r) => r.rounds ?? 0)),
      };
    }

    const cpu = cpus()[0]?.model ?? "?";
    console.log(`# zhibao vs peer passage search — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length}× ${cpu}`);
    console.log(
      `${data.passages.length} passages (zhibao's index: ${data.passages.filter((p) => p.kind === "case").length} cases, ${data.passages.filter((p) => p.kind === "paragraph").length} paragraphs) from ${data.reports.length} reports; judged queries: ${sets.map((st) => `${st.label} ${st.queries.length} (${queryFile(st.path)})`).join(", ")}; medians of ${runs} runs, each engine in its own process.`,
    );
    console.log(`${codeVersion}.`);
    console.log(`zhibao filters by the report a query names (its own query understanding); the peers search all passages, they have no report filter.`);
    console.log("");
    const setHeads = sets.map((st) => `${st.label} hit@1 / ${st.queries.length} | ${st.label} hit@5 / ${st.queries.length}`).join(" | ");
    const setRule = sets.map(() => "---:|---:").join("|");
    const dashes = sets.map(() => "— | —").join(" | ");
    console.log(`| engine | build ms | p50 µs | p99 µs | ${setHeads} | RSS MB |`);
    console.log(`|---|---:|---:|---:|${setRule}|---:|`);
    for (const e of engines) {
      const r = row[e.key];
      if (e.key === "baseline") continue;
      console.log(`| ${r.label} | ${fmt(r.build, 1)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.sets.map((x) => `${x.hit1} | ${x.hit5}`).join(" | ")} | ${fmt(r.rss)} |`);
    }
    if (row.baseline) console.log(`| ${row.baseline.label} | — | — | — | ${dashes} | ${fmt(row.baseline.rss)} |`);
    console.log("p50 / p99: over the queries of every set.");
    console.log("");
    console.log("build ms: building the search index from the passages (segmentation included; for the peers, nodejieba's full dictionary load excluded);");
    console.log("  for zhibao, the passage-index part of buildIndex: its dictionary cut to the corpus's words and loaded, segmentation, and the lunr");
    console.log("  index. RSS: after building and all queries, after gc.");
    console.log("");
    console.log(`| engine | ready ms (process start → first query) | index load ms | nodejieba load ms | peak RSS MB | latency rounds |`);
    console.log(`|---|---:|---:|---:|---:|---:|`);
    for (const e of engines) {
      const r = row[e.key];
      console.log(`| ${r.label} | ${fmt(r.ready)} | ${fmt(r.load)} | ${fmt(r.jieba)} | ${fmt(r.peak)} | ${r.rounds || "—"} |`);
    }
    if (builds.length) {
      console.log(`zhibao's whole buildIndex (ingest 5 reports + passage index): ${fmt(median(builds.map((b) => b.fullBuildMs)))} ms (median of ${builds.length}).`);
    }
    console.log("");

    if (row.zhibao) {
      const z = row.zhibao;
      console.log(`## zhibao vs each peer (ratio = zhibao / peer; < 1 means zhibao is faster / smaller)`);
      console.log("");
      console.log(`| vs | build | p50 | p99 | RSS | ${sets.map((st) => `${st.label} hit@1 Δ | ${st.label} hit@5 Δ`).join(" | ")} |`);
      console.log(`|---|---:|---:|---:|---:|${setRule}|`);
      for (const e of engines) {
        if (e.key === "zhibao" || e.key === "baseline") continue;
        const p = row[e.key];
        const d = (a, b) => (a - b >= 0 ? `+${a - b}` : `${a - b}`);
        const deltas = sets.map((_, k) => `${d(z.sets[k].hit1, p.sets[k].hit1)} | ${d(z.sets[k].hit5, p.sets[k].hit5)}`).join(" | ");
        console.log(`| ${p.label} | ${ratio(z.build, p.build)} | ${ratio(z.p50, p.p50)} | ${ratio(z.p99, p.p99)} | ${ratio(z.rss, p.rss)} | ${deltas} |`);
      }
      console.log("");
    }

    const rankers = engines.filter((e) => !["zhibao", "baseline"].includes(e.key));
    if (rankers.length) {
      console.log(`## Like for like: every ranker through the same simple place filter (top ${DEPTH}, kept if in the report the query names)`);
      console.log("");
      console.log(`| ranker | ${setHeads} |`);
      console.log(`|---|${setRule}|`);
      if (row.zhibao) console.log(`| zhibao engine.search (its own filter, for reference) | ${row.zhibao.sets.map((x) => `${x.hit1} | ${x.hit5}`).join(" | ")} |`);
      for (const e of rankers) console.log(`| ${row[e.key].label} | ${row[e.key].sets.map((x) => `${x.fhit1} | ${x.fhit5}`).join(" | ")} |`);
      console.log("");
    }

    // Per-query: where zhibao misses, and where a peer does better.
    if (row.zhibao) {
      const show = (t) => (t ? `${t.report.replace(/-\d+\.txt$/, "")}:${t.line} ${t.kind[0]} “${t.title}”` : "(nothing)");
      const peers = engines.filter((e) => !["zhibao", "zhibao-ranker", "baseline"].includes(e.key));
      sets.forEach((set, k) => {
        console.log(`## ${set.label}: queries zhibao does not answer at rank 1 (rank of the first relevant hit in zhibao's top 5; peers' rank 1)`);
        console.log("");
        let any = false;
        set.queries.forEach((q, i) => {
          const z = row.zhibao.sets[k].perQuery[i];
          const peersBetter = peers.filter((e) => {
            const p = row[e.key].sets[k].perQuery[i];
            return p.rank >= 0 && (z.rank < 0 || p.rank < z.rank);
          });
          if (z.rank === 0 && !peersBetter.length) return;
          any = true;
          console.log(`- ${q.id} \`${q.query}\` → want ${q.report} ${JSON.stringify(q.expect[0])}: zhibao ${z.rank < 0 ? "miss (not in top 5)" : `rank ${z.rank + 1}`}, its #1: ${show(z.top[0])}`);
          for (const e of peers) {
            const p = row[e.key].sets[k].perQuery[i];
            console.log(
              `    ${e.label}: ${p.rank < 0 ? "miss" : `rank ${p.rank + 1}`}; #1 ${show(p.top[0])}${p.filteredRank !== null ? `; with place filter: ${p.filteredRank < 0 ? "miss" : `rank ${p.filteredRank + 1}`}` : ""}`,
            );
          }
        });
        if (!any) console.log("(none)");
        console.log("");
        console.log(`## ${set.label}: queries a peer misses that zhibao answers at rank 1`);
        for (const e of peers) {
          const lost = set.queries.filter((_q, i) => row.zhibao.sets[k].perQuery[i].rank === 0 && row[e.key].sets[k].perQuery[i].rank !== 0);
          console.log(`- ${row[e.key].label}: ${lost.length} — ${lost.map((q) => q.id).join(", ")}`);
        }
        console.log("");
      });
    }
    const unstable = engines.filter((e) => !row[e.key].stableQuality);
    if (unstable.length) console.log(`note: results differed between runs for ${unstable.map((e) => e.key).join(", ")} (hit@ from run 1)`);
    process.stderr.write(`done in ${((performance.now() - T0) / 1000).toFixed(0)} s\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function queryFile(path) {
  return path.startsWith(root) ? path.slice(root.length + 1) : path;
}

if (args[0] === "--child") {
  const out = await child(args[1], opt("index"), opt("queries"));
  process.stdout.write(JSON.stringify(out));
} else {
  await parent();
}
