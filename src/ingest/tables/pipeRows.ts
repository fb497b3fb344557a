/**
 * Markdown and pipe tables (`| 序号 | 指标 | 单位 | 2021年 |`, a `| --- |` rule under the header):
 * one row per line, cells between pipes. Rows are fitted to the header's width like tab rows.
 */
import type { IngestWarning } from "../../types.js";
import { isBlankLine } from "../clean.js";
import { clean } from "./text.js";
import type { RawTable } from "./model.js";
import { captionAbove } from "./spaceRows.js";

/** True for a pipe-table line: it starts and ends with `|` and has a cell between. */
export function isPipeRow(line: string): boolean {
  const t = line.trim();
  return t.length >= 3 && t.startsWith("|") && t.endsWith("|") && t.indexOf("|", 1) < t.length;
}

/** The `| --- | :---: |` rule under a Markdown header. */
function isRule(cells: string[]): boolean {
  return cells.length > 0 && cells.every((c) => /^\s*:?-{2,}:?\s*$/.test(c) || c.trim() === "");
}

/** The cells of one pipe row, raw (an escaped `\|` stays in its cell). */
export function splitPipeRow(line: string): string[] {
  const t = line.trim().slice(1, -1);
  return t.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, "|"));
}

/**
 * Reads the pipe table whose header is on `first` (0-based) through `last`; blank lines end it.
 * A row with more cells than the header has its extra cells joined into the last one, and says so.
 */
export function readPipeBlock(lines: string[], first: number, last: number, report: string): RawTable | null {
  const rows = [];
  for (let i = first; i <= last; i++) if (!isBlankLine(lines[i])) rows.push({ cells: splitPipeRow(lines[i]), line: i + 1 });
  const head = rows.shift();
  if (!head) return null;
  if (rows[0] && isRule(rows[0].cells)) rows.shift();
  const header = head.cells.map((c) => clean(c));
  const width = header.length;
  if (width < 2 || rows.length === 0) return null;
  const warnings: IngestWarning[] = [];
  const title = captionAbove(lines, head.line - 1);
  const table: RawTable = {
    report,
    layout: "pipe-rows",
    number: title?.number ?? null,
    title: title?.title ?? null,
    header,
    diagonal: false,
    rows: [],
    startLine: title?.line ?? head.line,
    endLine: last + 1,
    warnings,
  };
  for (const r of rows) {
    if (isRule(r.cells)) continue;
    let cells = r.cells;
    if (cells.length > width) {
      if (cells.slice(width).some((c) => clean(c) !== "")) {
        warnings.push({ report, line: r.line, message: `Table row at line ${r.line} has ${cells.length} cells where the header has ${width}; the extra cells were joined into the last one.` });
      }
      cells = [...cells.slice(0, width - 1), cells.slice(width - 1).join(" ")];
    }
    while (cells.length < width) cells = [...cells, ""];
    table.rows.push({ cells: cells.map((c) => ({ parts: [c], line: r.line })), line: r.line, group: null });
  }
  return table.rows.length > 0 ? table : null;
}
