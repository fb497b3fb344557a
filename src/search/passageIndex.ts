/**
 * A saved lunr index, read for the queries zhibao makes: a few exact terms, each with a boost.
 *
 * lunr scores a passage, field by field, as the dot product of the query vector (each query term's
 * boost) and the field's vector (each term's BM25 weight × the field's boost, computed by lunr's
 * Builder and saved with the index), divided by the query vector's length, and adds the fields up.
 * Regrouped by term once at load, the saved field vectors give every term's (passage, weight)
 * pairs, and a query is one pass over its terms' pairs: no wildcard automaton to build or
 * intersect, no match objects per passage. At ×10 the corpus this is what keeps a search over every
 * report in a few milliseconds; the scores are lunr's own (tests/search/passageIndex.test.ts).
 */

/** A query term and its boost (lunr's `q.term(term, { boost })`). */
export interface WeightedTerm {
  term: string;
  boost: number;
}

/** One matching passage: its id, lunr's score, and which query terms it holds. */
export interface ScoredPassage {
  ref: string;
  score: number;
  terms: string[];
}

/** What search needs of one passage index. */
export interface PassageIndex {
  /**
   * Every passage holding at least one of the terms, best first; terms the index lacks are ignored.
   * `weight` multiplies a passage's score (0 leaves it out; passages by number, see `refs`);
   * `limit` keeps the best that many, and any tied with the last of them.
   */
  query(terms: WeightedTerm[], opts?: { limit?: number; weight?: (passage: number) => number }): ScoredPassage[];
  /** The passage ids, by the numbers `weight` is given. */
  readonly refs: readonly string[];
  /** True when the index holds this term. */
  has(term: string): boolean;
}

/** The parts of lunr's serialized index (`Index.toJSON()`) this reads. */
export interface SavedLunrIndex {
  fieldVectors: [string, number[]][];
  invertedIndex: [string, { _index: number }][];
}

/**
 * Reads a saved lunr index.
 * @example readPassageIndex(JSON.parse(readFileSync("index/lunr/_all.json", "utf8"))).query([{ term: "宿舍", boost: 1 }])[0].ref
 */
export function readPassageIndex(saved: SavedLunrIndex): PassageIndex {
  const termNumber = new Map<string, number>();
  for (const [term, posting] of saved.invertedIndex) termNumber.set(term, posting._index);
  const termCount = saved.invertedIndex.length;

  // Field refs are "field/docRef"; one passage has up to three (title, section, body).
  const docNumber = new Map<string, number>();
  const refs: string[] = [];
  const docOf = new Int32Array(saved.fieldVectors.length);
  // Every term's (passage, weight) pairs lie together in two flat arrays, from start[t] to start[t + 1].
  const start = new Int32Array(termCount + 1);
  saved.fieldVectors.forEach(([fieldRef, elements], v) => {
    const ref = fieldRef.slice(fieldRef.indexOf("/") + 1);
    let n = docNumber.get(ref);
    if (n === undefined) {
      n = refs.push(ref) - 1;
      docNumber.set(ref, n);
    }
    docOf[v] = n;
    for (let i = 0; i < elements.length; i += 2) start[elements[i] + 1]++;
  });
  for (let t = 0; t < termCount; t++) start[t + 1] += start[t];
  const docs = new Int32Array(start[termCount]);
  const weights = new Float64Array(start[termCount]);
  const next = start.slice(0, termCount);
  saved.fieldVectors.forEach(([, elements], v) => {
    for (let i = 0; i < elements.length; i += 2) {
      const at = next[elements[i]]++;
      docs[at] = docOf[v];
      weights[at] = elements[i + 1];
    }
  });

  // Scratch space reused by every query (queries are synchronous).
  const score = new Float64Array(refs.length);
  const matched = new Uint32Array(refs.length);
  const touched: number[] = [];

  return {
    refs,
    has: (term) => termNumber.has(term),
    query(terms, opts = {}) {
      // As lunr's query vector: a term asked twice adds its boosts; terms the index lacks are left out.
      const boosts = new Map<string, number>();
      for (const { term, boost } of terms) if (termNumber.has(term)) boosts.set(term, (boosts.get(term) ?? 0) + boost);
      const asked = [...boosts];
      if (!asked.length) return [];
      if (asked.length > 32) throw new Error("at most 32 distinct query terms");
      const length = Math.sqrt(asked.reduce((s, [, b]) => s + b * b, 0));
      asked.forEach(([term, boost], k) => {
        const t = termNumber.get(term)!;
        for (let i = start[t]; i < start[t + 1]; i++) {
          const d = docs[i];
          if (matched[d] === 0) touched.push(d);
          matched[d] |= 1 << k;
          score[d] += boost * weights[i];
        }
      });
      // Final scores; a passage the caller weighs 0 is left out.
      const final = new Float64Array(touched.length);
      let kept = 0;
      for (const d of touched) {
        const w = opts.weight ? opts.weight(d) : 1;
        if (w > 0) {
          touched[kept] = d;
          final[kept++] = (score[d] / length) * w;
        } else {
          score[d] = 0;
          matched[d] = 0;
        }
      }
      // Only the best `limit` (and any tied with the last of them) become results: a common word
      // matches most passages, and the caller reads a few.
      const limit = opts.limit ?? Infinity;
      const threshold = kept > limit ? final.slice(0, kept).sort()[kept - limit] : -Infinity;
      const results: ScoredPassage[] = [];
      for (let i = 0; i < kept; i++) {
        const d = touched[i];
        if (final[i] >= threshold) results.push({ ref: refs[d], score: final[i], terms: asked.filter((_, k) => matched[d] & (1 << k)).map(([t]) => t) });
        score[d] = 0;
        matched[d] = 0;
      }
      touched.length = 0;
      return results.sort((a, b) => b.score - a.score);
    },
  };
}
