import { GRAM_PREFIX, weightedIndex, type PassageIndex, type TermWeights } from "../search/passageIndex.js";
import type { SegmentedPassage } from "../search/passages.js";
import { DEFAULT_RANKING, type RankingParams } from "../search/ranking.js";
import type { Passage } from "../types.js";
import type { SqlDb } from "./sqlDb.js";

/**
 * Passage postings as the database keeps them: raw counts per report, weighed at query time.
 *
 * The files store saves lunr's BM25 weights (passageIndex.ts), which depend on every report (the
 * passage count, average field lengths, each term's document frequency): adding one report would
 * change them all. The database keeps, per (term, report), each passage's term frequency by field,
 * and per report each passage's field lengths, and computes a queried term's weights from them and
 * the used reports' totals, with lunr's formula, operation order and rounding (Builder#createFieldVectors,
 * lunr.idf), and the bigram weights as packPassageIndex computes them. The scores are then the files
 * store's, to the last bit (tests/index/sqliteStore.test.ts checks it against lunr).
 *
 * Why not FTS5's own index: measured on 400k passages, a common term's occurrences read through
 * fts5vocab took 625 ms and a vocabulary lookup 0.18 ms, and its bm25() is not lunr's BM25F (another
 * IDF, no field lengths to JS), so the two stores would rank differently.
 */

/** The fields of a passage, in lunr's order (src/search/passages.ts buildPassageIndex), then its bigrams. */
const FIELDS = ["title", "section", "body"] as const;
const SLOTS = FIELDS.length + 1;
const GRAM_SLOT = FIELDS.length;

/** A report's postings: per passage its field lengths and bigram length, per term a blob of (passage, field, tf). */
export interface ReportPostings {
  /** Int32 × 4 per passage (title, section, body, bigrams), local passage order. */
  lengths: Buffer;
  terms: { term: string; pairs: number; docs: number; blob: Buffer }[];
}

/** Counts one report's terms: lunr's tokens (lower-cased, as lunr.tokenizer does) and the bigrams of title + text (as bigramPostings). */
export function reportPostings(tokens: SegmentedPassage[], passages: Passage[]): ReportPostings {
  const lengths = new Int32Array(passages.length * SLOTS);
  const byTerm = new Map<string, number[]>();
  const add = (term: string, doc: number, field: number, tf: number) => {
    const list = byTerm.get(term);
    if (list) list.push(doc, field, tf);
    else byTerm.set(term, [doc, field, tf]);
  };
  tokens.forEach((t, doc) => {
    FIELDS.forEach((field, f) => {
      const terms = t[field].map((x) => String(x).toLowerCase());
      lengths[doc * SLOTS + f] = terms.length;
      const tf = new Map<string, number>();
      for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
      for (const [term, n] of tf) add(term, doc, f, n);
    });
  });
  passages.forEach((p, doc) => {
    const text = `${p.title}\n${p.text}`;
    const tf = new Map<string, number>();
    let length = 0;
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text.charCodeAt(i);
      const b = text.charCodeAt(i + 1);
      if (a < 0x4e00 || a > 0x9fff || b < 0x4e00 || b > 0x9fff) continue;
      const g = text.slice(i, i + 2);
      tf.set(g, (tf.get(g) ?? 0) + 1);
      length++;
    }
    lengths[doc * SLOTS + GRAM_SLOT] = length;
    for (const [g, n] of tf) add(GRAM_PREFIX + g, doc, 0, n);
  });
  const terms = [...byTerm].map(([term, list]) => {
    const docs = new Set<number>();
    for (let i = 0; i < list.length; i += 3) docs.add(list[i]!);
    return { term, pairs: list.length / 3, docs: docs.size, blob: Buffer.from(Int32Array.from(list).buffer) };
  });
  return { lengths: Buffer.from(lengths.buffer), terms };
}

const int32s = (b: Buffer): Int32Array => new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** Terms whose computed weights are kept (a query reads a few; the common ones recur). */
const WEIGHT_CACHE = 4096;

/**
 * The passage index over the used reports' postings in the database. Opening reads each used
 * report's passage ids and lengths (a few bytes per passage); a term's postings are read on its
 * first query and kept, weighed.
 */
export function databasePassageIndex(db: SqlDb, used: readonly string[], params: Pick<RankingParams, "fieldBoosts" | "bigram"> = DEFAULT_RANKING): PassageIndex {
  const usedSet = new Set(used);
  const rows = db.all("SELECT file, base, lengths, ids FROM reports WHERE used = 1 ORDER BY base") as [string, number, Buffer, string][];
  const base = new Map<string, number>();
  let end = 0;
  for (const [file, b, lengths] of rows) {
    base.set(file, b);
    end = Math.max(end, b + lengths.byteLength / 4 / SLOTS);
  }
  // Global passage numbers are the database's (a report's passages are base … base + n - 1); gaps
  // left by replaced reports have no id and weigh nothing.
  const refs: string[] = new Array<string>(end).fill("");
  // Each used report's passage ids, from its own row (one read per report, not one per passage).
  for (const [, b, , ids] of rows) (JSON.parse(ids) as string[]).forEach((id, i) => (refs[b + i] = id));
  const lengths = new Int32Array(end * SLOTS);
  const sums = new Float64Array(SLOTS);
  let passages = 0;
  for (const [, b, blob] of rows) {
    const own = int32s(blob);
    lengths.set(own, b * SLOTS);
    passages += own.length / SLOTS;
    for (let i = 0; i < own.length; i++) sums[i % SLOTS] += own[i]!;
  }
  const N = passages;
  const { k1, b } = { k1: 1.2, b: 0.75 }; // lunr.Builder's defaults, which buildPassageIndex keeps
  const boosts = FIELDS.map((f) => params.fieldBoosts[f] || 1); // lunr: `this._fields[fieldName].boost || 1`
  const averages = FIELDS.map((_, f) => sums[f]! / N);
  const gramAverage = sums[GRAM_SLOT]! / N || 1;
  const bigram = params.bigram;

  const cache = new Map<string, TermWeights | null>();
  const weigh = (term: string): TermWeights | null => {
    // Each used report's triples, in passage order (reports hold disjoint ranges: sorted by base).
    const parts = (db.all("SELECT report, blob FROM postings WHERE term = ?", [term]) as [string, Buffer][])
      .filter(([report]) => usedSet.has(report))
      .map(([report, blob]) => ({ at: base.get(report)!, triples: int32s(blob) }))
      .sort((x, y) => x.at - y.at);
    const count = parts.reduce((n, p) => n + p.triples.length / 3, 0);
    if (!count) return null;
    const docs = new Int32Array(count);
    const weights = new Float64Array(count);
    const gram = term.startsWith(GRAM_PREFIX);
    // lunr.idf over (passage, field) pairs; for a bigram (one field) that is its passages.
    const idf = Math.log(1 + Math.abs((N - count + 0.5) / (count + 0.5)));
    let k = 0;
    for (const { at, triples } of parts) {
      for (let i = 0; i < triples.length; i += 3, k++) {
        const doc = at + triples[i]!;
        const field = triples[i + 1]!;
        const tf = triples[i + 2]!;
        docs[k] = doc;
        if (gram) {
          // As bigramPostings computes it.
          const norm = bigram.k1 * (1 - bigram.b + (bigram.b * lengths[doc * SLOTS + GRAM_SLOT]!) / gramAverage);
          weights[k] = Math.round(((idf * (bigram.k1 + 1) * tf) / (norm + tf)) * 1000) / 1000;
        } else {
          // As lunr.Builder#createFieldVectors computes it (the document boost is 1).
          const fieldLength = lengths[doc * SLOTS + field]!;
          let score = (idf * ((k1 + 1) * tf)) / (k1 * (1 - b + b * (fieldLength / averages[field]!)) + tf);
          score *= boosts[field]!;
          weights[k] = Math.round(score * 1000) / 1000;
        }
      }
    }
    return { docs, weights };
  };
  return weightedIndex(refs, (term) => {
    if (cache.has(term)) return cache.get(term)!;
    const w = weigh(term);
    if (cache.size >= WEIGHT_CACHE) cache.delete(cache.keys().next().value!);
    cache.set(term, w);
    return w;
  });
}
