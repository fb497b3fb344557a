import type { Passage } from "../types.js";
import type { ScoredPassage } from "./passageIndex.js";
import type { QueryPlan } from "./queryPlan.js";
import type { RankingParams } from "./ranking.js";

/**
 * The second stage of passage ranking, after BM25: coordination over every candidate, then the
 * phrase and proximity bonuses over the best `rerankDepth`, which read the passage's text.
 * Returns the candidates best first, with their final scores.
 */
export function rerank(found: ScoredPassage[], q: QueryPlan, p: RankingParams, passage: (ref: string) => Passage | undefined): ScoredPassage[] {
  const boosts = new Map(q.terms.map((t) => [t.term, t.boost]));
  const pieceTerms = q.pieces.map((ns) => ns.map((n) => q.terms[n]!.term));
  const pieceTotal = pieceTerms.map((ts) => ts.reduce((s, t) => s + boosts.get(t)!, 0));
  const out = found.map((r) => ({ ...r, score: r.score * coordinationFactor(r.terms, pieceTerms, pieceTotal, boosts, p.coordination) }));
  out.sort((a, b) => b.score - a.score);
  if (p.phrase <= 0 && p.proximity <= 0) return out;
  const head = Math.min(out.length, p.rerankDepth);
  for (let i = 0; i < head; i++) {
    const r = out[i]!;
    const d = passage(r.ref);
    if (!d) continue;
    const text = `${d.title}\n${d.text}`;
    r.score *= 1 + p.phrase * phraseShare(text, q.phrases) + p.proximity * closeness(text, q.words.filter((w) => r.terms.includes(w)), p.proximityWindow);
  }
  out.sort((a, b) => b.score - a.score);
  return out;
}

/** (Share of the query's pieces a passage matches, each by its matched terms' boosts)^exponent. */
export function coordinationFactor(
  matched: string[],
  pieceTerms: string[][],
  pieceTotal: number[],
  boosts: Map<string, number>,
  exponent: number,
): number {
  if (exponent === 0 || pieceTerms.length < 2) return 1;
  const has = new Set(matched);
  let share = 0;
  pieceTerms.forEach((ts, i) => {
    let got = 0;
    for (const t of ts) if (has.has(t)) got += boosts.get(t)!;
    share += pieceTotal[i]! > 0 ? got / pieceTotal[i]! : 0;
  });
  return (share / pieceTerms.length) ** exponent;
}

/** Share of the phrases the text holds verbatim (0 when there are none). */
export function phraseShare(text: string, phrases: string[]): number {
  if (!phrases.length) return 0;
  let n = 0;
  for (const ph of phrases) if (text.includes(ph)) n++;
  return n / phrases.length;
}

/** At most this many occurrences of a word are compared (a long case repeats common words). */
const MAX_OCCURRENCES = 24;

/**
 * How close neighbouring query words stand in the text: for each pair of words next to each other
 * in the query (neither inside the other), 1 − gap / window for their closest occurrences (0 beyond
 * the window), averaged over the pairs.
 */
export function closeness(text: string, words: string[], window: number): number {
  const distinct = words.filter((w, i) => !words.some((v, j) => j !== i && v.length > w.length && v.includes(w)));
  if (distinct.length < 2) return 0;
  const positions = distinct.map((w) => {
    const at: number[] = [];
    for (let i = text.indexOf(w); i >= 0 && at.length < MAX_OCCURRENCES; i = text.indexOf(w, i + w.length)) at.push(i);
    return at;
  });
  let sum = 0;
  for (let k = 0; k + 1 < distinct.length; k++) {
    const [a, b] = [distinct[k]!, distinct[k + 1]!];
    let best = Infinity;
    for (const i of positions[k]!) {
      for (const j of positions[k + 1]!) {
        const gap = i <= j ? j - (i + a.length) : i - (j + b.length);
        if (gap < best) best = Math.max(0, gap);
      }
    }
    sum += Math.max(0, 1 - best / window);
  }
  return sum / (distinct.length - 1);
}
