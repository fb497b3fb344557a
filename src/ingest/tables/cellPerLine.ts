/**
 * Layout B (docx conversions: 吕梁, 遂宁, 璧山, 江门): every cell on its own line after a tab
 * (`\t…` or ` \t…`). A line that is just a tab is an EMPTY cell, a line without a tab prefix
 * continues the cell above, and blank lines usually but not always separate rows, so rows are cut
 * by the header's width (see segment.ts).
 */
import type { IngestWarning } from "../../types.js";
import { isBlankLine } from "../clean.js";
import { clean } from "./text.js";
import { cellContent, isCellLine, isContinuation, isSeqHeader, isStopCell, parseTitle } from "./detect.js";
import { cellText, type RawCell, type RawTable } from "./model.js";
import { segmentRows } from "./segment.js";

/** Cells read from a run of cell lines, grouped where blank lines fell, and where the run ended. */
export interface CellRun {
  groups: RawCell[][];
  /** 0-based index of the last line that belongs to the table. */
  lastIdx: number;
}

/** Blank lines a table may span before it is considered over. */
const MAX_GAP = 3;

/**
 * Collects cells from `startIdx` (0-based, a cell line) until the table ends: at text that is not a
 * continuation, a figure caption or case title, a new table title, a new header (`序号` then `指标`
 * after the first row: 江门's untitled 满意度调查表 follows the 计分卡 with no blank line), or a long gap.
 */
export function collectCells(lines: string[], startIdx: number): CellRun {
  const groups: RawCell[][] = [[]];
  let last: RawCell | null = null;
  let lastIdx = startIdx - 1;
  let blankRun = 0;
  let cells = 0;
  for (let i = startIdx; i < lines.length; i++) {
    const line = lines[i];
    if (isBlankLine(line)) {
      blankRun++;
      if (blankRun > MAX_GAP) break;
      continue;
    }
    if (isCellLine(line)) {
      const content = cellContent(line);
      if (isStopCell(content)) break;
      if (cells > 0 && parseTitle(line)) break;
      if (groups.length > 1 || (blankRun > 0 && cells > 0)) {
        if (isSeqHeader(clean(content)) && i + 1 < lines.length && /^(指标|项目)/.test(clean(cellContent(lines[i + 1])))) break;
      }
      if (blankRun > 0 && groups[groups.length - 1].length > 0) groups.push([]);
      last = { parts: [content], line: i + 1 };
      groups[groups.length - 1].push(last);
      cells++;
      lastIdx = i;
      blankRun = 0;
      continue;
    }
    if (last && blankRun <= 1 && isContinuation(line, blankRun === 1)) {
      last.parts.push(line);
      lastIdx = i;
      blankRun = 0;
      continue;
    }
    break;
  }
  return { groups: groups.filter((g) => g.length > 0), lastIdx };
}

function headerTexts(cells: RawCell[]): string[] {
  return cells.map((c) => cellText(c, ""));
}

/** `年度` / `指标` (also `年 度` / `指  标`): the two halves of a diagonal header cell. */
function isDiagonal(g: RawCell[]): boolean {
  const t = headerTexts(g).map((s) => s.replace(/\s+/g, ""));
  return t.length === 2 && /^(年度|年份)$/.test(t[0]) && /^(指标|项目)$/.test(t[1]);
}

/**
 * Reads one layout-B table whose first cell is on `startIdx` (0-based). The header is the first
 * group of cells; a diagonal first row (`年度`/`指标`) makes the next group the header and the
 * table transposed; a short first row over a wider second one whose first cell is empty is a
 * two-level header (遂宁 表8: `2023学年` over `人数（人）`/`金额（万元）` → "2023学年 · 人数（人）").
 */
export function readCellTable(
  lines: string[],
  startIdx: number,
  report: string,
  title: { number: string | null; title: string | null; line: number } | null,
): { table: RawTable | null; lastIdx: number; warnings: IngestWarning[] } {
  const warnings: IngestWarning[] = [];
  const run = collectCells(lines, startIdx);
  const { groups } = run;
  const where = title?.number ?? title?.title ?? "table";
  if (groups.length < 2) {
    warnings.push({ report, line: startIdx + 1, message: `${where} at line ${startIdx + 1}: found a header but no data rows; the table was left out.` });
    return { table: null, lastIdx: run.lastIdx, warnings };
  }
  let header: string[];
  let used = 1;
  let diagonal = false;
  const g0 = headerTexts(groups[0]);
  if (isDiagonal(groups[0]) && groups.length > 2) {
    header = headerTexts(groups[1]);
    if (header[0] === "") header[0] = g0[0].replace(/\s+/g, "");
    used = 2;
    diagonal = true;
  } else if (groups.length > 2 && isTwoLevel(groups[0], groups[1])) {
    const sub = headerTexts(groups[1]);
    const span = (sub.length - 1) / (g0.length - 1);
    header = [g0[0]];
    for (let k = 1; k < sub.length; k++) header.push(`${g0[1 + Math.floor((k - 1) / span)]} · ${sub[k]}`);
    used = 2;
  } else {
    header = g0;
  }
  const rows = segmentRows(groups.slice(used), header, report, where, warnings);
  const table: RawTable = {
    report,
    layout: "cell-per-line",
    number: title?.number ?? null,
    title: title?.title ?? null,
    header,
    diagonal,
    rows,
    startLine: title?.line ?? startIdx + 1,
    endLine: run.lastIdx + 1,
    warnings,
  };
  return { table: rows.length > 0 ? table : null, lastIdx: run.lastIdx, warnings };
}

function isTwoLevel(top: RawCell[], sub: RawCell[]): boolean {
  if (top.length < 2 || sub.length <= top.length) return false;
  if (cellText(sub[0]) !== "") return false;
  if ((sub.length - 1) % (top.length - 1) !== 0) return false;
  // The lower row must itself be labels, not the first data row.
  return sub.slice(1).every((c) => {
    const t = cellText(c, "");
    return t !== "" && !/^[\d.,:%]+$/.test(t);
  });
}
