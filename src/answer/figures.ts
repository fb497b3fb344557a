import type { AnswerFact, Fact, ReportMeta } from "../types.js";
import type { IndicatorEntry, IndicatorMatch } from "./indicators.js";
import { MATCH_PARAMS, type MatchParams } from "./matchParams.js";
import { CHANGE_VERB_SOURCE } from "../text/vocabulary.js";
import { slotConflicts } from "./indicatorModel.js";

/**
 * Picks the figures that answer a question once its indicator candidates are known:
 * one value, several (years × entities), or one per report for a ranking. Never invents a
 * value: a cell printed as missing stays missing, and "nothing for that year" is a result.
 */

/** A figure picked for an answer, with the entry it came from. */
export interface Picked {
  fact: Fact;
  entry: IndicatorEntry;
  score: number;
}

/** Why no figure was picked for an (entity, year): what the caller tells the user instead. */
export interface Gap {
  report: string;
  year: number | null;
  /** The best-matching row, when there is one. */
  entry: IndicatorEntry | null;
  /** "missing": the row prints no value for that year; "no-year": the row has no such year; "no-indicator": no row matches. */
  reason: "missing" | "no-year" | "no-indicator";
  /** Years the row does have values for. */
  availableYears: number[];
}

/** The effective year of a fact: its own, or the report's latest data year for an undated table. */
export function factYear(f: Fact, meta: ReportMeta | undefined): number | null {
  return f.year ?? meta?.latestDataYear ?? null;
}

/** Years an entry has real (non-missing) values for, ascending. */
export function yearsWithValues(entry: IndicatorEntry, meta: ReportMeta | undefined): number[] {
  const ys = new Set<number>();
  for (const f of entry.facts) {
    const y = factYear(f, meta);
    if (y !== null && f.value !== null) ys.add(y);
  }
  return [...ys].sort((a, b) => a - b);
}

function valueFor(entry: IndicatorEntry, year: number | null, meta: ReportMeta | undefined): { fact: Fact | null; missing: boolean } {
  const atYear = entry.facts.filter((f) => year === null || factYear(f, meta) === year);
  // Prefer the column of that very year over an undated one.
  atYear.sort((a, b) => Number(b.year !== null) - Number(a.year !== null) || a.line - b.line);
  const withValue = atYear.find((f) => f.value !== null);
  if (withValue) return { fact: withValue, missing: false };
  return { fact: null, missing: atYear.length > 0 };
}

/**
 * The figure of one report for one year (null year: the latest year the best row has).
 * Among matches tied with the best, a row that has a value wins over one that prints "-";
 * a table row wins over running text.
 */
export function pickFigure(
  matches: IndicatorMatch[],
  report: string,
  year: number | null,
  meta: ReportMeta | undefined,
  p: MatchParams = MATCH_PARAMS,
): { picked: Picked | null; gap: Gap | null; year: number | null } {
  const own = matches.filter((m) => m.entry.report === report);
  if (!own.length) return { picked: null, gap: { report, year, entry: null, reason: "no-indicator", availableYears: [] }, year };
  // Tables answer figures; running text only when no table row matches well.
  const fromTables = own.filter((m) => m.entry.source === "table" && m.score >= p.tableFirst);
  const pool = fromTables.length ? fromTables : own;
  const best = pool[0].score;
  const tied = pool.filter((m) => m.score >= best - p.tie);
  const targetYear = year ?? latestYear(tied, meta);
  for (const source of ["table", "text"] as const) {
    for (const m of tied) {
      if (m.entry.source !== source) continue;
      const { fact } = valueFor(m.entry, targetYear, meta);
      if (fact) return { picked: { fact, entry: m.entry, score: m.score }, gap: null, year: targetYear };
    }
  }
  const top = pool[0].entry;
  const { missing } = valueFor(top, targetYear, meta);
  return {
    picked: null,
    gap: { report, year: targetYear, entry: top, reason: missing ? "missing" : "no-year", availableYears: yearsWithValues(top, meta) },
    year: targetYear,
  };
}

function latestYear(matches: IndicatorMatch[], meta: ReportMeta | undefined): number | null {
  let latest: number | null = null;
  for (const m of matches) for (const y of yearsWithValues(m.entry, meta)) latest = latest === null ? y : Math.max(latest, y);
  return latest;
}

/**
 * For a comparison across years, the row that has the most of the asked years among those tied
 * with the best, so a three-year question is answered from the one table that has all three.
 */
export function preferCoverage(matches: IndicatorMatch[], report: string, years: number[], meta: ReportMeta | undefined, p: MatchParams = MATCH_PARAMS): IndicatorMatch[] {
  const own = matches.filter((m) => m.entry.report === report);
  if (!own.length || years.length < 2) return own;
  const best = own[0].score;
  const cover = (m: IndicatorMatch) => years.filter((y) => valueFor(m.entry, y, meta).fact).length;
  const tied = own.filter((m) => m.score >= best - p.coverageWindow).sort((a, b) => cover(b) - cover(a) || b.score - a.score);
  return [...tied, ...own.filter((m) => m.score < best - p.coverageWindow)];
}

/**
 * "多少人" settles a near tie between rows: those within `unitWindow` of the best printed in the asked
 * unit get `unitBonus`, and the matches are sorted again.
 */
export function preferUnit(matches: IndicatorMatch[], unit: string | null, p: MatchParams = MATCH_PARAMS): IndicatorMatch[] {
  if (!unit || matches.length < 2) return matches;
  const best = matches[0].score;
  return matches.map((m) => (m.score >= best - p.unitWindow && m.entry.facts[0]?.unit === unit ? { ...m, score: m.score + p.unitBonus } : m)).sort((a, b) => b.score - a.score);
}

/**
 * The same figure as printed elsewhere in the same report: other tables' rows (or running text)
 * naming the same indicator, whose value for that year differs from the picked one. Child rows of
 * other parents (国际影响表's 其中：在校生数) are another measure, not a variant.
 */
export function findVariants(picked: Picked, catalog: IndicatorEntry[], meta: ReportMeta | undefined): Fact[] {
  const year = factYear(picked.fact, meta);
  const out: Fact[] = [];
  for (const e of catalog) {
    if (e.report !== picked.entry.report || e.key === picked.entry.key || e.columnLabel !== picked.entry.columnLabel) continue;
    // One table prints one figure once: another row of it (毕业生去向落实人数 beside 毕业生人数) is another indicator.
    if (e.tableId !== null && e.tableId === picked.entry.tableId) continue;
    // A change (毕业生增加1312人) is not the figure printed differently.
    if (CHANGE_LABEL.test(e.leaf)) continue;
    if (e.path.length > 1 && e.source === "table" && e.path[0] !== picked.entry.path[0]) continue;
    if (!sameMeaning(e.leaf, picked.entry.leaf)) continue;
    // A figure with other qualifiers (生均民办公用经费 beside 生均公用经费) is another measure, never a conflict.
    if (slotConflicts(e.slots, picked.entry.slots).length) continue;
    const { fact } = valueFor(e, year, meta);
    if (!fact || !compatible(fact, picked.fact) || sameValue(fact.value, picked.fact.value) || roundsTo(fact, picked.fact) || roundsTo(picked.fact, fact)) continue;
    if (!out.some((f) => sameValue(f.value, fact.value))) out.push(fact);
  }
  return out;
}

const CHANGE_LABEL = new RegExp(`(?:${CHANGE_VERB_SOURCE}|增幅|降幅|变化)(?:人数|人次|数)?$`);
const SCOPE_PREFIX = /^(?:全日制|全市|全区|全校|本校|校内|学校|中职学校|中职)/;
const MEASURE_SUFFIX = /(?:总数|人数|数量|数)$/;

/**
 * Two labels name the same measure: equal once scope words (全日制, 全市) and a count suffix
 * (人数, 数量) are set aside (在校生数量 ~ 全日制在校生人数, 升学人数 ~ 升学), or one is the other
 * with a few words inserted in the middle (生均仪器设备值 ~ 生均教学科研仪器设备值).
 * 普通高中在校生数 is not 在校生数: a different qualifier is a different measure.
 */
function sameMeaning(a: string, b: string): boolean {
  const core = (s: string) => s.replace(SCOPE_PREFIX, "").replace(MEASURE_SUFFIX, "");
  if (a === b || core(a) === core(b)) return true;
  const [short, long] = [...a].length <= [...b].length ? [[...a], [...b]] : [[...b], [...a]];
  if (short.length < 4 || long.length - short.length > 4) return false;
  if (short.slice(0, 2).join("") !== long.slice(0, 2).join("") || short.slice(-2).join("") !== long.slice(-2).join("")) return false;
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** Units that cannot describe the same figure (人 vs %), and a rate against a count. */
function compatible(a: Fact, b: Fact): boolean {
  const unit = (f: Fact) => (f.unit ?? "").replace("名", "人").replace("％", "%") || null;
  const ua = unit(a);
  const ub = unit(b);
  if (ua && ub && ua !== ub) return false;
  const isRate = (f: Fact) => unit(f) === "%" || /率|比例|占比|满意度/.test(f.indicator);
  return isRate(a) === isRate(b);
}

/** Equal as printed numbers: 15.71 and "15.71:1" are the same ratio. */
/**
 * An approximate figure agrees with an exact one it rounds to (约2.53万人 and 25296): it is no other number.
 * The step is the printed precision: 2.53万 → 100, 2500余 → 100, 约16:1 → 1.
 */
export function roundsTo(approx: Fact, exact: Fact): boolean {
  if (!approx.qualifier || exact.qualifier) return false;
  const x = asNumber(approx.value);
  const y = asNumber(exact.value);
  const digits = /(\d+)(?:\.(\d+))?\s*(万|亿)?/.exec(approx.raw);
  if (x === null || y === null || !digits) return false;
  const scale = digits[3] === "万" ? 1e4 : digits[3] === "亿" ? 1e8 : 1;
  const step = digits[2] ? 10 ** -digits[2].length * scale : scale * 10 ** (/0+$/.exec(digits[1]!)?.[0].length ?? 0);
  return Math.abs(x - y) <= step;
}

function sameValue(a: Fact["value"], b: Fact["value"]): boolean {
  const x = asNumber(a);
  const y = asNumber(b);
  return x !== null && y !== null ? Math.abs(x - y) < 1e-9 : String(a) === String(b);
}

function asNumber(v: Fact["value"]): number | null {
  if (typeof v === "number") return v;
  const m = typeof v === "string" ? /^(\d+(?:\.\d+)?)[:：]1$/.exec(v) : null;
  return m ? Number(m[1]) : null;
}

/** The contract's view of a fact. */
export function toAnswerFact(f: Fact): AnswerFact {
  const { entity, report, table, tableNumber, tableId, indicator, year, column, value, raw, unit, line, source } = f;
  return { entity, report, table, tableNumber, tableId, indicator, year, column, value, raw, unit, line, ...(f.page ? { page: f.page } : {}), source };
}

/** Absolute and relative change between two numeric figures, or null when either is not a number. */
export function change(from: Fact, to: Fact): { delta: number; pct: number | null } | null {
  if (typeof from.value !== "number" || typeof to.value !== "number") return null;
  const delta = round(to.value - from.value);
  return { delta, pct: from.value === 0 ? null : round((100 * (to.value - from.value)) / Math.abs(from.value)) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
