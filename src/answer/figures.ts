import type { AnswerFact, Fact, ReportMeta } from "../types.js";
import type { IndicatorEntry, IndicatorMatch } from "./indicators.js";

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

/** Matches within this much of the best count as the same reading of the question. */
const TIE = 0.08;
/** A table row matching at least this well is preferred to any sentence of running text. */
const TABLE_FIRST = 0.6;
/** For a question over several years, rows this close to the best compete on how many of the years they have. */
const COVERAGE_WINDOW = 0.25;

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
): { picked: Picked | null; gap: Gap | null; year: number | null } {
  const own = matches.filter((m) => m.entry.report === report);
  if (!own.length) return { picked: null, gap: { report, year, entry: null, reason: "no-indicator", availableYears: [] }, year };
  // Tables answer figures; running text only when no table row matches well.
  const fromTables = own.filter((m) => m.entry.source === "table" && m.score >= TABLE_FIRST);
  const pool = fromTables.length ? fromTables : own;
  const best = pool[0].score;
  const tied = pool.filter((m) => m.score >= best - TIE);
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
export function preferCoverage(matches: IndicatorMatch[], report: string, years: number[], meta: ReportMeta | undefined): IndicatorMatch[] {
  const own = matches.filter((m) => m.entry.report === report);
  if (!own.length || years.length < 2) return own;
  const best = own[0].score;
  const cover = (m: IndicatorMatch) => years.filter((y) => valueFor(m.entry, y, meta).fact).length;
  const tied = own.filter((m) => m.score >= best - COVERAGE_WINDOW).sort((a, b) => cover(b) - cover(a) || b.score - a.score);
  return [...tied, ...own.filter((m) => m.score < best - COVERAGE_WINDOW)];
}

/**
 * The same figure as printed elsewhere: rows of other tables (or running text) whose label is
 * the same indicator and whose value for that year differs from the picked one.
 */
export function findVariants(picked: Picked, matches: IndicatorMatch[], meta: ReportMeta | undefined): Fact[] {
  const year = factYear(picked.fact, meta);
  const out: Fact[] = [];
  for (const m of matches) {
    const e = m.entry;
    if (e.report !== picked.entry.report || e.key === picked.entry.key || e.columnLabel !== picked.entry.columnLabel) continue;
    if (m.score < picked.score - TIE || !sameMeaning(e.leaf, picked.entry.leaf)) continue;
    const { fact } = valueFor(e, year, meta);
    if (fact && !sameValue(fact.value, picked.fact.value)) out.push(fact);
  }
  return out;
}

function sameMeaning(a: string, b: string): boolean {
  return a === b || a.includes(b) || b.includes(a);
}

function sameValue(a: Fact["value"], b: Fact["value"]): boolean {
  return typeof a === "number" && typeof b === "number" ? Math.abs(a - b) < 1e-9 : String(a) === String(b);
}

/** The contract's view of a fact. */
export function toAnswerFact(f: Fact): AnswerFact {
  return {
    entity: f.entity,
    report: f.report,
    table: f.table,
    tableNumber: f.tableNumber,
    indicator: f.indicator,
    year: f.year,
    column: f.column,
    value: f.value,
    raw: f.raw,
    unit: f.unit,
    line: f.line,
    source: f.source,
  };
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
