import { coverTextOf } from "./coverage.js";
import { answering, grams, matchIndicators, normalizeLabel, type IndicatorEntry, type IndicatorMatch } from "./indicators.js";
import { rowSlots } from "./indicatorModel.js";
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
    // An entry's scoring fields are getters (indicators.ts CatalogEntry): a spread copies no getter.
    measureGrams: e.measureGrams,
    leaf: what,
    rowLabel: what,
    leafGrams,
    coreGrams: null,
    columnLabel: "",
    columnGrams: new Set(),
    contextGrams: grams(normalizeLabel(e.table ?? "")),
    scoped: false,
    cover: coverTextOf(`${what} ${normalizeLabel(e.table ?? "")} ${e.cover.text}`),
    slots: rowSlots([what], normalizeLabel(e.table ?? ""), ""),
  };
}

/**
 * The rows about `subject` in each of `reports` that answer `indicatorQuery`, best first, with the
 * column as the indicator; a report with no row of its own for it is left out. All the reports at
 * once: a name can point into hundreds of regions' reports.
 */
export function subjectRowMatches(state: Loaded, reports: readonly string[], subject: string, indicatorQuery: string): Map<string, IndicatorMatch[]> {
  const out = new Map<string, IndicatorMatch[]>();
  if (!indicatorQuery || !reports.length) return out;
  const s = subject.replace(/\s+/g, "");
  for (const [report, entries] of state.tableRowsLabelled(reports, (label) => labelNamesSubject(label, s))) {
    const matches = entries.length ? answering(matchIndicators(indicatorQuery, entries.map(asSubjectRow))) : [];
    if (matches.length) out.set(report, matches);
  }
  // Running text names it too (`井研职中产教融合实训基地项目总投资5.1亿元`): the sentence's figure is its own.
  // One lookup over every report left, split by report: a match's score is its entry's alone, and
  // one lookup per report read every report's labels again (200 reports behind 鹤山职校: 5–10 s).
  const rest = reports.filter((r) => !out.has(r));
  if (!rest.length) return out;
  const byReport = new Map<string, IndicatorMatch[]>();
  for (const m of answering(
    matchIndicators(
      `${s}${indicatorQuery}`,
      state.lookup(rest, (e) => e.source === "text" && e.leaf.includes(s)),
    ),
  )) {
    const list = byReport.get(m.entry.report);
    if (list) list.push(m);
    else byReport.set(m.entry.report, [m]);
  }
  for (const report of rest) {
    const own = byReport.get(report);
    if (own) out.set(report, own);
  }
  return out;
}
