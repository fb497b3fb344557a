/**
 * Turns what a layout parser read (`RawTable`) into the shared `Table`: cleaned cell texts, the
 * standard-table name, whether years are rows, and every row's indicator path.
 */
import type { Table, TableCell, TableRow } from "../../types.js";
import { cellText, type RawTable } from "./model.js";
import { columnRoles, findLabelColumn, isYearAxisHeader, type ColumnRoles } from "./roles.js";
import { indicatorName, recognizeStandard, standardPaths } from "./standard.js";
import { parseCellValue, splitUnit, yearOf } from "./values.js";

/**
 * The column that labels one row: the table's label column, or, when that cell is empty (a merged
 * cell above it, a row that lost its first cells), the first text cell after it.
 */
export function rowLabelColumn(row: TableRow, roles: ColumnRoles): number | null {
  if (roles.label === null) return null;
  if ((row.cells[roles.label]?.text ?? "") !== "") return roles.label;
  for (let c = roles.label + 1; c < row.cells.length; c++) {
    if (roles.seq.has(c) || c === roles.unit) continue;
    const text = row.cells[c].text;
    if (text !== "" && parseCellValue(text).kind === "text") return c;
  }
  return roles.label;
}

/** A label as a path element: `*` marker and a trailing unit in parentheses removed (`中职学校数(所)` → `中职学校数`). */
export function labelName(text: string): string {
  return splitUnit(indicatorName(text)).name;
}

function genericPaths(rows: TableRow[], groups: (string | null)[], roles: ColumnRoles): string[][] {
  let lastTop: string | null = null;
  let fill: string | null = null;
  return rows.map((row, k) => {
    const base = groups[k] ? [groups[k] as string] : [];
    if (roles.label === null) return base;
    const col = rowLabelColumn(row, roles) as number;
    const text = row.cells[col]?.text ?? "";
    if (text === "") return base;
    const name = labelName(text);
    if (col !== roles.label) {
      // The label cell was merged with the one above (乐山 表7: 团体奖 spans five rows).
      return roles.label === 0 && fill ? [...base, fill, name] : [...base, name];
    }
    if (roles.label === 0) fill = name;
    if (/^其中/.test(name) && lastTop) return [...base, lastTop, name];
    lastTop = name;
    return [...base, name];
  });
}

/**
 * Builds the `Table` for one parsed table. A table whose every column holds figures (吕梁 表2-1)
 * has no label column and is treated like a transposed one: its headers are the indicators.
 */
export function buildTable(raw: RawTable): Table {
  const header = raw.header.map((h) => h.trim());
  const prelim: TableRow[] = raw.rows.map((r) => ({
    cells: r.cells.map((c) => ({ text: cellText(c, " "), line: c.line })),
    line: r.line,
    path: [],
  }));
  const indicatorCol = header.findIndex((h) => h.replace(/\s+/g, "") === "指标");
  const indicators = indicatorCol >= 0 ? raw.rows.map((r) => (r.cells[indicatorCol] ? cellText(r.cells[indicatorCol], "") : "")) : [];
  const standard = recognizeStandard(raw.title, header, indicators);
  let transposed = raw.diagonal || (isYearAxisHeader(header[0] ?? "") && prelim.some((r) => yearOf(r.cells[0]?.text ?? "") !== null));
  if (!standard && !transposed && prelim.length > 0 && findLabelColumn({ header, rows: prelim }, new Set()) === null) transposed = true;
  const roles = columnRoles({ header, rows: prelim, standard, transposed });
  const rows: TableRow[] = raw.rows.map((r) => ({
    cells: r.cells.map((c, k): TableCell => ({ text: cellText(c, k === roles.label ? "" : " "), line: c.line })),
    line: r.line,
    path: [],
  }));
  let paths: string[][];
  if (standard) {
    const seqCol = [...roles.seq][0] ?? 0;
    paths = standardPaths(
      rows.map((r) => ({
        seq: r.cells[seqCol]?.text ?? "",
        name: roles.label === null ? "" : (r.cells[roles.label]?.text ?? ""),
        unit: roles.unit === null ? "" : (r.cells[roles.unit]?.text ?? ""),
      })),
    );
  } else if (transposed) {
    paths = rows.map((r) => (roles.label === null ? [] : [r.cells[roles.label]?.text ?? ""].filter((s) => s !== "")));
  } else {
    paths = genericPaths(
      rows,
      raw.rows.map((r) => r.group),
      roles,
    );
  }
  rows.forEach((r, k) => (r.path = paths[k]));
  return {
    id: `${raw.report}#${raw.startLine}`,
    report: raw.report,
    title: raw.title ?? standard,
    number: raw.number,
    standard,
    header,
    rows,
    startLine: raw.startLine,
    endLine: raw.endLine,
    layout: raw.layout,
    transposed,
    ...(raw.unit ? { unit: raw.unit } : {}),
  };
}
