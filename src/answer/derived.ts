import type { AnswerFact } from "../types.js";
import { indicatorLabelEn } from "../text/indicatorNames.js";
import { CHANGE_VERB_SOURCE } from "../text/vocabulary.js";
import { metaOf } from "./answerBase.js";
import { factYear, pickFigure, toAnswerFact, type Gap } from "./figures.js";
import { answering, matchIndicators } from "./indicators.js";
import type { Understood } from "./question.js";
import { formatValue } from "./reply.js";
import type { Loaded } from "./state.js";

/**
 * Figures the reports do not print but two printed figures give: a year's stock from the next year's stock
 * and the change printed against it (2024年专任教师308人，较上年增加117人 → 2023年 191), and a share of two
 * printed figures (升学 803 of 毕业生 1332 → 60.3%). A derived figure is never the answer to a plain
 * question (docs/DESIGN.md: never state a number we did not read): a plain question gets it as a note
 * beside "not printed"; only a question that asks to compute (推算, 算一下, calculate) gets it as its
 * answer, and then always marked （推算） or （计算，报告未直接给出）.
 */

/** Words that ask for a figure to be computed from printed ones. */
export const DERIVE_WORDS = /推算|算一下|算算|算出来?|计算一下|计算(?!机|器)|估算|倒推|反推|\b(?:calculate|compute|derive|work\s+(?:it\s+)?out)\b/gi;

/** Whether a question asks to compute. */
export function asksToDerive(question: string): boolean {
  DERIVE_WORDS.lastIndex = 0;
  const yes = DERIVE_WORDS.test(question);
  DERIVE_WORDS.lastIndex = 0;
  return yes;
}

/** The question without its words asking to compute, for reading what it asks about. */
export function withoutDeriveWords(question: string): string {
  return question.replace(DERIVE_WORDS, " ");
}

/** A figure computed from printed ones, with the printed ones it came from. */
export interface Derived {
  entity: string;
  year: number;
  indicator: string;
  value: number;
  unit: string | null;
  /** The printed figures it was computed from. */
  from: AnswerFact[];
  /** How, in the reply's language: "按2024年308人、较上年增加117人推算". */
  how: string;
  /** "推算" from a printed change, "计算" for a share of two printed figures. */
  kind: "推算" | "计算";
}

/** Change words that mean the figure went down: the year before was higher. */
const DOWN = /下降|减少|降低|回落/;
/** A change stated against the year before (较上年, 比去年, 同比): only such a change gives the year before. */
const AGAINST_LAST_YEAR = /[比较](?:上一?年度?|去年|上一?学年|前一年)|同比/;

/**
 * The stock of `gap.year` from the stock printed for the year after and the change printed against it, when the
 * report prints both in one unit and the change is said against the year before; null otherwise.
 */
export function fromPrintedChange(state: Loaded, u: Understood, gap: Gap): Derived | null {
  if (gap.reason !== "no-year" || !gap.entry || gap.year === null) return null;
  const meta = metaOf(state, gap.report);
  const next = gap.year + 1;
  const stock = gap.entry.facts.find((f) => factYear(f, meta) === next && typeof f.value === "number");
  if (!stock) return null;
  const endsInChange = new RegExp(`${CHANGE_VERB_SOURCE}(?:人数|人次|数)?$`);
  const matches = answering(matchIndicators(`${gap.entry.leaf}增加`, state.lookup([gap.report]))).filter((m) => endsInChange.test(m.entry.leaf));
  const picked = pickFigure(matches, gap.report, next, meta).picked;
  const change = picked?.fact;
  if (!change || typeof change.value !== "number" || change.unit !== stock.unit || !AGAINST_LAST_YEAR.test(change.context ?? change.raw)) return null;
  // The change must be of this stock: its row is the stock's name with a change verb (专任教师人数, 专任教师增加人数).
  const stem = (leaf: string) => leaf.replace(new RegExp(CHANGE_VERB_SOURCE), "").replace(/(?:人数|人次|数)$/, "");
  if (stem(picked.entry.leaf) !== stem(gap.entry.leaf)) return null;
  const down = DOWN.test(picked.entry.leaf);
  const value = Math.round(((stock.value as number) - (down ? -1 : 1) * change.value) * 10000) / 10000;
  const verb = new RegExp(CHANGE_VERB_SOURCE).exec(picked.entry.leaf)?.[0] ?? "增加";
  const s = toAnswerFact(stock);
  const c = toAnswerFact(change);
  const how =
    u.lang === "zh"
      ? `按${next}年${formatValue(s)}（第${s.line}行）、较上年${verb}${formatValue(c)}（第${c.line}行）推算`
      : `from ${next}: ${formatValue(s)} (line ${s.line}) and the change printed against the year before, ${verb} ${formatValue(c)} (line ${c.line})`;
  return { entity: stock.entity, year: gap.year, indicator: stock.indicator, value, unit: stock.unit, from: [s, c], how, kind: "推算" };
}

/** "A占B的比例", "A/B", "A除以B": a share of two figures, each named. */
const SHARE = /^(.+?)(?:占|\/|÷|除以)(.+?)(?:的)?(?:比例|比重|百分比|占比)?$/;

/**
 * A share of two printed figures of one report and year, when the question names both (升学人数占毕业生人数的比例);
 * null when it names no two such figures.
 */
export function printedShare(state: Loaded, u: Understood): Derived | null {
  if (u.reports.length !== 1) return null;
  const m = SHARE.exec(u.indicatorQuery.replace(/\s+/g, ""));
  if (!m) return null;
  const report = u.reports[0]!;
  const meta = metaOf(state, report);
  const year = u.years.length === 1 ? u.years[0]! : null;
  const pick = (words: string) => pickFigure(answering(matchIndicators(words, state.lookup([report]))), report, year, meta).picked?.fact;
  const a = pick(m[1]!);
  const b = pick(m[2]!);
  if (!a || !b || typeof a.value !== "number" || typeof b.value !== "number" || b.value === 0 || a.unit !== b.unit) return null;
  if (factYear(a, meta) !== factYear(b, meta) || a.indicator === b.indicator) return null;
  const x = toAnswerFact(a);
  const y = toAnswerFact(b);
  const value = Math.round(((x.value as number) / (y.value as number)) * 1000) / 10;
  const how = u.lang === "zh" ? `${formatValue(x)}（第${x.line}行）÷ ${formatValue(y)}（第${y.line}行）` : `${formatValue(x)} (line ${x.line}) ÷ ${formatValue(y)} (line ${y.line})`;
  return { entity: x.entity, year: factYear(a, meta) ?? 0, indicator: `${m[1]}/${m[2]}`, value, unit: "%", from: [x, y], how, kind: "计算" };
}

/**
 * A derived figure as a reply says it: as the answer ("云溪市 2023年 专任教师：191 人（推算）") when the question
 * asked to compute, else as a note offering it ("报告未直接给出…；按…推算为 191（推算）").
 */
export function derivedSentence(d: Derived, lang: "zh" | "en", asked: boolean): string {
  const unit = d.unit === "%" ? "%" : d.unit ? (lang === "zh" ? ` ${d.unit}` : ` ${d.unit}`) : "";
  const mark = d.kind === "推算" ? (lang === "zh" ? "（推算）" : " (derived)") : lang === "zh" ? "（计算，报告未直接给出）" : " (computed, not printed in the report)";
  const value = `${d.value}${unit}${mark}`;
  if (lang === "en") {
    const what = `${d.entity} ${d.year || ""} ${d.kind === "推算" ? indicatorLabelEn(d.indicator) : d.indicator}`.replace(/\s+/g, " ");
    return asked ? `${what}: ${value}\nHow: ${d.how}.` : `The report prints no ${d.year || ""} figure; ${d.how} it would be ${value}.`.replace(/\s+/g, " ");
  }
  const what = `${d.entity} ${d.year ? `${d.year}年 ` : ""}${d.indicator}`;
  if (asked) return `${what}：${value}\n算法：${d.how}${d.kind === "推算" ? "" : ` = ${d.value}%`}。`;
  return d.kind === "推算" ? `报告未直接给出${d.year}年数字；${d.how}为 ${value}。` : `报告未直接给出这一比例；${d.how}，计算为 ${value}。`;
}
