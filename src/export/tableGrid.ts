/**
 * A table as a grid of typed cells, the one shape every export and the phone view start from:
 * numbers are numbers (a unit printed in the cells moves into the column header), every row has a
 * label that stands on its own (a continuation row is named with its parent, a repeated label says
 * which parent it belongs to), and each row keeps the line it was printed on.
 */
import { columnRoles } from "../ingest/tables/roles.js";
import { parseCellValue, splitUnit } from "../ingest/tables/values.js";
import type { Table, TableRow } from "../types.js";

/** What a column holds. */
export type ColumnKind = "seq" | "label" | "unit" | "value";

/** One column of a grid. */
export interface GridColumn {
  /** The header as printed, with the column's unit added when its cells printed one ("比例（%）"). */
  header: string;
  kind: ColumnKind;
  /** The unit every number in the column is in, when the cells said so; else null. */
  unit: string | null;
}

/** A cell: a number, text as printed, or null for a cell the report left blank (-, —, /). */
export type GridCell = number | string | null;

/** One row. */
export interface GridRow {
  cells: GridCell[];
  /** Depth in the indicator tree: 0 for a top-level row. */
  depth: number;
  /** Raw line where the row starts. */
  line: number;
}

/** A table ready to export. */
export interface TableGrid {
  /** "表3 教学资源表". */
  title: string;
  /** "遂宁市职业技术学校 · suining-2024.txt 第1532–1814行". */
  source: string;
  columns: GridColumn[];
  rows: GridRow[];
}

/**
 * The grid of a table. `indented`: the rows will be shown indented under their parents (the
 * bot), so a repeated label needs only its nearest parent to be told apart.
 *
 * @example tableGrid(suiningResources, "遂宁市职业技术学校").rows[6].cells // ["", "教学计划内课程总数（学时）", "学时", 24624, 41418]
 */
export function tableGrid(table: Table, entity: string, opts: { indented?: boolean } = {}): TableGrid {
  const roles = columnRoles(table);
  const width = Math.max(table.header.length, ...table.rows.map((r) => r.cells.length));
  const kinds: ColumnKind[] = Array.from({ length: width }, (_, c) => (roles.seq.has(c) ? "seq" : c === roles.label ? "label" : c === roles.unit ? "unit" : "value"));
  const labels = rowLabels(table, roles.label, opts.indented ? 1 : 3);
  const columns: GridColumn[] = [];
  const cells: GridCell[][] = table.rows.map(() => []);
  for (let c = 0; c < width; c++) {
    const header = table.header[c]?.trim() || (kinds[c] === "label" ? "指标" : `#${c + 1}`);
    if (kinds[c] !== "value") {
      columns.push({ header, kind: kinds[c]!, unit: null });
      table.rows.forEach((row, r) => cells[r]!.push(kinds[c] === "label" ? labels[r]! : textCell(row.cells[c]?.text ?? "")));
      continue;
    }
    const read = table.rows.map((row) => parseCellValue(row.cells[c]?.text ?? ""));
    const numbers = read.filter((v) => v.kind === "number");
    const glued = new Set(numbers.map((v) => v.unit));
    // A unit every number of the column prints goes to the header; otherwise a cell with a unit keeps its own text.
    const unit = numbers.length > 0 && glued.size === 1 && !glued.has(null) && !splitUnit(header).unit ? [...glued][0]! : null;
    columns.push({ header: unit ? `${header}（${unit}）` : header, kind: "value", unit: unit ?? splitUnit(header).unit });
    read.forEach((v, r) => {
      const text = table.rows[r]!.cells[c]?.text ?? "";
      const plain = v.kind === "number" && (v.unit === null || v.unit === unit);
      cells[r]!.push(plain ? (v.value as number) : v.kind === "missing" ? missingCell(text) : text.trim());
    });
  }
  return {
    title: [table.number, table.title ?? table.standard].filter(Boolean).join(" ") || table.id,
    source: `${entity} · ${table.report} 第${table.startLine}–${table.endLine}行`,
    columns,
    rows: table.rows.map((row, r) => ({ cells: cells[r]!, depth: Math.max(0, row.path.length - 1), line: row.line })),
  };
}

/**
 * Each row's label, readable without the rows around it: the label cell as printed; for a row
 * whose label cell is empty (a continuation row: `— | — | 学时`) its parent with the row's own name
 * ("教学计划内课程总数（学时）"); for a label printed on several rows, the label with its parent
 * ("接入国家智慧教育平台数（其中：国家级数量）", with more of the path, up to `maxDepth`
 * parents, while two rows are still alike).
 */
export function rowLabels(table: Table, labelColumn: number | null, maxDepth = 3): string[] {
  const own = table.rows.map((row) => {
    const label = labelColumn === null ? "" : (row.cells[labelColumn]?.text ?? "").trim();
    if (label) return label;
    const name = row.path[row.path.length - 1] ?? "";
    const parent = ancestors(row, 1);
    return parent && name ? `${parent}（${name}）` : name;
  });
  const labels = [...own];
  for (const label of new Set(own)) {
    const rows = own.flatMap((l, r) => (l === label && label ? [r] : []));
    if (rows.length < 2) continue;
    // The nearest parent first; more of the path while that still leaves two rows alike.
    for (let depth = 1; depth <= maxDepth; depth++) {
      const named = rows.map((r) => {
        const up = ancestors(table.rows[r]!, depth);
        return up ? `${label}（${up}）` : label;
      });
      rows.forEach((r, k) => (labels[r] = named[k]!));
      if (new Set(named).size === named.length) break;
    }
  }
  return labels;
}

/** The `depth` nearest ancestors of a row in its indicator path, outermost first ("专业教学资源库数 › 其中：国家级数量"). */
function ancestors(row: TableRow, depth: number): string {
  return row.path.slice(0, -1).slice(-depth).join(" › ");
}

/** A label, unit or running-number cell: text, with the dashes of an empty cell as blank. */
function textCell(text: string): GridCell {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  return parseCellValue(t).kind === "missing" ? null : t;
}

/** A value the report did not give: blank for a dash, the words for a note (仅高职填报). */
function missingCell(text: string): GridCell {
  const t = text.trim();
  return /[\u4e00-\u9fff]/.test(t) ? t : null;
}
