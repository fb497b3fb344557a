import { GRAM_PREFIX } from "./passageIndex.js";
import type { RankingParams } from "./ranking.js";
import { normalizeToken, type QueryVocabulary, segmentQuery } from "./tokenize.js";

/**
 * A keyword query as the ranker uses it: its pieces (space-separated chunks), the words the index
 * knows with their boosts, the bigrams of the chunks it does not know, and the phrases to look for
 * verbatim. See RankingParams for what each part is for.
 */
export interface QueryPlan {
  /** Every term to score, words and bigram terms (GRAM_PREFIX + bigram), with its boost. */
  terms: { term: string; boost: number }[];
  /** Per piece, its terms' numbers in `terms` (pieces whose words were all dropped as common are left out). */
  pieces: number[][];
  /** The kept words in the order the query says them (for proximity). */
  words: string[];
  /** Chunks worth finding verbatim: several words, or a chunk the index does not know. */
  phrases: string[];
  /** Out-of-vocabulary chunks, searched as their bigrams. */
  unknown: string[];
}

/** What planning needs to know of the index. */
export interface PlanIndex {
  vocab: QueryVocabulary;
  /** Passages holding a word (any field). */
  wordFrequency(word: string): number;
  /** Passages holding a bigram term; 0 when the index has none. */
  gramFrequency(gramTerm: string): number;
  /** Number of passages. */
  total: number;
}

const HAN_RUN = /[\u4e00-\u9fff]+/g;

/**
 * The parts of a query the index does not know as words: each stretch of two or more ideographs no
 * vocabulary word covers (赋优 in 德国赋优), and a short run (2–6) its words cover only with single
 * characters left over, whole (沙马克杰 with only 马克 known, 观音湖马拉松 with 湖 unknown). A run made of
 * words (技能大赛, 宿舍管理) is known enough: its words and the phrase bonus find it.
 * @example unknownChunks("德国赋优 签约", vocab) // ["赋优"] when the vocabulary lacks 赋优
 */
export function unknownChunks(piece: string, vocab: QueryVocabulary, maxWordLength = 8): string[] {
  const out: string[] = [];
  segmentQuery(piece, vocab, maxWordLength, (run, covered) => out.push(...unknownOfRun(run, covered, vocab)));
  return out;
}

/** unknownChunks for one run of ideographs, given which characters its words of two or more cover. */
function unknownOfRun(run: string, covered: Uint8Array, vocab: Pick<ReadonlySet<string>, "has">): string[] {
  if (run.length < 2 || vocab.has(run)) return [];
  const stretches: string[] = [];
  let from = -1;
  for (let i = 0; i <= run.length; i++) {
    if (i < run.length && !covered[i]) {
      if (from < 0) from = i;
    } else if (from >= 0) {
      if (i - from >= 2) stretches.push(run.slice(from, i));
      from = -1;
    }
  }
  // A short run its words split with single characters left over (沙|马克|杰) is one unknown name.
  if (!stretches.length && run.length <= 6 && covered.includes(0)) return [run];
  return stretches;
}

/**
 * Plans a keyword query. Words: the query's vocabulary words, very common ones dropped when rarer
 * ones exist, the rarest `maxTerms` kept, each boosted by its length and rarity. Unknown chunks: their
 * bigrams, together weighing about one word.
 */
export function planQuery(query: string, index: PlanIndex, p: RankingParams): QueryPlan {
  const pieces = normalizeToken(query)
    .split(/[\s,，。、；;:：!！?？()（）“”"'《》<>【】[\]|/]+/)
    .filter(Boolean);
  // Words and unknown chunks of each piece, in one pass over its runs.
  const unknownOf: string[][] = pieces.map(() => []);
  const wordsOf = pieces.map((piece, i) => segmentQuery(piece, index.vocab, 8, (run, covered) => unknownOf[i]!.push(...unknownOfRun(run, covered, index.vocab))));
  const all = [...new Set(wordsOf.flat())];
  // Each word's passage count, looked up once (the sort below asks for it again and again).
  const counts = new Map(all.map((w) => [w, index.wordFrequency(w)]));
  const df = (w: string) => counts.get(w)!;
  const rare = all.filter((w) => df(w) / index.total <= p.commonShare);
  const kept = new Set((rare.length ? rare : all).sort((a, b) => df(a) - df(b)).slice(0, p.maxTerms));
  const idf = (n: number) => Math.log(1 + index.total / Math.max(1, n));

  const terms: QueryPlan["terms"] = [];
  const number = new Map<string, number>();
  const add = (term: string, boost: number): number => {
    const n = number.get(term);
    if (n !== undefined) return n;
    number.set(term, terms.length);
    return terms.push({ term, boost }) - 1;
  };
  const planPieces: number[][] = [];
  const phrases: string[] = [];
  const unknown: string[] = [];
  pieces.forEach((piece, i) => {
    const own: number[] = [];
    const words = wordsOf[i]!.filter((w) => kept.has(w));
    for (const w of words) {
      // Query words are ideographs or Latin/digit runs: no surrogate pairs, so length counts characters.
      const sub = words.some((v) => v.length > w.length && v.includes(w)) ? p.subwordWeight : 1;
      own.push(add(w, sub * (1 + p.lengthBoost * Math.max(0, w.length - 2)) * idf(df(w)) ** p.rarity));
    }
    if (p.bigramWeight > 0) {
      for (const chunk of unknownOf[i]!) {
        // A bigram in most passages (学校) says nothing, as a common word says nothing.
        const grams = [...new Set(Array.from({ length: chunk.length - 1 }, (_, k) => GRAM_PREFIX + chunk.slice(k, k + 2)))].filter((g) => {
          const n = index.gramFrequency(g);
          return n > 0 && n / index.total <= p.commonShare;
        });
        if (!grams.length) continue;
        unknown.push(chunk);
        for (const g of grams) own.push(add(g, (p.bigramWeight * idf(index.gramFrequency(g)) ** p.rarity) / grams.length));
      }
    }
    // A piece of several known words, or one holding an unknown chunk, can be looked for verbatim.
    if (piece.length >= 2 && (wordsOf[i]!.length >= 2 || unknown.length)) {
      for (const m of piece.matchAll(HAN_RUN)) {
        const run = m[0];
        if (run.length >= 2 && !index.vocab.has(run) && (unknown.some((u) => run.includes(u)) || wordsOf[i]!.filter((w) => run.includes(w)).length >= 2)) phrases.push(run);
      }
    }
    if (own.length) planPieces.push([...new Set(own)]);
  });
  const words = all.filter((w) => kept.has(w));
  return { terms: terms.slice(0, 64), pieces: planPieces.map((ns) => ns.filter((n) => n < 64)), words, phrases: [...new Set(phrases)], unknown };
}
