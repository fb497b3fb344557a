import type { ExampleRow, ExampleTopic } from "../types.js";
import type { IndicatorEntry } from "./indicators.js";

/** One report's example rows, from its catalogue entries: what a database index keeps of each report. */
export function exampleRows(entries: Iterable<IndicatorEntry>): ExampleRow[] {
  const latest = new Map<string, ExampleRow>();
  for (const e of entries) {
    if (!e.standard || e.columnLabel || e.leaf.length < 2) continue;
    const years = e.facts.filter((f) => typeof f.value === "number" && f.year !== null).map((f) => f.year!);
    if (!years.length) continue;
    const key = `${e.report}\u0000${e.leaf}`;
    const year = Math.max(...years);
    const had = latest.get(key);
    if (!had) latest.set(key, { report: e.report, leaf: e.leaf, year });
    else had.year = Math.max(had.year, year);
  }
  return [...latest.values()];
}

/**
 * The standard-table row the most reports print with a number (then the shorter label, then the
 * label's order), from every used report's example rows in report order; null when there is none.
 */
export function exampleTopic(rows: Iterable<ExampleRow>): ExampleTopic | null {
  const byLeaf = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let reports = byLeaf.get(r.leaf);
    if (!reports) byLeaf.set(r.leaf, (reports = new Map()));
    reports.set(r.report, Math.max(reports.get(r.report) ?? 0, r.year));
  }
  const best = [...byLeaf].sort((a, b) => b[1].size - a[1].size || a[0].length - b[0].length || a[0].localeCompare(b[0]))[0];
  return best ? { leaf: best[0], reports: [...best[1]].map(([report, year]) => ({ report, year })) } : null;
}
