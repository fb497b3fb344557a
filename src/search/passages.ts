import { createRequire } from "node:module";
import type lunr from "lunr";
import type { Passage, PassageHit, PassageKind } from "../types.js";
import { GRAM_PREFIX, type PassageIndex, type ScoredPassage } from "./passageIndex.js";
import { planQuery, type PlanIndex, type QueryPlan } from "./queryPlan.js";
import { DEFAULT_RANKING, type RankingParams } from "./ranking.js";
import { rerank } from "./rerank.js";
import { prepareIndexSegmenter, type QueryVocabulary } from "./tokenize.js";

/**
 * Full-text search over paragraphs and case studies: lunr (BM25) over nodejieba tokens.
 *
 * lunr's English pipeline (trimmer, stop words, stemmer) would mangle Chinese, so it is emptied
 * and lunr is given token arrays already segmented, normalised and filtered (tokenize.ts), the
 * job lunr-languages' lunr.zh.js does inside a pipeline. User text never reaches `idx.search()`, whose query syntax (`: ^ ~ + -`)
 * throws on ordinary input: queries are built with `idx.query()`.
 */

/** Sections of at most this many paragraphs are shown whole when one of their paragraphs matches. */
const MAX_SECTION_PARAGRAPHS = 12;

/** Field boosts: a case title says most about a passage, then its section, then its body (see RankingParams). */
export const FIELD_BOOSTS = DEFAULT_RANKING.fieldBoosts;

const require = createRequire(import.meta.url);
let lunrLib: typeof lunr | null = null;

/** lunr, loaded on first use (a figure question never needs it). */
function lunrLibrary(): typeof lunr {
  lunrLib ??= require("lunr") as typeof lunr;
  return lunrLib;
}

/** A passage's searchable fields, segmented. */
export interface SegmentedPassage {
  id: string;
  title: string[];
  section: string[];
  body: string[];
}

/**
 * Segments every passage's title, section path and text with nodejieba (loaded once, for these
 * texts), `userWords` kept whole. Done once per build; every index built from it shares the tokens.
 */
export function segmentPassages(passages: Passage[], userWords: Iterable<string>): SegmentedPassage[] {
  const fields = (p: Passage) => ({ title: p.title, section: p.sectionPath.join(" "), body: p.text });
  const segment = prepareIndexSegmenter(
    passages.flatMap((p) => Object.values(fields(p))),
    userWords,
  );
  return passages.map((p) => {
    const f = fields(p);
    return { id: p.id, title: segment(f.title), section: segment(f.section), body: segment(f.body) };
  });
}

/**
 * Builds the lunr index over segmented passages, to pack and save (see passageIndex.ts).
 * Deterministic for the same input. Its token set, an automaton over every term that serves only
 * wildcard and fuzzy queries (never made here) and is never saved, is left empty.
 */
export function buildPassageIndex(docs: SegmentedPassage[], boosts: RankingParams["fieldBoosts"] = FIELD_BOOSTS): lunr.Index {
  const lib = lunrLibrary();
  return lib(function () {
    (this as unknown as { createTokenSet(): void }).createTokenSet = function (this: { tokenSet: lunr.TokenSet }) {
      this.tokenSet = new lib.TokenSet();
    };
    this.ref("id");
    this.field("title", { boost: boosts.title });
    this.field("section", { boost: boosts.section });
    this.field("body", { boost: boosts.body });
    // Tokens arrive segmented, normalised and filtered (contentTokens): lunr's English pipeline
    // (trimmer, stop words, stemmer) would only mangle them.
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.metadataWhitelist = [];
    // Token arrays go to lunr as they are (its tokenizer takes arrays): nothing to join and split again.
    for (const d of docs) this.add(d);
  });
}

/**
 * What {@link buildPassageIndex} followed by lunr's `toJSON()` saves (the field vectors and each
 * term's number), and {@link passageVocabulary}'s counts, computed without lunr: the same numbers,
 * bit for bit (tests/search/passageIndex.test.ts compares them on the whole corpus).
 *
 * Why: lunr's Builder keeps every posting as nested objects (an object per term, field and
 * passage), and re-indexing every report's passages was most of a one-report `zhibao add`
 * (0.8 s of 2.6 s, plus the garbage it leaves); this is one pass over the token arrays with maps.
 * It follows Builder#add, #calculateAverageFieldLengths and #createFieldVectors and lunr.idf
 * step by step: terms numbered in order of first appearance (title, section, body of each passage
 * in turn), lower-cased as lunr.tokenizer does, idf over (passage, field) pairs, BM25 with k1 1.2
 * and b 0.75, the field's boost, rounded to thousandths, each vector sorted by term number.
 * Passage ids must be unique (lunr would merge a repeated one): else lunr builds it.
 */
export function savedPassageIndex(
  docs: SegmentedPassage[],
  boosts: RankingParams["fieldBoosts"] = FIELD_BOOSTS,
): { saved: { fieldVectors: [string, number[]][]; invertedIndex: [string, { _index: number }][] }; vocabulary: Record<string, number> } {
  if (new Set(docs.map((d) => d.id)).size !== docs.length) {
    const index = buildPassageIndex(docs, boosts);
    return { saved: index.toJSON() as never, vocabulary: passageVocabulary(index) };
  }
  const FIELDS = ["title", "section", "body"] as const;
  const k1 = 1.2;
  const b = 0.75;
  const termNumber = new Map<string, number>();
  const terms: string[] = [];
  // Per term: (passage, field) pairs holding it (lunr.idf's count), and the passages (the vocabulary's).
  const pairs: number[] = [];
  const passagesWith: number[] = [];
  const lastPassage: number[] = [];
  const fieldTerms: { doc: number; field: number; length: number; tf: Map<number, number> }[] = [];
  const lengthSums = [0, 0, 0];
  docs.forEach((d, doc) => {
    FIELDS.forEach((field, f) => {
      const tokens = d[field];
      const tf = new Map<number, number>();
      for (const token of tokens) {
        const term = String(token ?? "").toLowerCase();
        let n = termNumber.get(term);
        if (n === undefined) {
          n = terms.push(term) - 1;
          termNumber.set(term, n);
          pairs.push(0);
          passagesWith.push(0);
          lastPassage.push(-1);
        }
        const seen = tf.get(n);
        if (seen === undefined) {
          tf.set(n, 1);
          pairs[n]!++;
          if (lastPassage[n] !== doc) {
            lastPassage[n] = doc;
            passagesWith[n]!++;
          }
        } else tf.set(n, seen + 1);
      }
      fieldTerms.push({ doc, field: f, length: tokens.length, tf });
      lengthSums[f]! += tokens.length;
    });
  });
  const count = docs.length;
  const averages = lengthSums.map((s) => s / count);
  const fieldBoosts = FIELDS.map((f) => boosts[f] || 1);
  const idf = pairs.map((with_) => Math.log(1 + Math.abs((count - with_ + 0.5) / (with_ + 0.5))));
  const fieldVectors: [string, number[]][] = fieldTerms.map(({ doc, field, length, tf }) => {
    const numbers = [...tf.keys()].sort((x, y) => x - y);
    const elements: number[] = [];
    for (const n of numbers) {
      const t = tf.get(n)!;
      let score = (idf[n]! * ((k1 + 1) * t)) / (k1 * (1 - b + b * (length / averages[field]!)) + t);
      score *= fieldBoosts[field]!;
      elements.push(n, Math.round(score * 1000) / 1000);
    }
    return [`${FIELDS[field]}/${docs[doc]!.id}`, elements];
  });
  const byName = terms.map((term, n) => [term, n] as const).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return {
    saved: { fieldVectors, invertedIndex: byName.map(([term, n]) => [term, { _index: n }]) },
    vocabulary: Object.fromEntries(byName.map(([term, n]) => [term, passagesWith[n]!])),
  };
}

/**
 * Every token of the passage indexes with the number of passages it occurs in (any field), in a
 * stable order: the query segmenter's dictionary, saved beside the indexes.
 */
export function passageVocabulary(index: lunr.Index): Record<string, number> {
  const inverted = (index as unknown as { invertedIndex: Record<string, Record<string, Record<string, unknown>>> }).invertedIndex;
  const df: [string, number][] = [];
  for (const [term, posting] of Object.entries(inverted)) {
    const docs = new Set<string>();
    for (const [field, refs] of Object.entries(posting)) if (field !== "_index") for (const ref of Object.keys(refs)) docs.add(ref);
    df.push([term, docs.size]);
  }
  return Object.fromEntries(df.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Options for one search. */
export interface PassageQuery {
  /** Only passages of these reports (file names); all when absent or empty. */
  reports?: string[];
  /** Only case studies. */
  casesOnly?: boolean;
  /** Prefer case studies (the question said 案例) without excluding paragraphs. */
  preferCases?: boolean;
  /** At most this many hits (default 10). */
  limit?: number;
  /** Extra terms that must count (a place or school the question named). */
  extraTerms?: string[];
}

/** The search side of a loaded index. */
export interface PassageSearch {
  /** Ranked hits for the keywords of `query`; [] when nothing matches. */
  search(query: string, opts?: PassageQuery): PassageHit[];
  /** The query's keywords as the index sees them (for "what was looked for"). */
  keywords(query: string): string[];
}

/** The search tokens of an index, with the number of passages (all reports) each occurs in. */
export interface Vocabulary extends QueryVocabulary {
  has(term: string): boolean;
  /** Passages holding the term in any field; 0 for a term the index lacks. */
  df(term: string): number;
}

/** The passages a search shows, read a report at a time (a store on disk reads only the reports hits come from). */
export interface PassageSource {
  /** Every passage of a report the index holds; [] for another. */
  passagesOf(report: string): readonly Passage[];
  /** How many passages the index holds, all reports. */
  total: number;
}

/** A vocabulary over a saved token → passage count table. */
export function vocabularyOf(df: Record<string, number>): Vocabulary {
  // A Map: the query segmenter asks has() of every substring of a query, and a Map of ~10k words
  // answers faster than a property lookup on an object of that many keys.
  const counts = new Map(Object.entries(df));
  let longest: Map<string, number> | null = null;
  const longestFrom = (c: string): number => {
    if (!longest) {
      longest = new Map();
      for (const w of counts.keys()) if (w.length > (longest.get(w[0]!) ?? 0)) longest.set(w[0]!, w.length);
    }
    return longest.get(c) ?? 0;
  };
  return { has: (t) => counts.has(t), df: (t) => counts.get(t) ?? 0, longestFrom };
}

/** A vocabulary read on first use (a figure question never needs it). */
export function lazyVocabulary(read: () => Record<string, number>): Vocabulary {
  // The first call reads the table and puts the real lookups in place: the segmenter calls has()
  // dozens of times a query, and a wrapper checking "read yet?" each time cost a tenth of a search.
  const lazy: Vocabulary = {
    has: (t) => load().has(t),
    df: (t) => load().df(t),
    longestFrom: (c) => load().longestFrom!(c),
  };
  const load = (): Vocabulary => {
    const real = vocabularyOf(read());
    Object.assign(lazy, real);
    return real;
  };
  return lazy;
}

/** A passage source over passages in memory. */
export function passagesInMemory(passages: readonly Passage[]): PassageSource {
  const byReport = new Map<string, Passage[]>();
  for (const p of passages) {
    const list = byReport.get(p.report);
    if (list) list.push(p);
    else byReport.set(p.report, [p]);
  }
  return { passagesOf: (report) => byReport.get(report) ?? [], total: passages.length };
}

/** Passage ids (see the ingest code and linePassages.ts) end in a kind letter and a line: `${report}:${letter}:${line}`. */
const ID_KIND: Record<string, PassageKind> = { p: "paragraph", c: "case", T: "table", t: "table", f: "caption" };

/** The report and kind a passage id names; null for an id of another shape. */
export function parsePassageId(id: string): { report: string; kind: PassageKind } | null {
  const m = /^(.+):([pcTtf]):\d+$/.exec(id);
  return m ? { report: m[1]!, kind: ID_KIND[m[2]!]! } : null;
}

/** What hits of one report are shown as: each paragraph's case study or short section. */
interface ReportPassages {
  byId: Map<string, Passage>;
  /** A paragraph's case study. */
  caseOf: Map<string, Passage>;
  /** A paragraph's whole short section (面临挑战: a challenge, its story, its measures, ×3), which answers as a whole. */
  sectionOf: Map<string, Passage>;
}

function reportPassages(passages: readonly Passage[]): ReportPassages {
  const byId = new Map(passages.map((p) => [p.id, p]));
  const cases = passages.filter((p) => p.kind === "case");
  const caseOf = new Map<string, Passage>();
  for (const p of passages) {
    if (p.kind !== "paragraph") continue;
    const c = cases.find((k) => k.line <= p.line && p.endLine <= k.endLine);
    if (c) caseOf.set(p.id, c);
  }
  const sectionOf = new Map<string, Passage>();
  const bySection = new Map<string, Passage[]>();
  for (const p of passages) {
    if (p.kind !== "paragraph" || caseOf.has(p.id) || !p.sectionPath.length) continue;
    const key = p.sectionPath.join("/");
    const members = bySection.get(key);
    if (members) members.push(p);
    else bySection.set(key, [p]);
  }
  for (const members of bySection.values()) {
    if (members.length < 2 || members.length > MAX_SECTION_PARAGRAPHS) continue;
    const [first, last] = [members[0]!, members[members.length - 1]!];
    const whole: Passage = { ...first, id: `${first.report}:s:${first.line}`, text: members.map((m) => m.text).join("\n"), endLine: last.endLine };
    for (const m of members) sectionOf.set(m.id, whole);
  }
  return { byId, caseOf, sectionOf };
}

/** Reports whose shown passages are kept ready (a store on disk reads the others again). */
const REPORT_CACHE = 256;
/** Passages kept by id for the hits of recent searches. */
const REF_CACHE = 50_000;

/**
 * Wraps the passage index (read on the first search: a figure question never needs it) for searching,
 * ranked as RankingParams describe (docs/DESIGN.md, "Passage ranking"): BM25F over words, bigrams for
 * words the index lacks, rarity, coordination, then phrase and proximity bonuses on the best candidates.
 */
export function createPassageSearch(passageIndex: () => PassageIndex, source: PassageSource, vocab: Vocabulary, params: RankingParams = DEFAULT_RANKING): PassageSearch {
  const reportCache = new Map<string, ReportPassages>();
  // Hits come a report at a time: the last one asked needs no reordering of the cache.
  let last: { report: string; passages: ReportPassages } | null = null;
  const ofReport = (report: string): ReportPassages => {
    if (last?.report === report) return last.passages;
    let r = reportCache.get(report);
    if (r) {
      reportCache.delete(report); // most recently used last
    } else {
      r = reportPassages(source.passagesOf(report));
      if (reportCache.size >= REPORT_CACHE) reportCache.delete(reportCache.keys().next().value!);
    }
    reportCache.set(report, r);
    last = { report, passages: r };
    return r;
  };
  // Passages by id, as hits come: a few hundred ids recur across searches (bounded with the report cache).
  const byRef = new Map<string, Passage | undefined>();
  const passageOf = (ref: string): Passage | undefined => {
    const known = byRef.get(ref);
    if (known || byRef.has(ref)) return known;
    const at = parsePassageId(ref);
    const p = at ? ofReport(at.report).byId.get(ref) : undefined;
    if (byRef.size >= REF_CACHE) byRef.clear();
    byRef.set(ref, p);
    return p;
  };
  // The index's passages by number, for weighing them without reading them.
  let numbered: NumberedPassages | null = null;
  const total = source.total || 1;
  const planIndex = (): PlanIndex => {
    const index = passageIndex();
    return { vocab, total, wordFrequency: (w) => vocab.df(w), gramFrequency: (g) => index.postings(g) };
  };
  let planOver: PlanIndex | null = null;
  // Each passage's weight for one kind of search (cases only or preferred, a few reports or all), by
  // passage number. The kinds over every report are four at most: each is computed once and kept.
  // A kind over a few reports is written into one scratch array, only those reports' passages, and
  // wiped after the search (at 1,000 reports an array is 2.6 MB: one per kind asked would pile up).
  const allReports = new Map<string, Float64Array>();
  let scratch: Float64Array | null = null;
  const weigh = (w: Float64Array, n: NumberedPassages, opts: PassageQuery, d: number) => {
    if (n.reportOf[d]! < 0 || (opts.casesOnly && !n.isCase[d])) return;
    w[d] = n.kindWeight[d]! * (n.isCase[d] && opts.preferCases ? params.preferCases : 1);
  };
  const weightsFor = (index: PassageIndex, opts: PassageQuery, reports: Set<string> | null): { weights: Float64Array; release(): void } => {
    const n = (numbered ??= numberPassages(index.refs, params));
    if (!reports) {
      const key = `${opts.casesOnly ? 1 : 0}${opts.preferCases ? 1 : 0}`;
      let w = allReports.get(key);
      if (!w) {
        w = new Float64Array(index.refs.length);
        for (let d = 0; d < w.length; d++) weigh(w, n, opts, d);
        allReports.set(key, w);
      }
      return { weights: w, release() {} };
    }
    const w = scratch?.length === index.refs.length ? scratch : (scratch = new Float64Array(index.refs.length));
    scratch = null; // taken: a search inside this one (none today) would get an array of its own
    for (const r of reports) for (const d of n.docsOf.get(r) ?? []) weigh(w, n, opts, d);
    return {
      weights: w,
      release() {
        for (const r of reports) for (const d of n.docsOf.get(r) ?? []) w[d] = 0;
        scratch = w;
      },
    };
  };
  const plan = (query: string): QueryPlan => planQuery(query, (planOver ??= planIndex()), params);

  const keywords = (query: string): string[] => {
    const q = plan(query);
    return [...q.words, ...q.unknown];
  };

  // A passage's "report|section" key (a table's: "report|title"), for sections taking turns; made once per passage.
  const sectionKeys = new WeakMap<Passage, string>();
  const sectionKey = (p: Passage): string => {
    let key = sectionKeys.get(p);
    // A table's title and rows are one "section": they all carry its title, and would fill the list.
    if (key === undefined) sectionKeys.set(p, (key = p.kind === "table" ? `${p.report}|${p.title}` : `${p.report}|${p.sectionPath.join("/")}`));
    return key;
  };

  const search = (query: string, opts: PassageQuery = {}): PassageHit[] => {
    const q = plan([query, ...(opts.extraTerms ?? [])].join(" "));
    if (!q.terms.length) return [];
    const limit = opts.limit ?? 10;
    // One index over every report, its passages from the asked reports only: scores compare across
    // reports, and a report's passages are ranked by how rare a word is in all of them.
    const filterReports = opts.reports?.length ? new Set(opts.reports) : null;
    const index = passageIndex();
    const { weights, release } = weightsFor(index, opts, filterReports);
    try {
      // Hits merge overlapping passages, so more candidates than hits are read: a few per hit, and
      // more only when those were not enough.
      for (let candidates = Math.max(params.rerankDepth, limit * 4); ; candidates *= 4) {
        const found = index.query(q.terms, { limit: candidates, weights });
        const ranked = rerank(found, q, params, (r) => passageOf(r.ref));
        const { hits, complete } = selectHits(ranked, q, limit);
        if (complete || found.length < candidates) return withSnippets(hits);
      }
    } finally {
      release();
    }
  };

  /**
   * The hits to show from scored passages: best first, overlapping ones merged, sections taking
   * turns. Complete when `limit` hits came before any section's third paragraph had to wait.
   */
  const selectHits = (results: ScoredPassage[], q: QueryPlan, limit: number): { hits: PassageHit[]; complete: boolean } => {
    const hits: PassageHit[] = [];
    const taken: { report: string; line: number; endLine: number }[] = [];
    const sections = new Map<string, number>();
    const later: PassageHit[] = [];
    // `results` come best first (rerank sorts them, stably: ties keep the index's order).
    for (const { ref, terms, score } of results) {
      const p = passageOf(ref);
      if (!p) continue;
      // A paragraph of a case study (or of a short section) is shown as that case (its title, its whole
      // text), pointing at the paragraph's line; one already listed says the same thing again.
      // Table lines and captions are their own hits: a case's text does not hold its captions.
      const own = p.kind === "paragraph" ? ofReport(p.report) : null;
      const shown = (own && (own.caseOf.get(p.id) ?? own.sectionOf.get(p.id))) || p;
      const running = shown.kind === "paragraph" || shown.kind === "case";
      if (running) {
        if (taken.some((t) => t.report === shown.report && shown.line <= t.endLine && t.line <= shown.endLine)) continue;
        taken.push(shown);
      }
      const hit = toHit(shown, shownTerms(terms, q), score, p.line);
      // Two paragraphs of one section (or lines of one table) are enough: the third waits until other
      // sections had their turn.
      const section = sectionKey(shown);
      const seen = sections.get(section) ?? 0;
      sections.set(section, seen + 1);
      if ((shown.kind === "paragraph" || shown.kind === "table") && seen >= 2) later.push(hit);
      else hits.push(hit);
      if (hits.length >= limit) break;
    }
    return { hits: [...hits, ...later].slice(0, limit), complete: hits.length >= limit };
  };

  return { search, keywords };
}

/** Per passage number of the index: its report (by number; -1 for an id of another shape), kind weight, and whether it is a case. */
interface NumberedPassages {
  reports: string[];
  reportOf: Int32Array;
  /** Each report's passage numbers. */
  docsOf: Map<string, number[]>;
  kindWeight: Float64Array;
  isCase: Uint8Array;
}

/** Read off the passage ids alone: weighing passages reads none of them. */
function numberPassages(refs: readonly string[], params: RankingParams): NumberedPassages {
  const reports: string[] = [];
  const reportNumber = new Map<string, number>();
  const reportOf = new Int32Array(refs.length).fill(-1);
  const docsOf = new Map<string, number[]>();
  const kindWeight = new Float64Array(refs.length);
  const isCase = new Uint8Array(refs.length);
  refs.forEach((ref, d) => {
    const p = parsePassageId(ref);
    if (!p) return; // weight 0: never shown
    let r = reportNumber.get(p.report);
    if (r === undefined) reportNumber.set(p.report, (r = reports.push(p.report) - 1));
    reportOf[d] = r;
    const docs = docsOf.get(p.report);
    if (docs) docs.push(d);
    else docsOf.set(p.report, [d]);
    kindWeight[d] = params.kindWeights[p.kind];
    isCase[d] = p.kind === "case" ? 1 : 0;
  });
  return { reports, reportOf, docsOf, kindWeight, isCase };
}

/** The terms a hit shows as matched: its words, and each unknown chunk it holds (else its bigrams). */
function shownTerms(terms: string[], q: QueryPlan): string[] {
  const words = terms.filter((t) => !t.startsWith(GRAM_PREFIX));
  const grams = new Set(terms.filter((t) => t.startsWith(GRAM_PREFIX)).map((t) => t.slice(GRAM_PREFIX.length)));
  if (!grams.size) return words;
  const out = [...words];
  for (const chunk of q.unknown) {
    const own = Array.from({ length: chunk.length - 1 }, (_, k) => chunk.slice(k, k + 2));
    if (own.every((g) => grams.has(g))) out.push(chunk);
    else out.push(...own.filter((g) => grams.has(g)));
  }
  return [...new Set(out)];
}

/** Each hit's snippet, made only for the hits returned (selectHits may look at several times as many). */
function withSnippets(hits: PassageHit[]): PassageHit[] {
  for (const h of hits) h.snippet = makeSnippet(h.text, h.terms);
  return hits;
}

/** The hit showing passage `p`, cited at `line` (the matching paragraph's, inside a case or section shown whole). */
function toHit(p: Passage, terms: string[], score: number, line: number): PassageHit {
  return {
    report: p.report,
    entity: p.entity,
    kind: p.kind,
    title: p.title,
    sectionPath: p.sectionPath,
    text: p.text,
    snippet: "", // made for the hits finally shown (withSnippets)
    terms,
    score: Math.round(score * 1000) / 1000,
    line,
    ...(p.caseLabel ? { caseLabel: p.caseLabel } : {}),
  };
}

/**
 * An excerpt of about `width` characters around the densest cluster of matched terms,
 * with "…" where it cuts the text.
 */
export function makeSnippet(fullText: string, terms: string[], width = 140): string {
  // One line: a case's paragraphs are joined by newlines, a snippet reads as one run of text
  // (joined in the excerpt only: a long case is not copied whole for every hit).
  const oneLine = (s: string) => (s.includes("\n") ? s.replace(/\s*\n\s*/g, " ") : s);
  if (fullText.length <= width) return oneLine(fullText);
  const text = fullText;
  // Positions count characters, not UTF-16 units; without surrogate pairs the two are the same.
  const astral = /[\ud800-\udfff]/.test(text);
  const chars = astral ? [...text] : null;
  const length = chars ? chars.length : text.length;
  if (length <= width) return text;
  const positions: number[] = [];
  for (const t of terms) {
    let from = 0;
    for (;;) {
      const i = text.indexOf(t, from);
      if (i < 0) break;
      positions.push(astral ? [...text.slice(0, i)].length : i);
      from = i + t.length;
    }
  }
  let start = 0;
  if (positions.length) {
    positions.sort((a, b) => a - b);
    // The first window of 0.7 × width holding the most matches (two pointers: a long case repeats common terms).
    let bestCount = -1;
    for (let i = 0, j = 0; i < positions.length; i++) {
      if (j < i) j = i;
      while (j + 1 < positions.length && positions[j + 1]! - positions[i]! < width * 0.7) j++;
      if (j - i > bestCount) {
        bestCount = j - i;
        start = positions[i]!;
      }
    }
    start = Math.max(0, start - Math.floor(width * 0.2));
  }
  const end = Math.min(length, start + width);
  start = Math.max(0, end - width);
  const excerpt = oneLine(chars ? chars.slice(start, end).join("") : text.slice(start, end));
  return `${start > 0 ? "…" : ""}${excerpt}${end < length ? "…" : ""}`;
}
