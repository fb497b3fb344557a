/**
 * An HTML table flattened to text: every cell on a line of its own with no tab before it, an
 * empty cell as a line holding only spaces, and nothing between rows. Where the rows break is
 * not printed, so the header's width is found from the cells themselves: the width at which the
 * header is all labels and every column holds one kind of cell (figures, or text) down the rows,
 * the running numbers of a 序号 column counting up one a row.
 */
import type { IngestWarning } from "../../types.js";
import { clean } from "./text.js";
import { parseTitle } from "./detect.js";
import type { RawCell, RawTable } from "./model.js";
import { isFigure } from "./spaceRows.js";

/** Widest header tried: the standard tables have at most eight columns, body tables a few more. */
const MAX_WIDTH = 14;
/** An untitled run needs this many cells, this share of them figures, and perfectly uniform columns. */
const UNTITLED_MIN_CELLS = 9;
const UNTITLED_MIN_FIGURES = 0.3;
/** How uniform the columns must be, averaged (1 = every column holds one kind of cell). */
const MIN_UNIFORMITY = 0.9;

const STOP =
  /^(#|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|第.{1,3}[章节部分]|\d+(\.\d+)+\s*\S|图\s*\d|注[：:]|资料来源|数据来源|说明[：:]|案例\s*\d|【案例|典型案例\s*\d)/;

/** True for a line that can be one cell: short text with no sentence in it, or spaces alone (an empty cell). */
export function isLoneCell(line: string): boolean {
  if (line.includes("\t")) return false;
  if (line !== "" && line.trim() === "") return true;
  if (line.length > 200 || /[。！？]/.test(line)) return false;
  const t = clean(line);
  // A lead-in ending in a colon (`情况如下：`) is text; a colon alone is a 单位 cell (生师比 `:`).
  if (t === "" || t.length > 120 || /[。！？]/.test(t) || (t.length > 2 && /[：:]$/.test(t)) || /，.*，/.test(t)) return false;
  if (/\s{2,}/.test(line.trim())) return false;
  return !STOP.test(t) || isFigure(t);
}

/** Empty lines that may stand together inside a flattened table (empty cells, or a row break). */
const MAX_BLANK_RUN = 4;

/**
 * The lines from `start` (0-based) while they are lone cells. An empty line inside is either an
 * empty cell (LibreOffice's text export prints one so) or a break between rows: both readings are
 * kept (`blankIsCell`, `blankIsBreak`) and the header's width decides. `lastIdx` is the last cell's line.
 */
function collect(lines: string[], start: number, used: Uint8Array): { blankIsCell: RawCell[]; blankIsBreak: RawCell[]; lastIdx: number } {
  const blankIsCell: RawCell[] = [];
  const blankIsBreak: RawCell[] = [];
  let lastIdx = start - 1;
  let pending: number[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (used[i]) break;
    if (line === "") {
      if (blankIsBreak.length > 0) pending.push(i);
      if (pending.length > MAX_BLANK_RUN) break;
      continue;
    }
    if (!isLoneCell(line) || (blankIsBreak.length > 0 && parseTitle(line))) break;
    for (const b of pending) blankIsCell.push({ parts: [""], line: b + 1 });
    pending = [];
    const cell = { parts: [line.trim() === "" ? "" : line], line: i + 1 };
    blankIsCell.push(cell);
    blankIsBreak.push(cell);
    lastIdx = i;
  }
  // The table's last cell may be empty: the empty line before the text that follows.
  if (pending.length > 0) blankIsCell.push({ parts: [""], line: pending[0]! + 1 });
  return { blankIsCell, blankIsBreak, lastIdx };
}

type Kind = "figure" | "text" | "empty";
function kindOf(c: RawCell): Kind {
  const t = clean(c.parts[0] ?? "");
  if (t === "") return "empty";
  return isFigure(t) ? "figure" : "text";
}

/** How well `width` cuts the cells into a header and rows: null when it cannot, else a score (higher is better). */
export function widthScore(cells: RawCell[], width: number): number | null {
  const kinds = cells.map(kindOf);
  const n = cells.length - ((cells.length - width) % width);
  const rows = (n - width) / width;
  // One row says nothing about its columns' kinds: only when it ends the cells exactly.
  if (rows < 1 || (rows === 1 && n !== cells.length)) return null;
  // The header: labels (a year alone is a label), an empty corner cell at most.
  for (let c = 0; c < width; c++) {
    const t = clean(cells[c]!.parts[0] ?? "");
    if (kinds[c] === "empty" ? c !== 0 : kinds[c] === "figure" && !/^(19|20)\d{2}$/.test(t)) return null;
  }
  let uniform = 0;
  let figureColumns = 0;
  for (let c = 0; c < width; c++) {
    let fig = 0;
    let text = 0;
    for (let r = 1; r <= rows; r++) {
      const k = kinds[r * width + c];
      if (k === "figure") fig++;
      else if (k === "text") text++;
    }
    uniform += fig + text === 0 ? 1 : Math.max(fig, text) / (fig + text);
    if (fig > text) figureColumns++;
  }
  if (figureColumns === 0) return null;
  let score = uniform / width;
  if (score < MIN_UNIFORMITY) return null;
  // A 序号 column counting 1, 2, 3… down the rows settles it.
  if (/^(序号|编号)$/.test(clean(cells[0]!.parts[0] ?? "").replace(/\s+/g, ""))) {
    let counts = true;
    for (let r = 1; r <= rows && counts; r++) counts = clean(cells[r * width]!.parts[0] ?? "") === String(r);
    if (counts) score += 1;
  }
  // Cells left over after the last full row are text that follows the table: the fewer the better.
  return score - (cells.length - n) * 0.01;
}

/** What `readLineCells` read. */
export interface LineCellsRead {
  table: RawTable | null;
  /** 0-based index of the last line that belongs to the table (or to the block, when unread). */
  lastIdx: number;
  warnings: IngestWarning[];
}

/**
 * Reads the flattened table whose first cell is on `start` (0-based), titled by `title` (a `表N …`
 * line above) or untitled. When no width fits, the block is reported with its lines and left out.
 * `strict` (the default for an untitled run, and for one under an unnumbered caption) reads only a
 * run that is clearly a table, and says nothing when it is not one.
 */
export function readLineCells(
  lines: string[],
  start: number,
  report: string,
  title: { number: string | null; title: string | null; line: number } | null,
  taken: Uint8Array = new Uint8Array(lines.length),
  strict = title === null,
): LineCellsRead {
  const run = collect(lines, start, taken);
  const { lastIdx } = run;
  let cells = run.blankIsBreak;
  // Untitled, only a run that is clearly a table counts: many cells, a fair share of them figures.
  if (strict && (cells.length < UNTITLED_MIN_CELLS || cells.filter((c) => kindOf(c) === "figure").length < cells.length * UNTITLED_MIN_FIGURES)) {
    return { table: null, lastIdx, warnings: [] };
  }
  const warnings: IngestWarning[] = [];
  let best: { width: number; score: number; cells: RawCell[] } | null = null;
  // Empty lines as empty cells first: on a tie that reading wins (nothing is dropped).
  const readings = run.blankIsCell.length > cells.length ? [run.blankIsCell.slice(0, -1), run.blankIsCell, cells] : [cells];
  for (const candidate of readings) {
    for (let w = 2; w <= Math.min(MAX_WIDTH, Math.floor(candidate.length / 2)); w++) {
      const s = widthScore(candidate, w);
      if (s !== null && (!best || s > best.score + 1e-9)) best = { width: w, score: s, cells: candidate };
    }
  }
  if (best && strict && best.score < 1) best = null;
  if (best) cells = best.cells;
  if (!best) {
    if (!strict && cells.length >= 6 && cells.some((c) => kindOf(c) === "figure")) {
      const where = title?.number ?? title?.title ?? "A table";
      warnings.push({
        report,
        line: start + 1,
        message: `${where} at lines ${start + 1}–${lastIdx + 1} has one cell per line, but no header width fits its cells (every column one kind of cell); it was left out.`,
      });
    }
    return { table: null, lastIdx, warnings };
  }
  const width = best.width;
  const used = cells.length - ((cells.length - width) % width);
  const header = cells.slice(0, width).map((c) => clean(c.parts[0] ?? ""));
  const table: RawTable = {
    report,
    layout: "line-cells",
    number: title?.number ?? null,
    title: title?.title ?? null,
    header,
    diagonal: false,
    rows: [],
    startLine: title?.line ?? start + 1,
    endLine: cells[used - 1]!.line,
    warnings,
  };
  if (used < cells.length) {
    const left = cells[used]!;
    warnings.push({
      report,
      line: left.line,
      message: `${title?.number ?? "A table"}: the last ${cells.length - used} cell(s), from line ${left.line}, do not fill a row of the ${width}-column header; they were left out.`,
    });
  }
  for (let s = width; s < used; s += width) {
    const row = cells.slice(s, s + width);
    table.rows.push({ cells: row, line: row[0]!.line, group: null });
  }
  return { table, lastIdx: used < cells.length ? lastIdx : cells[used - 1]!.line - 1, warnings };
}
