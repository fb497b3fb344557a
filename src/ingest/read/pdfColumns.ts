/**
 * Tables drawn without rules (or with only the three rules of a 三线表), found from the text
 * alone: a run of lines cut into cells by column gaps is a table; its columns are where the
 * widest rows put their cells; a line with no figure in it (a wrapped label `实人数`, a header's
 * `年`) is part of the row nearest to it, so a wrapped cell is joined into its row.
 */
import { joinWrapped, type Grid } from "./grid.js";
import type { PdfLine } from "./pdfText.js";

/** A table read from aligned text. */
export interface AlignedTable {
  /** Baseline of its first line. */
  y1: number;
  grid: Grid;
  /** Indexes (into the page's lines) of the lines read into it. */
  lines: Set<number>;
}

/** A line of the table may stand this many font sizes below the one above: cell padding makes row gaps wide. */
const ROW_GAP = 4;
/** A line without column gaps inside a run is a wrapped cell only when this short. */
const MAX_WRAP_CHARS = 16;

/** A cell's text that is a figure (`1089`, `68.3%`, `12项`), never a year label (`2023年`). */
export const isFigure = (s: string) => /^[-+]?\d[\d,，.]*\s*(%|％|‰|[\u4e00-\u9fff]{1,2})?$/.test(s.replace(/\s+/g, "")) && !/^(19|20)\d{2}年?$/.test(s.trim());

/** A line without column gaps that can be part of a cell: short, inside the table, no caption or sentence. */
function isWrappedCell(l: PdfLine, left: number, right: number): boolean {
  if (l.text.length > MAX_WRAP_CHARS || l.x0 < left || l.x1 > right) return false;
  return !/^(表|图)\s*\d/.test(l.text) && !/[。！？；]$/.test(l.text);
}

/** The runs of lines (indexes) that look like one table: two lines with column gaps at least. */
function tableRuns(lines: PdfLine[]): number[][] {
  const runs: number[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].cells.length < 2) continue;
    const run = [i];
    let left = lines[i].x0 - lines[i].size;
    let right = lines[i].x1 + lines[i].size;
    for (let j = i + 1; j < lines.length; j++) {
      const prev = lines[run[run.length - 1]];
      const l = lines[j];
      if (prev.y - l.y > ROW_GAP * Math.max(prev.size, l.size)) break;
      if (l.cells.length < 2 && !isWrappedCell(l, left, right)) break;
      if (l.cells.length >= 2) [left, right] = [Math.min(left, l.x0 - l.size), Math.max(right, l.x1 + l.size)];
      run.push(j);
    }
    // A short line after the last row belongs to it only when set as close as a wrapped line.
    while (run.length > 1 && lines[run[run.length - 1]].cells.length < 2) {
      const last = lines[run[run.length - 1]];
      const above = lines[run[run.length - 2]];
      if (above.y - last.y <= 1.6 * last.size && !isFigure(last.text)) break;
      run.pop();
    }
    if (run.filter((k) => lines[k].cells.length >= 2).length >= 2) runs.push(run);
    i = run[run.length - 1];
  }
  return runs;
}

/**
 * Column boundaries (x between two columns) from the rows with the most cells: each boundary halfway
 * across the gap they all share (or the first row's gap when they share none). A row is its cells' spans.
 */
export function boundsOfWidest(rows: readonly (readonly { x0: number; x1: number }[])[]): number[] {
  const width = Math.max(0, ...rows.map((cells) => cells.length));
  const widest = rows.filter((cells) => cells.length === width);
  const bounds: number[] = [];
  for (let k = 0; k + 1 < width; k++) {
    const right = Math.max(...widest.map((cells) => cells[k]!.x1));
    const left = Math.min(...widest.map((cells) => cells[k + 1]!.x0));
    bounds.push(right <= left ? (right + left) / 2 : (widest[0]![k]!.x1 + widest[0]![k + 1]!.x0) / 2);
  }
  return bounds;
}

/** Column boundaries from the lines with the most cells. */
function columnBounds(rows: PdfLine[]): number[] {
  return boundsOfWidest(rows.map((l) => l.cells));
}

function columnOf(bounds: number[], x: number): number {
  let k = 0;
  while (k < bounds.length && x > bounds[k]) k++;
  return k;
}

/** The grid of one run: rows anchored on the lines with figures, every other line joined to the nearest. */
function runGrid(lines: PdfLine[]): Grid {
  const bounds = columnBounds(lines.filter((l) => l.cells.length >= 2));
  const width = bounds.length + 1;
  let anchors = lines.map((l, k) => k === 0 || l.cells.slice(1).some((c) => isFigure(c.text)));
  // A table of words only (names, dates as text): every line with cells in two columns is a row.
  if (anchors.filter(Boolean).length < 3) anchors = lines.map((l, k) => k === 0 || l.cells.length >= 2);
  const rowOf = lines.map((l, k) => {
    if (anchors[k]) return k;
    let best = -1;
    for (let a = 0; a < lines.length; a++) {
      if (!anchors[a]) continue;
      // Nearest anchor; on a tie the one above (a top-aligned cell wraps downwards).
      if (best < 0 || Math.abs(lines[a].y - l.y) < Math.abs(lines[best].y - l.y)) best = a;
    }
    return best;
  });
  const rows = new Map<number, string[][]>();
  lines.forEach((l, k) => {
    const r = rowOf[k];
    if (!rows.has(r))
      rows.set(
        r,
        Array.from({ length: width }, () => []),
      );
    for (const c of l.cells) rows.get(r)![columnOf(bounds, (c.x0 + c.x1) / 2)].push(c.text);
  });
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, cells]) => cells.map((parts) => ({ text: joinWrapped(parts), from: "own" as const })));
}

/**
 * The tables of a page's lines (top to bottom) that are aligned text rather than ruled cells.
 *
 * @example findAlignedTables(itemLines(items))[0].grid.map((r) => r.map((c) => c.text)) // [["指标", "2023年"], ["毕业生去向落实人数", "1089"]]
 */
export function findAlignedTables(lines: PdfLine[]): AlignedTable[] {
  return tableRuns(lines).map((run) => ({ y1: lines[run[0]].y, grid: runGrid(run.map((k) => lines[k])), lines: new Set(run) }));
}
