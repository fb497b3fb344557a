import type { IngestedReport, IngestWarning, Table } from "../types.js";

/**
 * A report cut off inside a table (a copy truncated mid-download or mid-paste): its last row may
 * hold half a number ("1" of "19") and must not become a fact. The signs: the report's last table
 * reaches its last line, and either the file stops mid-line (no final line break) or that last row
 * has nothing in the header's last column. Those rows are dropped from the table and their facts removed,
 * with a warning naming the file and line. A report that merely ends with a complete table (as
 * several do, with their appendix tables) is left alone.
 *
 * @param endsWithNewline whether the file's last character is a line break
 * @param lastLine the number of the report's last non-blank line
 */
export function dropCutEnd(report: IngestedReport, lastLine: number, endsWithNewline: boolean): { report: IngestedReport; warning: IngestWarning | null } {
  const last = report.tables.reduce<Table | null>((a, t) => (a && a.endLine >= t.endLine ? a : t), null);
  if (!last || last.endLine < lastLine || last.rows.length === 0) return { report, warning: null };
  // The row on a line without its line break is cut; so is a last row whose last column is empty.
  let keep = last.rows.length;
  if (!endsWithNewline || isShort(last.rows[keep - 1]!, last.header.length)) keep--;
  if (keep === last.rows.length) return { report, warning: null };
  const dropped = last.rows.slice(keep);
  const firstLine = dropped[0]!.line;
  const table: Table = { ...last, rows: last.rows.slice(0, keep) };
  const cut = new Set(dropped.map((r) => r.line));
  const facts = report.facts.filter((f) => f.tableId !== last.id || f.line < firstLine);
  const label = [last.number, last.title].filter(Boolean).join(" ") || "a table";
  const warning: IngestWarning = {
    report: report.meta.report,
    line: firstLine,
    message: `the report ends inside ${label}${endsWithNewline ? "" : " (the file stops mid-line)"}: ${cut.size === 1 ? "its last row" : `its last ${cut.size} rows`} (from line ${firstLine}) may be cut off and are not used as figures`,
  };
  return { report: { ...report, tables: report.tables.map((t) => (t === last ? table : t)), facts }, warning };
}

/** Nothing in the header's last column: the row stops before its end (its first cells may be blank in any row). */
function isShort(row: Table["rows"][number], width: number): boolean {
  return (row.cells[width - 1]?.text.trim() ?? "") === "";
}
