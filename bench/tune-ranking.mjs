#!/usr/bin/env node
// `node bench/tune-ranking.mjs [--queries FILE] [--set knob=v1,v2 …]` (after `npm run build`): hit@1 / hit@5
// of engine.search on the FITTING queries (bench/judged-queries.jsonl) for each value of one ranking knob at a
// time (RankingParams, src/search/ranking.ts), the others at their defaults. Query-time knobs only (field
// boosts and bigram BM25 need a rebuild). Never run on bench/heldout-queries.jsonl to choose a value.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./lib.js";

const args = process.argv.slice(2);
const qi = args.indexOf("--queries");
const file = qi >= 0 ? args[qi + 1] : join(root, "bench", "judged-queries.jsonl");
const sweeps = [];
for (let i = 0; i < args.length; i++) if (args[i] === "--set") sweeps.push(args[++i]);
const dist = join(root, "dist");
const { loadIndex } = await import(join(dist, "index/store.js"));
const { prepare } = await import(join(dist, "answer/state.js"));
const { searchPassages } = await import(join(dist, "answer/plan.js"));
const { createPassageSearch, passagesInMemory } = await import(join(dist, "search/passages.js"));
const { rankingParams } = await import(join(dist, "search/ranking.js"));
const data = loadIndex(join(root, "index"));
const base = prepare(data);
const queries = readFileSync(file, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));

function score(overrides) {
  const state = Object.create(base);
  const search = createPassageSearch(data.passageIndex, passagesInMemory(data.passages), data.vocab, rankingParams(overrides));
  Object.defineProperty(state, "search", { value: search });
  let h1 = 0,
    h5 = 0;
  for (const q of queries) {
    const rank = searchPassages(state, q.query, { limit: 5 }).findIndex((p) => q.expect.some((e) => `${p.title}\n${p.text}`.includes(e)));
    if (rank === 0) h1++;
    if (rank >= 0) h5++;
  }
  return `${h1}/${h5}`;
}

console.log(`${file.replace(`${root}/`, "")}: defaults ${score({})} (hit@1/hit@5 of ${queries.length})`);
for (const sweep of sweeps) {
  const [knob, values] = sweep.split("=");
  const [outer, inner] = knob.split(".");
  const row = values.split(",").map((v) => {
    const val = Number(v);
    const o = inner ? { [outer]: { [inner]: val } } : { [outer]: val };
    return `${v}: ${score(o)}`;
  });
  console.log(`${knob}  ${row.join("  ")}`);
}
