/**
 * The coverage rule: a row answers a question only when every content word of the question's
 * indicator words is accounted for — by the row's label, its parents, its table's title or its
 * column, by the measure its unit gives (人 → 人数), or by a listed filler. Entities, years and
 * polite phrases are removed before (src/answer/question.ts); synonyms are applied before.
 *
 * A word left over is a qualifier the row does not carry: 本科 in 本科升学人数 against the row
 * 升学人数, 省级 in 省级专业教学资源库数 against the total. The row that carries it wins; when no
 * row does, the answer is "not found" naming the word, with the broader row as a suggestion.
 *
 * Coverage is by characters: a character is covered when a bigram it is part of occurs in the
 * row's text, so abbreviations and reordered words still count (双师型教师 ~ “双师型”教师).
 */

import { GENERIC_MEASURE_WORDS, LIGHT_VERBS } from "../text/vocabulary.js";
import { readings } from "./understand/latin.js";

/** Characters that carry no meaning on their own in what is left of a question (particles, measure words, 给/为/向 before whom). */
const FILLER_CHARS = new Set([..."的了是有在中里各共其该等们啥吗呢啊呀吧么哪些位总量值额项次数个多才就都还又也比去到给为向"]);

/**
 * Words that may stand in a question without the row printing them: measure and unit words (a
 * row's unit says them), scope words every report implies, the subjects the reports are about,
 * light verbs (参加 对口高考, 享受 助学金), and words asking for a total, a level or "now".
 * Longest first where one contains another.
 */
export const OPTIONAL_WORDS = [
  ...new Set([
    // measures and units: the generic measure words of the vocabulary, and the unit words
    "人数",
    "人次",
    ...GENERIC_MEASURE_WORDS,
    "万元",
    "亿元",
    "平方米",
    "平方",
    "亩",
    "元",
    "万",
    "分",
    "学时",
    // totals, levels, time
    "合计",
    "总计",
    "一共",
    "总共",
    "全部",
    "整体",
    "情况",
    "水平",
    "规模",
    "数据",
    "统计",
    "现在",
    "目前",
    "当前",
    "今年",
    "年内",
    "年度",
    "学年",
    "年",
    // scope and subject
    "全市",
    "全区",
    "全县",
    "全省",
    "全校",
    "本校",
    "本市",
    "学校",
    "中等职业",
    "中职",
    "职业",
    "院校",
    "职校",
    "毕业生",
    "学生",
    "中职生",
    // the report itself, places of a question
    "报告里",
    "报告中",
    "报告",
    "那边",
    "这边",
    "那里",
    "这里",
    // light verbs (vocabulary LIGHT_VERBS)
    ...LIGHT_VERBS,
    "调查",
    "查下",
    "看看",
    "咋样",
    "具体",
    "大概",
    "大约",
    "分别",
  ]),
];
const OPTIONAL_RE = new RegExp(OPTIONAL_WORDS.join("|"), "g");
const MEANINGFUL = /[^\u4e00-\u9fffA-Za-z0-9%+]/g;

/** A phrase without its optional words (合计中职 → ""): what of it still qualifies a row. */
export function withoutOptional(s: string): string {
  return s.replace(OPTIONAL_RE, "");
}

/** A row's text for coverage: its bigrams (and characters, for a one-character question). */
export interface CoverText {
  grams: Set<string>;
  text: string;
  /** Toneless readings of the text's characters, filled on the first typo check (readsLikeRowChar). */
  sounds?: Set<string>;
}

/** The coverage text of a row: label, parents, table title, column and unit words, joined. */
export function coverTextOf(text: string): CoverText {
  const chars = [...text.replace(MEANINGFUL, " ")];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) if (chars[i] !== " " && chars[i + 1] !== " ") grams.add(chars[i]! + chars[i + 1]!);
  return { grams, text: chars.join("") };
}

/**
 * The words of `query` (normalised indicator words) that `row` leaves unexplained: runs of
 * characters no shared bigram covers, once optional words and filler characters are set aside.
 * A lone character that reads like one of the row's (肚 for 度, 认 for 人) is a typo, not a word.
 *
 * @example leftoverWords("本科升学人数", coverTextOf("毕业生去向落实人数 升学人数")) // ["本科"]
 * @example leftoverWords("升学人数", coverTextOf("毕业生去向落实人数 升学人数")) // []
 */
export function leftoverWords(query: string, row: CoverText): string[] {
  const q = query.replace(MEANINGFUL, "");
  const chars = [...q];
  if (!chars.length) return [];
  const covered = chars.map((c, i) => row.grams.has((chars[i - 1] ?? "") + c) || row.grams.has(c + (chars[i + 1] ?? "")));
  if (chars.length === 1) covered[0] = row.text.includes(chars[0]!);
  // Optional words and fillers are covered wherever they stand (by code unit: all are BMP characters).
  for (const m of q.matchAll(OPTIONAL_RE)) for (let i = m.index; i < m.index + m[0].length; i++) covered[i] = true;
  chars.forEach((c, i) => {
    if (FILLER_CHARS.has(c)) covered[i] = true;
  });
  const runs: string[] = [];
  let run = "";
  chars.forEach((c, i) => {
    if (!covered[i]) run += c;
    else if (run) {
      runs.push(run);
      run = "";
    }
  });
  if (run) runs.push(run);
  return runs.filter((r) => !(r.length === 1 && /[\u4e00-\u9fff]/.test(r) && chars.length >= 3 && readsLikeRowChar(r, row)));
}

const tonelessCache = new Map<string, string[]>();
function toneless(c: string): string[] {
  let r = tonelessCache.get(c);
  if (!r) tonelessCache.set(c, (r = readings(c).map((x) => x.replace(/\d$/, ""))));
  return r;
}

/** Whether a character reads like a character of the row, tones aside (认 for 人, 肚 for 度): a typo. */
function readsLikeRowChar(ch: string, row: CoverText): boolean {
  if (!row.sounds) {
    row.sounds = new Set();
    for (const c of new Set(row.text)) if (/[\u4e00-\u9fff]/.test(c)) for (const x of toneless(c)) row.sounds.add(x);
  }
  return toneless(ch).some((x) => row.sounds!.has(x));
}
