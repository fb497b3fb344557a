/**
 * Runs of short lines dense with figures: what a table looks like in text whatever its layout.
 * The table passes run first; what they leave that still looks like this is a table they could
 * not read, and the build warns about it (file and lines) instead of dropping it silently.
 */
import { isBlankLine } from "../clean.js";
import { clean } from "./text.js";
import { isFigure } from "./spaceRows.js";

/** A run of figure-dense lines, 1-based. */
export interface FigureRun {
  startLine: number;
  endLine: number;
  figures: number;
}

/** At least this many figures, on at least `MIN_LINES` lines, of which at least `MIN_SHARE` of the cells. */
const MIN_FIGURES = 6;
const MIN_LINES = 3;
const MIN_SHARE = 0.4;

/** The cells of a short line, or null when it is running text (a sentence, or too long for a row). */
function lineCells(line: string): string[] | null {
  if (line.length > 160 || /[。；！？]/.test(line)) return null;
  // Without a digit a line holds no figure: its words are only counted, not cleaned.
  const t = /\d/.test(line) ? clean(line) : line.trim();
  if (t.length > 120 || /[。；！？]|[：:]$/.test(t) || /，.*，/.test(t) || /^\s*#/.test(line)) return null;
  if (/^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第.{1,3}[章节部分])/.test(t)) return null;
  // A table-of-contents entry: dotted leaders, or a section number, its title and a page number.
  if (/\.{3,}|…{2,}|·{3,}/.test(t) || /^\d+(?:\.\d+)+\s*\S.*\s\d{1,3}$/.test(t)) return null;
  return t.split(/\s+/).filter((c) => c !== "");
}

/** A figure among a line's words; most words hold no digit and are not looked at further. */
function figureWord(w: string): boolean {
  return (/\d/.test(w) || /^[-－—–/／]+$/.test(w)) && isFigure(w);
}

/**
 * The runs of lines (one blank line may fall inside) that hold many figures and little else,
 * skipping lines `taken` says belong to something already read.
 * @example figureLineRuns(["96.5  97.1", "98.2  95.0  93.3", "91.2", "94.7  96.0"], () => false) // [{ startLine: 1, endLine: 4, figures: 8 }]
 */
export function figureLineRuns(lines: string[], taken: (i: number) => boolean): FigureRun[] {
  const runs: FigureRun[] = [];
  let cur: { start: number; end: number; figures: number; cells: number; lines: number } | null = null;
  const close = () => {
    if (cur && cur.figures >= MIN_FIGURES && cur.lines >= MIN_LINES && cur.figures >= cur.cells * MIN_SHARE) {
      runs.push({ startLine: cur.start + 1, endLine: cur.end + 1, figures: cur.figures });
    }
    cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlankLine(line) && !line.includes("\t")) {
      if (cur && i - cur.end > 1) close();
      continue;
    }
    const cells = taken(i) ? null : lineCells(line);
    if (!cells || cells.length === 0) {
      close();
      continue;
    }
    const figures = cells.filter(figureWord).length;
    cur ??= { start: i, end: i, figures: 0, cells: 0, lines: 0 };
    cur.end = i;
    cur.figures += figures;
    cur.cells += cells.length;
    cur.lines++;
  }
  close();
  return runs;
}
