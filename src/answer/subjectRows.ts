import { coverTextOf } from "./coverage.js";
import { grams, matchIndicators, normalizeLabel, type IndicatorEntry, type IndicatorMatch } from "./indicators.js";
import type { Loaded } from "./state.js";

/**
 * A region's report that lists its schools (or counties) row by row — 学校 | 在校生数 | 招生数 — has
 * each one's own figures: the row names whose figure it is, the column (or the table's title)
 * what it is. A question naming one of them (渭南工业技工学校 在校生数) is matched against those
 * rows with the column as the indicator, so the school's figure is found instead of being
 * withheld as the region's.
 */

/** Whether a row label names the subject: 渭南工业技工学校, or the subject inside a longer label. */
function labelNamesSubject(printed: string, subject: string): boolean {
  const label = printed.replace(/^其中[:：]/, "").replace(/[\s“”"]/g, "");
  return label.length >= 2 && (label === subject || (label.length >= 4 && (label.includes(subject) || subject.includes(label))));
}

/** The row re-read with its subject as whose and its column (or table title) as what. */
function asSubjectRow(e: IndicatorEntry): IndicatorEntry {
  const what = e.columnLabel || normalizeLabel(e.table ?? "");
  const leafGrams = grams(what);
  return {
    ...e,
    leaf: what,
    rowLabel: what,
    leafGrams,
    coreGrams: null,
    columnLabel: "",
    columnGrams: new Set(),
    contextGrams: grams(normalizeLabel(e.table ?? "")),
    scoped: false,
    cover: coverTextOf(`${what} ${normalizeLabel(e.table ?? "")} ${e.cover.text}`),
  };
}

/**
 * The rows of `report` about `subject` that answer `indicatorQuery`, best first, with the column as
 * the indicator; [] when the report has no row of its own for it.
 */
export function subjectRowMatches(state: Loaded, report: string, subject: string, indicatorQuery: string): IndicatorMatch[] {
  if (!indicatorQuery) return [];
  const s = subject.replace(/\s+/g, "");
  const rows = state.tableRowsLabelled(report, (label) => labelNamesSubject(label, s)).map(asSubjectRow);
  if (!rows.length) return [];
  return matchIndicators(indicatorQuery, rows).filter((m) => !m.leftover.length);
}
