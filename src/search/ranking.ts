/**
 * Every weight and threshold of passage ranking, in one typed object (the way MiniSearch documents
 * `BM25Params`). The algorithm they tune is explained once, in docs/DESIGN.md ("Passage ranking");
 * each knob has a test on a tiny corpus where it decides the winner (tests/search/ranking.test.ts).
 *
 * Fitted on bench/judged-queries.jsonl only; bench/heldout-queries.jsonl is never used for fitting.
 */
export interface RankingParams {
  /**
   * Field boosts of lunr's BM25F (index time: changing them needs `zhibao index`). A case title
   * says most about a passage, then its section path, then its body. Range 1–8.
   */
  fieldBoosts: { title: number; section: number; body: number };
  /**
   * BM25 saturation and length normalisation of the character-bigram postings (index time), lunr's
   * own defaults for its word postings. k1 in 1–2, b in 0–1.
   */
  bigram: { k1: number; b: number };
  /**
   * A query word in more than this share of all passages (学校, 职业) is dropped when the query has
   * rarer words: it matches nearly everything and only adds noise and time. Range 0.1–0.5.
   */
  commonShare: number;
  /** At most this many words per query, the rarest: they decide the ranking anyway. Range 6–16. */
  maxTerms: number;
  /** Each ideograph beyond two adds this to a word's boost: 宿舍楼 says more than 宿舍. Range 0–1. */
  lengthBoost: number;
  /**
   * A query word inside a longer query word (技能 and 大赛 in 技能大赛) has its boost × this. The index
   * holds the sub-words too (cut-for-search), so they still find passages that say only 大赛, but counted
   * in full they would make one compound weigh three words and outweigh a rare name beside it. Range 0–1.
   */
  subwordWeight: number;
  /**
   * Rare words weigh more than BM25's IDF alone gives them: a word's boost × idf^rarity (idf = ln(N/df)).
   * A name found in two passages (文轩杯) then outweighs a common word found often in one passage
   * (技能大赛). 0 is plain BM25; range 0–2.
   */
  rarity: number;
  /**
   * Coordination: a passage's score × (share of the query's pieces it matches)^coordination, a piece
   * being a space-separated chunk of the query (its words' boosts). A passage matching both 马拉松 and
   * 志愿服务 beats one repeating only 志愿服务. 0 turns it off; range 0–4.
   */
  coordination: number;
  /**
   * Out-of-vocabulary fallback: a query chunk the index does not know as a word (a name jieba split
   * differently, 观音湖马拉松) is also searched as its character bigrams, each with this boost divided by
   * the chunk's bigram count (so all of a chunk's bigrams together weigh about one word). 0 turns it off.
   */
  bigramWeight: number;
  /**
   * Phrase bonus: a passage whose title or text holds a query chunk of two or more words (or an
   * out-of-vocabulary chunk) verbatim scores × (1 + phrase × share of such chunks it holds). Range 0–2.
   */
  phrase: number;
  /**
   * Proximity bonus: query words standing within `proximityWindow` characters of each other (in any
   * order) score × (1 + proximity × closeness), closeness 1 when adjacent, 0 at the window's edge,
   * averaged over neighbouring query words. Range 0–1.
   */
  proximity: number;
  /** See `proximity`. Characters; range 10–80. */
  proximityWindow: number;
  /**
   * Only this many of the best-scored candidates get the phrase and proximity bonuses (they read the
   * passage's text): the bonuses reorder the head of the list, the tail stays BM25's. Range 20–200.
   */
  rerankDepth: number;
  /** A case study's score × this when the question says 案例 (`preferCases`). Range 1–3. */
  preferCases: number;
  /**
   * Score × this per kind of passage: a table row or caption is one line, and a short line wins
   * BM25's length normalisation easily, so they are kept a little behind running text that says the
   * same. Range 0.3–1.
   */
  kindWeights: { paragraph: number; case: number; table: number; caption: number };
}

/** The defaults: fitted on bench/judged-queries.jsonl (the fitting split). */
export const DEFAULT_RANKING: Readonly<RankingParams> = Object.freeze({
  fieldBoosts: { title: 4, section: 1.5, body: 1 },
  bigram: { k1: 1.2, b: 0.75 },
  commonShare: 0.25,
  maxTerms: 10,
  lengthBoost: 0.5,
  subwordWeight: 0.3,
  rarity: 1,
  coordination: 2,
  bigramWeight: 1,
  phrase: 0.5,
  proximity: 0.3,
  proximityWindow: 30,
  rerankDepth: 20,
  preferCases: 1.5,
  kindWeights: { paragraph: 1, case: 1, table: 0.8, caption: 0.5 },
});

/** The defaults with some knobs changed (nested objects merged one level deep). */
export function rankingParams(overrides: Partial<RankingParams> = {}): RankingParams {
  const d = DEFAULT_RANKING;
  return {
    ...d,
    ...overrides,
    fieldBoosts: { ...d.fieldBoosts, ...overrides.fieldBoosts },
    bigram: { ...d.bigram, ...overrides.bigram },
    kindWeights: { ...d.kindWeights, ...overrides.kindWeights },
  };
}
