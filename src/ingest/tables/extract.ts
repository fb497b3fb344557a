/**
 * Finds every table of a report, in either layout, and the tab-bearing blocks that are not tables
 * (tables of contents, chart-data residue, a list of titles with no data) so the paragraph parser
 * can leave them out too. Never throws: a table it cannot read becomes a warning naming the line.
 */
import type { IngestWarning, Table } from "../../types.js";
import { isBlankLine } from "../clean.js";
import { clean } from "./text.js";
import { buildTable } from "./build.js";
import { readCellTable } from "./cellPerLine.js";
import { cellContent, isCellLine, isChartRow, isDataLabelLine, isSeqHeader, isStopCell, isTabRow, isTocRow, parseTitle } from "./detect.js";
import { statedUnit, type RawTable } from "./model.js";
import { readTabBlock } from "./tabRows.js";
import { isPipeRow, readPipeBlock } from "./pipeRows.js";
import { isFigureRow, isHeaderLine, pageFurniture, readSpaceTable, splitFields } from "./spaceRows.js";
import { isLoneCell, readLineCells } from "./lineCells.js";
import { figureLineRuns } from "./figureRuns.js";

/** A block of lines that looks tabular but holds no table data. */
export interface SkippedBlock {
  startLine: number;
  endLine: number;
  reason: string;
}

/** Everything `extractTables` finds in one report. */
export interface ExtractedTables {
  tables: Table[];
  skipped: SkippedBlock[];
  warnings: IngestWarning[];
}

/** Blank lines allowed between two rows of one layout-A table (乐山 307, 851, 1304, 1312). */
const MAX_ROW_GAP = 2;

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Reads every table of a report. `lines` is `splitLines(text)` of the raw file (line N is
 * `lines[N-1]`) and `report` its file name, which prefixes every table id (`${report}#${startLine}`).
 * Tables come out in file order; each range runs from the title (or the header when untitled)
 * to the last cell and swallows no following text.
 *
 * @example extractTables(splitLines(readFileSync("corpus/suining-2024.txt", "utf8")), "suining-2024.txt").tables.length // 14
 */
export function extractTables(lines: string[], report: string): ExtractedTables {
  const out: ExtractedTables = { tables: [], skipped: [], warnings: [] };
  const src: string[] = Array.isArray(lines) ? lines.map((l) => (typeof l === "string" ? l : String(l ?? ""))) : [];
  const name = typeof report === "string" ? report : String(report);
  const used = new Uint8Array(src.length + 1);
  const mark = (from: number, to: number) => {
    for (let n = from; n <= to && n <= src.length; n++) used[n - 1] = 1;
  };
  const accept = (raw: RawTable) => {
    raw.unit ??= unitStated(src, raw);
    try {
      out.tables.push(buildTable(raw));
      out.warnings.push(...raw.warnings);
      mark(raw.startLine, raw.endLine);
    } catch (e) {
      out.warnings.push({ report: name, line: raw.startLine, message: `Could not read the table at line ${raw.startLine}: ${describe(e)}; it was left out.` });
    }
  };
  // Each pass stands alone: a failure in one keeps what the others find.
  const passes: [string, () => void][] = [
    ["tab-separated tables", () => readTabLayout(src, name, out, accept, mark)],
    ["cell-per-line tables", () => readCellLayout(src, name, out, accept, used)],
    ["chart residue", () => findResidue(src, out, used)],
    ["pipe tables", () => readPipeLayout(src, name, out, accept, used)],
    ["space-aligned tables", () => readSpaceLayout(src, name, accept, used)],
    ["one-cell-per-line tables", () => readLineCellLayout(src, name, out, accept, used)],
    ["blocks of figures", () => warnUnreadFigures(src, name, out, used)],
  ];
  for (const [what, pass] of passes) {
    try {
      pass();
    } catch (e) {
      out.warnings.push({ report: name, line: null, message: `Reading ${what} stopped early: ${describe(e)}. What was found before that is kept.` });
    }
  }
  out.tables.sort((a, b) => a.startLine - b.startLine);
  out.skipped.sort((a, b) => a.startLine - b.startLine);
  return out;
}

/**
 * The unit a table states for all its figures: in its title (`（单位：万元）`) or on a line between
 * the title and the first cells (`单位：万元`).
 */
function unitStated(src: string[], raw: RawTable): string | undefined {
  const fromTitle = statedUnit(raw.title);
  if (fromTitle) return fromTitle;
  const first = raw.rows[0]?.line ?? raw.endLine;
  for (let n = raw.startLine; n < first && n <= raw.startLine + 3; n++) {
    const u = statedUnit(src[n - 1]);
    if (u) return u;
  }
  return undefined;
}

/** Pass 1: blocks of tab-separated rows (layout A), or tables of contents that look like them. */
function readTabLayout(src: string[], report: string, out: ExtractedTables, accept: (t: RawTable) => void, mark: (a: number, b: number) => void): void {
  for (let i = 0; i < src.length; ) {
    if (!isTabRow(src[i])) {
      i++;
      continue;
    }
    let last = i;
    let gap = 0;
    for (let j = i + 1; j < src.length; j++) {
      if (isTabRow(src[j])) {
        last = j;
        gap = 0;
      } else if (isBlankLine(src[j]) && ++gap <= MAX_ROW_GAP) continue;
      else break;
    }
    const rowIdx: number[] = [];
    for (let k = i; k <= last; k++) if (isTabRow(src[k])) rowIdx.push(k);
    if (rowIdx.filter((k) => isTocRow(src[k])).length * 2 > rowIdx.length) {
      out.skipped.push({ startLine: i + 1, endLine: last + 1, reason: "table of contents (dotted leaders and page numbers)" });
      mark(i + 1, last + 1);
    } else if (rowIdx.length >= 2) {
      try {
        for (const raw of readTabBlock(src, i, last, report)) accept(raw);
      } catch (e) {
        out.warnings.push({ report, line: i + 1, message: `Could not read the tab-separated rows at lines ${i + 1}–${last + 1}: ${describe(e)}.` });
      }
    }
    i = last + 1;
  }
}

/** The first cell line after a title, skipping blank and markup-only lines, or -1. */
function firstCellAfter(src: string[], titleIdx: number): number {
  if (isCellLine(src[titleIdx]) && isCellLine(src[titleIdx + 1] ?? "")) return titleIdx + 1;
  for (let j = titleIdx + 1, seen = 0; j < src.length && seen < 3; j++) {
    if (isBlankLine(src[j]) || clean(src[j]) === "") {
      seen++;
      continue;
    }
    return isCellLine(src[j]) && !isStopCell(cellContent(src[j])) ? j : -1;
  }
  return -1;
}

/** True when line `i` starts an untitled header: a `序号` cell followed by an `指标` cell. */
function startsUntitledHeader(src: string[], i: number): boolean {
  return src[i].includes("序号") && isCellLine(src[i]) && isSeqHeader(clean(cellContent(src[i]))) && isCellLine(src[i + 1] ?? "") && /^(指标|项目)/.test(clean(cellContent(src[i + 1])));
}

/** Pass 2: titled and untitled cell-per-line tables (layout B), and lists of titles with no data. */
function readCellLayout(src: string[], report: string, out: ExtractedTables, accept: (t: RawTable) => void, used: Uint8Array): void {
  const orphans: number[] = [];
  for (let i = 0; i < src.length; ) {
    if (used[i]) {
      i++;
      continue;
    }
    const title = parseTitle(src[i]);
    let start = -1;
    if (title) {
      start = firstCellAfter(src, i);
      if (start < 0 || used[start]) {
        orphans.push(i);
        i++;
        continue;
      }
    } else if (startsUntitledHeader(src, i)) {
      start = i;
    } else {
      i++;
      continue;
    }
    const t = title ? { number: title.number, title: title.title, line: i + 1 } : null;
    try {
      const res = readCellTable(src, start, report, t);
      out.warnings.push(...(res.table ? [] : res.warnings));
      if (res.table) accept(res.table);
      i = Math.max(res.lastIdx + 1, i + 1);
    } catch (e) {
      out.warnings.push({ report, line: i + 1, message: `Could not read the table at line ${i + 1}: ${describe(e)}; it was left out.` });
      i++;
    }
  }
  // Two or more titles in a row with no cells under any of them: a list of titles (璧山 1371–1373).
  for (let k = 0; k < orphans.length; ) {
    let e = k;
    while (e + 1 < orphans.length && src.slice(orphans[e] + 1, orphans[e + 1]).every(isBlankLine)) e++;
    if (e > k) out.skipped.push({ startLine: orphans[k] + 1, endLine: orphans[e] + 1, reason: "list of table titles with no data" });
    k = e + 1;
  }
}

/** Pass 3: chart data left as text (labels and values on tab-separated lines, `71人, 29%` labels). */
function findResidue(src: string[], out: ExtractedTables, used: Uint8Array): void {
  const part = (i: number) => !used[i] && (isChartRow(src[i]) || isDataLabelLine(src[i]));
  for (let i = 0; i < src.length; i++) {
    if (used[i] || !isChartRow(src[i])) continue;
    let from = i;
    for (let j = i - 1, gap = 0; j >= 0; j--) {
      if (part(j)) {
        from = j;
        gap = 0;
      } else if (isBlankLine(src[j]) && ++gap <= 2) continue;
      else break;
    }
    let to = i;
    for (let j = i + 1, gap = 0; j < src.length; j++) {
      if (part(j)) {
        to = j;
        gap = 0;
      } else if (isBlankLine(src[j]) && ++gap <= 2) continue;
      else break;
    }
    const prev = out.skipped[out.skipped.length - 1];
    if (prev?.reason.startsWith("chart") && prev.endLine >= from + 1) prev.endLine = Math.max(prev.endLine, to + 1);
    else out.skipped.push({ startLine: from + 1, endLine: to + 1, reason: "chart data residue (labels and values of a figure)" });
    for (let k = from; k <= to; k++) used[k] = 1;
    i = to;
  }
}

/** Pass 4: Markdown and pipe tables (`| 序号 | 指标 |` rows, a `| --- |` rule under the header). */
function readPipeLayout(src: string[], report: string, out: ExtractedTables, accept: (t: RawTable) => void, used: Uint8Array): void {
  for (let i = 0; i < src.length; i++) {
    if (used[i] || !isPipeRow(src[i])) continue;
    let last = i;
    while (last + 1 < src.length && !used[last + 1] && isPipeRow(src[last + 1])) last++;
    if (last > i) {
      const t = readPipeBlock(src, i, last, report);
      if (t) accept(t);
      else out.warnings.push({ report, line: i + 1, message: `The pipe table at lines ${i + 1}–${last + 1} has a header but no readable rows; it was left out.` });
    }
    i = last;
  }
}

/** Pass 5: a header line of labels over rows of figures, cells separated by runs of spaces. */
function readSpaceLayout(src: string[], report: string, accept: (t: RawTable) => void, used: Uint8Array): void {
  const furniture = pageFurniture(src);
  for (let i = 0; i < src.length; i++) {
    if (used[i]) continue;
    const gap = spaceGap(src, i);
    if (gap === null) continue;
    const res = readSpaceTable(src, i, report, gap, furniture);
    if (!res.table || used.subarray(i, res.lastIdx + 1).some((u) => u === 1)) continue;
    const titled = res.table.number !== null || res.table.title !== null;
    if (res.table.rows.length < 2 && !titled) continue;
    accept(res.table);
    i = res.lastIdx;
  }
}

/**
 * Whether line `i` heads a space-aligned table, and how its cells are separated: by runs of two or
 * more spaces (2), or by single spaces (1) when the header and the row under it then have the same
 * number of cells. Null when it heads none.
 */
function spaceGap(src: string[], i: number): 1 | 2 | null {
  for (const gap of [2, 1] as const) {
    if (!isHeaderLine(src[i], gap)) continue;
    // Rows of figures right under it (a wrapped header line or a blank line may come first).
    let k = i + 1;
    while (k < src.length && k <= i + 3 && !isFigureRow(src[k], gap)) k++;
    if (k >= src.length || !isFigureRow(src[k], gap)) continue;
    if (gap === 1 && splitFields(src[k], 1).length !== splitFields(src[i], 1).length) continue;
    return gap;
  }
  return null;
}

/**
 * Pass 6: flattened HTML tables, one bare cell per line: under a `表N …` title, or untitled where a
 * run of such lines holds enough figures and fits a header width with every column uniform.
 */
function readLineCellLayout(src: string[], report: string, out: ExtractedTables, accept: (t: RawTable) => void, used: Uint8Array): void {
  for (let i = 0; i < src.length; i++) {
    if (used[i]) continue;
    const numbered = parseTitle(src[i]);
    // An unnumbered caption (`各校在校生情况`) heads a run only if the run is clearly a table.
    const caption = numbered ? null : captionLine(src[i]);
    const title = numbered ?? (caption ? { number: null, title: caption } : null);
    let start = title ? i + 1 : i;
    if (title) {
      if (start < src.length && src[start] === "") start++;
      // `单位：万元` under the title says the unit of the figures; it is not a cell.
      if (start < src.length && /^\s*(?:单位|计量单位)[：:]/.test(src[start])) start++;
    }
    if (start >= src.length || used[start] || src[start].trim() === "" || !isLoneCell(src[start])) continue;
    if (!title && i > 0 && src[i - 1] !== "" && isLoneCell(src[i - 1])) continue;
    const t = title ? { number: title.number, title: title.title, line: i + 1 } : null;
    const res = readLineCells(src, start, report, t, used, !numbered);
    if (numbered) out.warnings.push(...(res.table ? [] : res.warnings));
    if (res.table) {
      accept(res.table);
      i = res.lastIdx;
    }
  }
}

/** A line that names a table without a number: short, no sentence, ending like a table's name. */
function captionLine(line: string): string | null {
  if (line.length > 60 || !/(表|情况|一览|统计|明细|汇总|对比|比较)\s*$/.test(line)) return null;
  const text = clean(line);
  if (text.length < 4 || text.length > 40 || /[。，；：:！？\s]/.test(text)) return null;
  return /(表|情况|一览|统计|明细|汇总|对比|比较)$/.test(text) ? text : null;
}

/**
 * Pass 7: what looks like a table but was read as none: a run of lines dense with figures that no
 * pass took. Its figures are not indexed, so the build says where it is rather than staying silent.
 */
function warnUnreadFigures(src: string[], report: string, out: ExtractedTables, used: Uint8Array): void {
  const skipped = new Uint8Array(src.length + 1);
  for (const s of out.skipped) for (let n = s.startLine; n <= s.endLine && n <= src.length; n++) skipped[n - 1] = 1;
  for (const run of figureLineRuns(src, (i) => used[i] === 1 || skipped[i] === 1)) {
    out.warnings.push({
      report,
      line: run.startLine,
      message: `Lines ${run.startLine}–${run.endLine} look like a table (${run.figures} figures in columns) but could not be read as one; their figures are not indexed.`,
    });
  }
}
