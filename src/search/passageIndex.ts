/**
 * Passage indexes as zhibao saves and queries them: lunr's BM25 weights, regrouped by term.
 *
 * lunr builds the index (src/search/passages.ts). It scores a passage, field by field, as the dot
 * product of the query vector (each query term's boost) and the field's vector (each term's BM25
 * weight × the field's boost), divided by the query vector's length, and adds the fields up. So a
 * term's (passage, weight) pairs, taken from lunr's field vectors, are all a query of exact terms
 * needs: one pass over them gives lunr's scores (tests/search/passageIndex.test.ts), with no
 * wildcard automaton to build or intersect and no match objects per passage.
 *
 * Saved as one binary file (packPassageIndex / encodePassageIndex): a small JSON header
 * (passage ids, terms) and three Int32 arrays (where each term's pairs start, passages, weights in
 * thousandths, lunr's own precision). Opening one is a few views on a buffer, where lunr's JSON (its
 * inverted index repeats every posting as nested objects) took seconds to parse at ×100 the corpus.
 */

/** A query term and its boost (lunr's `q.term(term, { boost })`). */
export interface WeightedTerm {
  term: string;
  boost: number;
}

/** One matching passage: its id (and number, see PassageIndex.refs), lunr's score, and which query terms it holds. */
export interface ScoredPassage {
  ref: string;
  doc: number;
  score: number;
  terms: string[];
}

/** What search needs of one passage index. */
export interface PassageIndex {
  /**
   * Every passage holding at least one of the terms, best first; terms the index lacks are ignored.
   * `weight` multiplies a passage's score (0 leaves it out; passages by number, see `refs`), or
   * `weights`, the same as an array by passage number (a passage weighed 0 is not even scored);
   * `limit` keeps the best that many, and any tied with the last of them.
   */
  query(terms: WeightedTerm[], opts?: { limit?: number; weight?: (passage: number) => number; weights?: Float64Array }): ScoredPassage[];
  /** The passage ids, by the numbers `weight` is given. */
  readonly refs: readonly string[];
  /** How many (passage, field) pairs hold the term: its document frequency for a bigram term (one field). */
  postings(term: string): number;
}

/** The parts of lunr's serialized index (`Index.toJSON()`) that packing reads. */
export interface SavedLunrIndex {
  fieldVectors: [string, number[]][];
  invertedIndex: [string, { _index: number }][];
}

/** A passage index as saved: terms' (passage, weight) pairs grouped by term. */
export interface PackedPassageIndex {
  /** Passage ids by number. */
  refs: string[];
  /** Terms by number. */
  terms: string[];
  /** Term t's pairs are at start[t] … start[t + 1] - 1 of `docs` and `weights`. */
  start: Int32Array;
  docs: Int32Array;
  /** lunr's weights, which it rounds to thousandths, × 1000. */
  weights: Int32Array;
}

/** Bigram terms are saved beside the words with this prefix, which no word has. */
export const GRAM_PREFIX = "\u0001";

/** The character bigrams of a text's runs of ideographs, repeats kept (they are term frequency). */
export function bigramsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\u4e00-\u9fff]{2,}/g)) for (let i = 0; i + 2 <= m[0].length; i++) out.push(m[0].slice(i, i + 2));
  return out;
}

/** A passage's text for its bigram postings, by its id. */
export interface GramSource {
  ref: string;
  text: string;
}

/**
 * Regroups a lunr index's field vectors by term. Deterministic: lunr's term and passage order.
 * With `grams`, every ideograph bigram of those texts is added as a term (GRAM_PREFIX + bigram), weighted
 * with lunr's own BM25 (idf, k1, b), for queries whose words the index does not know.
 */
export function packPassageIndex(saved: SavedLunrIndex, grams: GramSource[] = [], bm25 = { k1: 1.2, b: 0.75 }): PackedPassageIndex {
  const terms: string[] = [];
  for (const [term, posting] of saved.invertedIndex) terms[posting._index] = term;
  const wordTerms = terms.length;
  // Field refs are "field/docRef"; one passage has up to three (title, section, body).
  const docNumber = new Map<string, number>();
  const refs: string[] = [];
  const numberOf = (ref: string): number => {
    let n = docNumber.get(ref);
    if (n === undefined) {
      n = refs.push(ref) - 1;
      docNumber.set(ref, n);
    }
    return n;
  };
  const postings: number[][] = Array.from({ length: wordTerms }, () => []);
  for (const [fieldRef, elements] of saved.fieldVectors) {
    const n = numberOf(fieldRef.slice(fieldRef.indexOf("/") + 1));
    for (let i = 0; i < elements.length; i += 2) {
      const thousandths = Math.round(elements[i + 1] * 1000);
      if (Math.abs(thousandths - elements[i + 1] * 1000) > 1e-6) throw new Error(`lunr weight ${elements[i + 1]} is not in thousandths`);
      postings[elements[i]].push(n, thousandths);
    }
  }
  const gram = grams.length ? bigramPostings(grams, numberOf, bm25) : null;
  const allTerms = gram ? terms.concat(gram.terms) : terms;
  const start = new Int32Array(allTerms.length + 1);
  for (let t = 0; t < wordTerms; t++) start[t + 1] = start[t] + postings[t].length / 2;
  for (let t = 0; gram && t < gram.terms.length; t++) start[wordTerms + t + 1] = start[wordTerms + t] + gram.counts[t];
  const docs = new Int32Array(start[allTerms.length]);
  const weights = new Int32Array(start[allTerms.length]);
  postings.forEach((list, t) => {
    for (let i = 0, at = start[t]; i < list.length; i += 2, at++) {
      docs[at] = list[i];
      weights[at] = list[i + 1];
    }
  });
  if (gram) {
    docs.set(gram.docs, start[wordTerms]);
    weights.set(gram.weights, start[wordTerms]);
  }
  return { refs, terms: allTerms, start, docs, weights };
}

/** Bigram postings as packing appends them: terms in order, each term's pair count, the pairs. */
interface GramPostings {
  terms: string[];
  counts: Int32Array;
  docs: Int32Array;
  weights: Int32Array;
}

/**
 * Every ideograph bigram of `grams` as a term (sorted, GRAM_PREFIX + bigram) with its (passage, BM25
 * weight in thousandths) pairs, passages ascending. Bigrams are small integers while counting (offsets
 * into the ideograph block, first × block + second, below 2^30 so V8 keeps them unboxed), and the pairs
 * go straight into typed arrays: no string or array per occurrence.
 */
function bigramPostings(grams: GramSource[], numberOf: (ref: string) => number, bm25: { k1: number; b: number }): GramPostings {
  const HAN = 0x4e00;
  const BLOCK = 0x9fff - HAN + 1;
  const isHan = (c: number) => c >= HAN && c <= 0x9fff;
  // One entry per (passage, distinct bigram): its key, term frequency and passage.
  const keys: number[] = [];
  const tfs: number[] = [];
  const entryDoc: number[] = [];
  const entryLength: number[] = [];
  const df = new Map<number, number>();
  const tf = new Map<number, number>();
  let totalLength = 0;
  for (const { ref, text } of grams) {
    tf.clear();
    let length = 0;
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text.charCodeAt(i);
      const b = text.charCodeAt(i + 1);
      if (!isHan(a) || !isHan(b)) continue;
      const key = (a - HAN) * BLOCK + (b - HAN);
      tf.set(key, (tf.get(key) ?? 0) + 1);
      length++;
    }
    const n = numberOf(ref);
    for (const [key, f] of tf) {
      keys.push(key);
      tfs.push(f);
      entryDoc.push(n);
      entryLength.push(length);
      df.set(key, (df.get(key) ?? 0) + 1);
    }
    totalLength += length;
  }
  const N = grams.length;
  const avgLength = totalLength / N || 1;
  const sorted = [...df.keys()].sort((x, y) => x - y);
  const termOf = new Map<number, number>();
  const counts = new Int32Array(sorted.length);
  const terms = sorted.map((key, t) => {
    termOf.set(key, t);
    counts[t] = df.get(key)!;
    return GRAM_PREFIX + String.fromCharCode(HAN + Math.floor(key / BLOCK), HAN + (key % BLOCK));
  });
  const next = new Int32Array(sorted.length);
  for (let t = 1; t < sorted.length; t++) next[t] = next[t - 1]! + counts[t - 1]!;
  const docs = new Int32Array(keys.length);
  const weights = new Int32Array(keys.length);
  for (let e = 0; e < keys.length; e++) {
    const t = termOf.get(keys[e]!)!;
    const d = counts[t]!;
    // lunr's BM25 (lunr.idf and Builder#createFieldVectors), so gram and word weights compare.
    const idf = Math.log(1 + Math.abs((N - d + 0.5) / (d + 0.5)));
    const f = tfs[e]!;
    const norm = bm25.k1 * (1 - bm25.b + (bm25.b * entryLength[e]!) / avgLength);
    const at = next[t]!++;
    docs[at] = entryDoc[e]!;
    weights[at] = Math.round(((idf * (bm25.k1 + 1) * f) / (norm + f)) * 1000);
  }
  return { terms, counts, docs, weights };
}

/**
 * The k-th largest value of `xs` (1-based; reorders `xs`): quickselect, linear on average, where
 * sorting every matching passage's score only to read one of them was most of a common word's query.
 */
export function kthLargest(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  const want = xs.length - k; // index of the k-th largest in ascending order
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else break;
  }
  return xs[want]!;
}

const MAGIC = "zhibao-passages-2";
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The bytes of a packed index: header length (uint32), JSON header, padding to 4, then the three arrays. Little-endian. */
export function encodePassageIndex(packed: PackedPassageIndex): Buffer {
  const header = Buffer.from(JSON.stringify({ magic: MAGIC, refs: packed.refs, terms: packed.terms, pairs: packed.docs.length }), "utf8");
  const offset = 4 + header.length + ((4 - ((4 + header.length) % 4)) % 4);
  const out = Buffer.alloc(offset + 4 * (packed.start.length + 2 * packed.docs.length));
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let at = offset;
  for (const array of [packed.start, packed.docs, packed.weights]) {
    if (LITTLE_ENDIAN) Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, at);
    else array.forEach((x, i) => out.writeInt32LE(x, at + 4 * i));
    at += array.byteLength;
  }
  return out;
}

/** Reads what encodePassageIndex wrote; throws on anything else. */
export function decodePassageIndex(bytes: Buffer): PackedPassageIndex {
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString("utf8", 4, 4 + headerLength)) as { magic: string; refs: string[]; terms: string[]; pairs: number };
  if (header.magic !== MAGIC) throw new Error(`not a zhibao passage index (${String(header.magic).slice(0, 40)})`);
  const offset = 4 + headerLength + ((4 - ((4 + headerLength) % 4)) % 4);
  const ints = (from: number, count: number): Int32Array => {
    if (LITTLE_ENDIAN) return new Int32Array(bytes.buffer.slice(bytes.byteOffset + from, bytes.byteOffset + from + 4 * count));
    return Int32Array.from({ length: count }, (_, i) => bytes.readInt32LE(from + 4 * i));
  };
  const startCount = header.terms.length + 1;
  const start = ints(offset, startCount);
  const docs = ints(offset + 4 * startCount, header.pairs);
  const weights = ints(offset + 4 * (startCount + header.pairs), header.pairs);
  if (bytes.length !== offset + 4 * (startCount + 2 * header.pairs) || start[startCount - 1] !== header.pairs) throw new Error("passage index is truncated or damaged");
  return { refs: header.refs, terms: header.terms, start, docs, weights };
}

/** One term's (passage, weight) pairs: passages ascending, a passage's fields in order (title, section, body). */
export interface TermWeights {
  docs: Int32Array;
  weights: Float64Array;
}

/**
 * The searchable index over a packed one.
 * @example openPassageIndex(packPassageIndex(lunrIndex.toJSON())).query([{ term: "宿舍", boost: 1 }])[0].ref
 */
export function openPassageIndex(packed: PackedPassageIndex): PassageIndex {
  const { refs, start, docs } = packed;
  const termNumber = new Map<string, number>();
  packed.terms.forEach((term, t) => termNumber.set(term, t));
  const weights = Float64Array.from(packed.weights, (w) => w / 1000);
  // Each asked term's views into the arrays, made once (queries repeat words).
  const views = new Array<TermWeights | undefined>(packed.terms.length);
  return weightedIndex(refs, (term) => {
    const t = termNumber.get(term);
    if (t === undefined) return null;
    return (views[t] ??= { docs: docs.subarray(start[t], start[t + 1]), weights: weights.subarray(start[t], start[t + 1]) });
  });
}

/**
 * A passage index over terms' (passage, weight) pairs, however they are kept: scores as lunr's
 * query does (see the top of this file). `termWeights` gives a term's pairs, null for a term the
 * index lacks.
 */
export function weightedIndex(refs: readonly string[], termWeights: (term: string) => TermWeights | null): PassageIndex {
  // Scratch space reused by every query (queries are synchronous).
  const score = new Float64Array(refs.length);
  // Which query terms a passage holds, as bits: two 32-bit words (at most 64 terms).
  const matched = new Uint32Array(refs.length);
  const matchedHigh = new Uint32Array(refs.length);
  const touched: number[] = [];
  // Final scores of the touched passages, and a copy for finding the k-th largest (which reorders
  // it): grown to the most passages a query has touched, not sized for all of them.
  let final = new Float64Array(1024);
  let selecting = new Float64Array(1024);

  return {
    refs,
    postings(term) {
      return termWeights(term)?.docs.length ?? 0;
    },
    query(terms, opts = {}) {
      // As lunr's query vector: a term asked twice adds its boosts; terms the index lacks are left out.
      const boosts = new Map<string, number>();
      const pairs = new Map<string, TermWeights>();
      for (const { term, boost } of terms) {
        const found = pairs.get(term) ?? termWeights(term);
        if (!found) continue;
        pairs.set(term, found);
        boosts.set(term, (boosts.get(term) ?? 0) + boost);
      }
      const asked = [...boosts];
      if (!asked.length) return [];
      if (asked.length > 64) throw new Error("at most 64 distinct query terms");
      const length = Math.sqrt(asked.reduce((s, [, b]) => s + b * b, 0));
      const skip = opts.weights;
      asked.forEach(([term, boost], k) => {
        const { docs, weights } = pairs.get(term)!;
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i]!;
          if (skip && skip[d] === 0) continue;
          if (matched[d] === 0 && matchedHigh[d] === 0) touched.push(d);
          if (k < 32) matched[d] |= 1 << k;
          else matchedHigh[d] |= 1 << (k - 32);
          score[d] += boost * weights[i]!;
        }
      });
      // Final scores; a passage the caller weighs 0 is left out.
      if (final.length < touched.length) {
        final = new Float64Array(Math.min(refs.length, 2 * touched.length));
        selecting = new Float64Array(final.length);
      }
      let kept = 0;
      for (const d of touched) {
        const w = skip ? skip[d] : opts.weight ? opts.weight(d) : 1;
        if (w > 0) {
          touched[kept] = d;
          final[kept++] = (score[d] / length) * w;
        } else {
          score[d] = 0;
          matched[d] = 0;
          matchedHigh[d] = 0;
        }
      }
      // Only the best `limit` (and any tied with the last of them) become results: a common word
      // matches most passages, and the caller reads a few.
      const limit = opts.limit ?? Infinity;
      let threshold = -Infinity;
      if (kept > limit) {
        selecting.set(final.subarray(0, kept));
        threshold = kthLargest(selecting.subarray(0, kept), limit);
      }
      const results: ScoredPassage[] = [];
      for (let i = 0; i < kept; i++) {
        const d = touched[i];
        if (final[i] >= threshold) {
          const low = matched[d];
          const high = matchedHigh[d];
          results.push({ ref: refs[d], doc: d, score: final[i], terms: asked.filter((_, k) => (k < 32 ? low & (1 << k) : high & (1 << (k - 32)))).map(([t]) => t) });
        }
        score[d] = 0;
        matched[d] = 0;
        matchedHigh[d] = 0;
      }
      touched.length = 0;
      return results.sort((a, b) => b.score - a.score);
    },
  };
}
