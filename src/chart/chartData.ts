/**
 * What a chart of an answer shows, decided from the answer's facts alone: one bar per figure,
 * labelled by what differs between the figures (the report, the year, or both as groups), the
 * value as printed, the shared unit, and each bar's source. Only answers whose figures can share
 * one axis get a chart; every other answer gets the reason it has none.
 */
import { APPROXIMATE_RAW, replyLang, type Lang } from "../answer/reply.js";
import { indicatorLabelEn, unitEn } from "../text/indicatorNames.js";
import type { Answer, AnswerFact } from "../types.js";

/** One bar. */
export interface ChartBar {
  /** The category the bar stands for: a report's entity, a year, or an indicator. */
  label: string;
  /** The second category when both report and year differ (grouped bars coloured by year), else null. */
  group: string | null;
  value: number;
  /** The value written on the bar, in one format for every bar ("3,319", "98.62", "17.6:1"; an approximate figure as printed). */
  shown: string;
}

/** Everything a renderer needs; plain data, no library types. */
export interface ChartData {
  lang: Lang;
  /** "月收入（元）": what is measured and in what. */
  title: string;
  /** What the figures are of: "江门市 · 2023–2024年", "2024年 · 4 份报告排名". */
  subtitle: string;
  /** The unit shared by every bar, or null. */
  unit: string | null;
  /** Years read left to right; reports and rankings top to bottom (long names, ranked order). */
  orientation: "vertical" | "horizontal";
  bars: ChartBar[];
  /** One line per bar: which report, table, row and line its value comes from. */
  footnotes: string[];
  /** What the reply says beside the figures, drawn above the sources: the changes between years, the difference, the caveats. */
  notes: string[];
}

/** Why an answer has no chart. */
export type NoChartReason = "no-figures" | "one-figure" | "not-numeric" | "mixed-units" | "too-many";

/** A chart, or the reason there is none. */
export type ChartResult = { ok: true; chart: ChartData } | { ok: false; reason: NoChartReason };

/** Most bars drawn: more would not be readable in a phone's photo viewer. */
export const MAX_BARS = 24;

/**
 * The chart of an answer: comparisons, changes over years and rankings with two or more numeric
 * figures in one unit. A ratio printed "17.6:1" is charted as 17.6.
 *
 * @example chartOf(engine.ask("江门 月收入 2023 vs 2024")) // { ok: true, chart: { title: "月收入（元）", orientation: "vertical", bars: [2023: 3319, 2024: 3360], … } }
 * @example chartOf(engine.ask("遂宁 2024 升学人数")) // { ok: false, reason: "one-figure" }
 */
export function chartOf(answer: Answer): ChartResult {
  const lang = replyLang(answer.question);
  // An English chart names the reports in English; the sources keep the tables' and rows' printed names.
  const names = answer.entityNames ?? {};
  const facts = lang === "en" ? answer.facts.map((f) => ({ ...f, entity: names[f.entity] ?? f.entity })) : answer.facts;
  // A chart of the first few of many figures would look like all of them.
  if (facts.length > MAX_BARS) return { ok: false, reason: "too-many" };
  if (facts.length === 0) return { ok: false, reason: "no-figures" };
  if (facts.length === 1) return { ok: false, reason: "one-figure" };
  const values = facts.map(numericValue);
  if (values.some((v) => v === null)) return { ok: false, reason: "not-numeric" };
  const units = new Set(facts.map(unitOf));
  if (units.size > 1) return { ok: false, reason: "mixed-units" };
  const unit = [...units][0] ?? null;

  const entities = distinct(facts.map((f) => f.entity));
  const years = distinct([...facts].sort((a, b) => (a.year ?? 0) - (b.year ?? 0)).map((f) => yearText(f, lang)));
  const indicators = distinct(facts.map((f) => leaf(f.indicator)));
  // A ranking keeps one bar per report in ranked order; a year that differs goes into its label.
  const ranked = answer.intent === "rank";
  const grouped = !ranked && entities.length > 1 && years.length > 1;
  const byYearOnly = entities.length === 1 && years.length > 1;
  const bars: ChartBar[] = facts.map((f, k) => {
    const year = ranked && years.length > 1 ? `（${yearText(f, lang)}）` : !grouped && years.length > 1 ? ` ${yearText(f, lang)}` : "";
    const parts = [entities.length > 1 ? f.entity : "", year, indicators.length > 1 ? ` ${leaf(f.indicator)}` : ""].join("").trim();
    return { label: parts || f.entity, group: grouped ? yearText(f, lang) : null, value: values[k]!, shown: shownValue(f) };
  });
  // Two bars with one label would be drawn in one place: name them by their column, then by number.
  const key = (b: ChartBar) => `${b.label}\u0000${b.group ?? ""}`;
  if (new Set(bars.map(key)).size < bars.length) bars.forEach((b, k) => (b.label = `${b.label}（${facts[k]!.column}）`));
  if (new Set(bars.map(key)).size < bars.length) bars.forEach((b, k) => (b.label = `${k + 1}. ${b.label}`));
  if (byYearOnly) bars.sort((a, b) => a.label.localeCompare(b.label));

  const measured = indicators.length === 1 ? (lang === "en" ? indicatorLabelEn(indicators[0]!) : indicators[0]!) : lang === "zh" ? "各项指标" : "indicators";
  const shownUnit = unit && lang === "en" ? unitEn(unit) : unit;
  const title = shownUnit ? (lang === "zh" ? `${measured}（${shownUnit}）` : `${measured}, ${shownUnit}`) : measured;
  const about = [entities.length === 1 ? entities[0]! : "", yearSpan(years, lang), ranked ? rankWords(facts.length, lang) : ""].filter(Boolean);
  return {
    ok: true,
    chart: {
      lang,
      title,
      subtitle: about.join(" · "),
      unit,
      orientation: byYearOnly ? "vertical" : "horizontal",
      bars,
      footnotes: facts.map((f) => footnote(f, lang)),
      notes: chartNotes(answer, lang, names),
    },
  };
}

/** A sentence for a person who asked for a chart the answer cannot have. */
export function noChartSentence(reason: NoChartReason, lang: Lang): string {
  const zh: Record<NoChartReason, string> = {
    "no-figures": "这个回答里没有数字，画不了图表。图表用于比较、历年变化和排名，例如「江门 月收入 2023 vs 2024 画图」。",
    "one-figure": "这个回答只有一个数字，画不了图表。图表用于比较、历年变化和排名，例如「江门 月收入 2023 vs 2024 画图」。",
    "not-numeric": "这些数字里有文字或空白的项，画不了图表。",
    "mixed-units": "这些数字的单位不同，不能画在同一张图表上。",
    "too-many": `数字太多（超过 ${MAX_BARS} 个），一张图表看不清；请缩小范围再画。`,
  };
  const en: Record<NoChartReason, string> = {
    "no-figures": 'This answer has no figures to chart. Charts are for comparisons, changes over years and rankings, e.g. "Jiangmen monthly income 2023 vs 2024 chart".',
    "one-figure": 'This answer is a single figure: nothing to chart. Charts are for comparisons, changes over years and rankings, e.g. "Jiangmen monthly income 2023 vs 2024 chart".',
    "not-numeric": "Some of these values are text or blank: they cannot be charted.",
    "mixed-units": "These figures have different units: they cannot share one chart.",
    "too-many": `Too many figures (over ${MAX_BARS}) for one readable chart: narrow the question down.`,
  };
  return (lang === "zh" ? zh : en)[reason];
}

/** The number a bar is drawn to: the value, or x of a ratio "x:1". */
export function numericValue(f: Pick<AnswerFact, "value">): number | null {
  if (typeof f.value === "number" && Number.isFinite(f.value)) return f.value;
  const m = typeof f.value === "string" ? /^(\d+(?:\.\d+)?)\s*[:：]\s*1$/.exec(f.value) : null;
  return m ? Number(m[1]) : null;
}

function unitOf(f: AnswerFact): string | null {
  // A ratio "17.6:1" has no unit, like the bare 17.06 another report prints for the same 生师比.
  if (typeof f.value === "string") return null;
  const u = f.unit?.trim();
  return !u || /^[:：/]$/.test(u) ? null : u === "％" ? "%" : u;
}

/**
 * The value on a bar, one format for all (reports print 3,319 and 3000 side by side): digits grouped by
 * thousands, at most two decimals. A ratio (17.6:1) and an approximate figure (约2.53万) stay as printed.
 */
export function shownValue(f: Pick<AnswerFact, "value" | "raw">): string {
  const raw = f.raw.trim();
  if (typeof f.value !== "number" || APPROXIMATE_RAW.test(raw)) return /\d/.test(raw) && raw.length <= 14 ? raw : String(f.value);
  return f.value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/**
 * What the reply says beside the figures, for the chart: each change between years (2023→2024: +41, +1.24%)
 * and the answer's notes (the difference and ratio, a school among regions, years that differ).
 */
function chartNotes(answer: Answer, lang: Lang, names: Record<string, string>): string[] {
  const name = (e: string) => (lang === "en" ? (names[e] ?? e) : e);
  const changes = answer.changes.map((c) => {
    const sign = c.delta > 0 ? "+" : "";
    const delta = `${sign}${c.delta.toLocaleString("en-US", { maximumFractionDigits: 2 })}`;
    const pct = c.pct === null ? "" : lang === "zh" ? `，${sign}${c.pct}%` : `, ${sign}${c.pct}%`;
    return lang === "zh" ? `变化（${c.entity} ${c.fromYear}→${c.toYear}）：${delta}${pct}` : `Change (${name(c.entity)} ${c.fromYear}→${c.toYear}): ${delta}${pct}`;
  });
  const notes = (answer.notes ?? []).map((n) => (lang === "en" ? Object.entries(names).reduce((t, [zh, en]) => t.replaceAll(zh, en), n) : n));
  return [...changes, ...notes];
}

function yearText(f: AnswerFact, lang: Lang): string {
  if (f.year === null) return f.column;
  return lang === "zh" ? `${f.year}年` : String(f.year);
}

function yearSpan(years: string[], lang: Lang): string {
  if (years.length <= 2) return years.join(lang === "zh" ? "、" : ", ");
  return `${years[0]}–${years[years.length - 1]}`;
}

function rankWords(n: number, lang: Lang): string {
  return lang === "zh" ? `${n} 份报告排名` : `ranking of ${n} reports`;
}

function footnote(f: AnswerFact, lang: Lang): string {
  const where = f.table ? `${f.tableNumber ? `${f.tableNumber} ` : ""}${f.table} › ${f.indicator}` : lang === "zh" ? `正文 › ${f.indicator}` : `running text › ${f.indicator}`;
  const who = `${f.entity} ${yearText(f, lang)}`;
  return lang === "zh" ? `${who}：${f.report} 第${f.line}行 · ${where}` : `${who}: ${f.report} line ${f.line} · ${where}`;
}

function leaf(indicator: string): string {
  const name = indicator.split(" › ").pop() ?? indicator;
  return name.replace(/^其中[:：]/, "");
}

function distinct(xs: string[]): string[] {
  return [...new Set(xs)];
}
