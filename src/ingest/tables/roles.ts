/**
 * What each column of a table is for: a running number (序号), the row label, the unit, or values.
 * Computed from the finished `Table` alone, so the builder and `tableFacts` agree without sharing state.
 */
import type { Table } from "../../types.js";
import { isSeqHeader } from "./detect.js";
import { looksLikeUnit, parseCellValue } from "./values.js";

/** The role of every column of one table. */
export interface ColumnRoles {
  /** Running-number columns (序号, 编号): no facts. */
  seq: Set<number>;
  /** Column of the row label (指标, 专业, 年度…), or null when the table has none (吕梁 表2-1). */
  label: number | null;
  /** The 单位 column, when it really holds units (乐山 表14's 单位 holds school names). */
  unit: number | null;
  /** Columns whose cells are facts. */
  values: number[];
}

type Shape = Pick<Table, "header" | "rows" | "standard" | "transposed">;

function columnTexts(t: Pick<Table, "rows">, c: number): string[] {
  return t.rows.map((r) => r.cells[c]?.text ?? "").filter((s) => s !== "");
}

/** True for a header that names the year axis of a transposed table (`年度`, `年份`, `年 度`). */
export function isYearAxisHeader(text: string): boolean {
  return /^(年度|年份)$/.test(text.replace(/\s+/g, ""));
}

/**
 * The label column of a table that is not transposed: the first column, after running numbers and
 * units, whose cells are mostly text (名次 columns hold numbers and are skipped: 乐山 表9's label is
 * 课程名称; so are date columns: 大事记's label is 事件名称). Null when every column holds figures.
 */
export function findLabelColumn(t: Pick<Table, "header" | "rows">, skip: Set<number>): number | null {
  for (let c = 0; c < t.header.length; c++) {
    if (skip.has(c)) continue;
    const texts = columnTexts(t, c);
    if (texts.length === 0) continue;
    // Dates (大事记's 时间) describe a row but do not name it.
    if (texts.filter((s) => /^(19|20)\d{2}\s*年/.test(s)).length * 2 > texts.length) continue;
    const textual = texts.filter((s) => parseCellValue(s).kind === "text").length;
    if (textual * 2 > texts.length) return c;
  }
  return null;
}

/** Works out the roles of a table's columns (see `ColumnRoles`). */
export function columnRoles(t: Shape): ColumnRoles {
  const seq = new Set<number>();
  let unit: number | null = null;
  t.header.forEach((h, c) => {
    if (isSeqHeader(h)) seq.add(c);
    else if (unit === null && h.replace(/\s+/g, "") === "单位") {
      const texts = columnTexts(t, c);
      if (t.standard || (texts.length > 0 && texts.filter(looksLikeUnit).length >= texts.length * 0.8)) unit = c;
    }
  });
  let label: number | null;
  if (t.standard) label = t.header.findIndex((h) => h.replace(/\s+/g, "") === "指标");
  else if (t.transposed) label = isYearAxisHeader(t.header[0] ?? "") ? 0 : null;
  else label = findLabelColumn(t, new Set([...seq, ...(unit === null ? [] : [unit])]));
  if (label !== null && label < 0) label = 1;
  const values: number[] = [];
  for (let c = 0; c < t.header.length; c++) if (!seq.has(c) && c !== unit && c !== label) values.push(c);
  return { seq, label, unit, values };
}
