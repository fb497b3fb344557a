/**
 * What the two layout parsers hand to the table builder: cells still as raw text pieces with their
 * lines, a flattened header, and the table's place in the file. The builder (build.ts) turns this
 * into the shared `Table` type.
 */
import type { IngestWarning, Table } from "../../types.js";
import { clean } from "./text.js";

/** One cell as found: its raw pieces (one per physical line) and where it starts. */
export interface RawCell {
  /** Raw text of each physical line of the cell, tab prefix removed, markup not yet cleaned. */
  parts: string[];
  line: number;
  /** Cleaned parts, filled on first use: cells are read many times while a table is assembled. */
  clean?: string[];
}

/** A data row before paths are known. */
export interface RawRow {
  cells: RawCell[];
  line: number;
  /** Group heading above the row (`主题：职业技能（45 门推荐名单）` in 乐山 表11), or null. */
  group: string | null;
}

/** A table as one layout parser read it. */
export interface RawTable {
  report: string;
  layout: Table["layout"];
  number: string | null;
  title: string | null;
  /** Flattened, cleaned header, one entry per column. */
  header: string[];
  /** True when the header had a diagonal cell (`年度` / `指标`): years are rows. */
  diagonal: boolean;
  rows: RawRow[];
  startLine: number;
  endLine: number;
  warnings: IngestWarning[];
  /** The unit a `单位：万元` line (or `（单位：万元）` in the title) states for the whole table. */
  unit?: string;
}

/**
 * The unit a table states for all its figures: a `单位：万元` line, or the title's `（单位：人）`.
 * @example statedUnit("单位：万元") // "万元"
 */
export function statedUnit(text: string | null | undefined): string | undefined {
  const m = /(?:计量)?单位[：:]\s*([^\s（）()，,；;]{1,6})\s*[)）]?\s*$/.exec(clean(text ?? ""));
  return m ? m[1] : undefined;
}

/** A cell with no text, placed where a corrupted row lost it. */
export function emptyCell(line: number): RawCell {
  return { parts: [""], line };
}

/**
 * The cleaned text of a cell. Wrapped words are joined without a space (header cells and labels:
 * `中职学校` + `在校人数`), list-like cells with one (`陈华国 杨玉强`).
 */
export function cellText(cell: RawCell, joiner: "" | " " = " "): string {
  if (!cell.clean || cell.clean.length !== cell.parts.length) cell.clean = cell.parts.map((p) => clean(p));
  return cell.clean.filter((p) => p !== "").join(joiner);
}
