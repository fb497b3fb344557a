/**
 * Every gate and weight of indicator matching, in one place (like MiniSearch's `BM25Params`).
 * A score is built as `leafWeight × leafCover + queryWeight × queryCover` plus the bonuses and
 * penalties below; gates return 0 outright. docs/DESIGN.md ("Indicator matching") explains them
 * together. Tests pin each one on a two-row catalogue where it decides the winner.
 */
export interface MatchParams {
  /** Gate: share of a row's label (by bigram IDF weight) the question must name. 0.5 keeps 接收国外访学教师人数 from answering 接收国外留学生人数. Range 0.3–0.8. */
  minLeafCover: number;
  /** Gate: a label opening with a word the question lacks (高级 in 高级双师型教师比例) is narrower than asked and rejected; an opening of one character (a misprint: 教教职工) only when the question names less than this share of the label. Range 0.6–1. */
  labelStartCover: number;
  /** Gate: share of the question a table row must explain when it leaves some word unexplained. Range 0.1–0.5. */
  minQueryCoverTable: number;
  /** Gate: the same for a sentence of running text, which is noisier. Range 0.2–0.6. */
  minQueryCoverText: number;
  /** Weight of how much of the row's label the question names. leafWeight + queryWeight = 1. */
  leafWeight: number;
  /** Weight of how much of the question the row (with parents and column) explains. */
  queryWeight: number;
  /** Penalty: a child row whose parent the question does not name (其中：在校生数 under 中外合作办学专业数). */
  childWithoutParent: number;
  /** Bonus: the question names the last bigram of the label (its head noun). */
  labelHead: number;
  /** Bonus: the question contains the whole label. */
  wholeLabel: number;
  /** Bonus: the question ends with the label or its column (Chinese puts the head noun last). */
  endsWithLabel: number;
  /** Penalty: a table row that explains none of the question's head (毕业生 for 毕业生月收入). */
  headMissed: number;
  /** Bonus: the question names a qualified row's own label (省级数量) too. */
  rowLabelNamed: number;
  /** Penalty: a column with words of its own (占比, 调查人数) the question does not say. */
  unaskedColumn: number;
  /** Bonus: a row of one of the six standard appendix tables, the reports' reference figures. */
  standardTable: number;
  /** Penalty: a label printed with a scope word (全日制在校生人数) against a plainer one. */
  scopedLabel: number;
  /** Penalty: a sentence of running text against a table row. */
  runningText: number;
  /** Below this score a row is not a reading of the question at all. */
  minScore: number;
  /** Rows within this much of the best are the same reading (the one with a value for the year wins). */
  tie: number;
  /** A table row scoring at least this is preferred to any sentence of running text. */
  tableFirst: number;
  /** For several years, rows this close to the best compete on how many of the years they have. */
  coverageWindow: number;
  /** "多少人": rows within this much of the best printed in the asked unit get `unitBonus`. */
  unitWindow: number;
  /** Bonus for a row printed in the unit the question asks in. */
  unitBonus: number;
}

/** The defaults: fitted on dev.jsonl, checked on dev2.jsonl and on the engine tests' own questions. */
export const MATCH_PARAMS: Readonly<MatchParams> = Object.freeze({
  minLeafCover: 0.5,
  labelStartCover: 0.75,
  minQueryCoverTable: 0.25,
  minQueryCoverText: 0.4,
  leafWeight: 0.6,
  queryWeight: 0.4,
  childWithoutParent: 0.05,
  labelHead: 0.05,
  wholeLabel: 0.15,
  endsWithLabel: 0.1,
  headMissed: 0.15,
  rowLabelNamed: 0.1,
  unaskedColumn: 0.2,
  standardTable: 0.03,
  scopedLabel: 0.04,
  runningText: 0.05,
  minScore: 0.5,
  tie: 0.08,
  tableFirst: 0.5,
  coverageWindow: 0.25,
  unitWindow: 0.08,
  unitBonus: 0.04,
});
