import type { Passage } from "../types.js";
import type { ScoredPassage } from "./passageIndex.js";
import type { QueryPlan } from "./queryPlan.js";
import type { RankingParams } from "./ranking.js";

/**
 * The second stage of passage ranking, after BM25: coordination over every candidate, then the
 * phrase and proximity bonuses over the best `rerankDepth`, which read the passage's text.
 * Returns the candidates best first, with their final scores.
 */
export function rerank(found: ScoredPassage[], q: QueryPlan, p: RankingParams, passage: (r: ScoredPassage) => Passage | undefined): ScoredPassage[] {
  // Each term's piece and boost; a piece's total boost.
  const pieceOf = new Map<string, number>();
  const boostOf = new Map<string, number>();
  const pieceTotal = new Float64Array(q.pieces.length);
  q.pieces.forEach((ns, i) => {
    for (const n of ns) {
      const t = q.terms[n]!;
      pieceOf.set(t.term, i);
      boostOf.set(t.term, t.boost);
      pieceTotal[i] += t.boost;
    }
  });
  if (p.coordination > 0) {
    const got = new Float64Array(q.pieces.length);
    for (const r of found) r.score *= coordinationFactor(r.terms, pieceOf, boostOf, pieceTotal, got, p.coordination);
  }
  found.sort((a, b) => b.score - a.score);
  if (p.phrase <= 0 && p.proximity <= 0) return found;
  const head = Math.min(found.length, p.rerankDepth);
  // Proximity compares neighbouring words, never a word with its own part (技能大赛 and 技能).
  const whole = q.words.filter((w, i) => !q.words.some((v, j) => j !== i && v.length > w.length && v.includes(w)));
  for (let i = 0; i < head; i++) {
    const r = found[i]!;
    const d = passage(r);
    if (!d) continue;
    const phrase = p.phrase > 0 ? phraseShare(d, q.phrases) : 0;
    const near =
      p.proximity > 0 && whole.length > 1
        ? closeness(
            d.text,
            whole.filter((w) => r.terms.includes(w)),
            p.proximityWindow,
          )
        : 0;
    r.score *= 1 + p.phrase * phrase + p.proximity * near;
  }
  found.sort((a, b) => b.score - a.score);
  return found;
}

/**
 * (Share of the query's pieces a passage matches, each piece by its matched terms' boosts)^exponent.
 * `got` is scratch space, one slot per piece.
 */
export function coordinationFactor(matched: string[], pieceOf: Map<string, number>, boostOf: Map<string, number>, pieceTotal: Float64Array, got: Float64Array, exponent: number): number {
  got.fill(0);
  for (const t of matched) {
    const i = pieceOf.get(t);
    if (i !== undefined) got[i] += boostOf.get(t)!;
  }
  let share = 0;
  for (let i = 0; i < got.length; i++) if (pieceTotal[i]! > 0) share += got[i]! / pieceTotal[i]!;
  return (share / got.length) ** exponent;
}

/** Share of the phrases a passage's title or text holds verbatim (0 when there are none). */
export function phraseShare(d: { title: string; text: string }, phrases: string[]): number {
  if (!phrases.length) return 0;
  let n = 0;
  for (const ph of phrases) if (d.text.includes(ph) || d.title.includes(ph)) n++;
  return n / phrases.length;
}

/** At most this many occurrences of a word are compared (a long case repeats common words). */
const MAX_OCCURRENCES = 12;

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
