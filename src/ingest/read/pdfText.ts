/**
 * Text lines from a PDF's text items: items on one baseline make a line, read left to right.
 * A wide gap between two items on a line (more than `COLUMN_GAP` font sizes) is a column gap and
 * becomes a tab, so a table drawn without rules, its columns aligned by spacing, comes out as
 * tab-separated rows the table parsers read.
 */
import type { PdfItem } from "./pdfExtract.js";

/** The part of a line between two column gaps. */
export interface PdfCell {
  text: string;
  x0: number;
  x1: number;
}

/** One rebuilt line. */
export interface PdfLine {
  /** The cells joined by tabs. */
  text: string;
  /** The line cut at its column gaps: one cell for running text. */
  cells: PdfCell[];
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  /** The line's font size (its largest item's). */
  size: number;
}

/** A gap wider than this many font sizes between two items of a line separates columns. */
export const COLUMN_GAP = 2;

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
const CJK_PUNCT = "，。、；：？！“”‘’（）《》【】—…·";

/**
 * Spaces a PDF writer puts between Chinese and digits (LibreOffice's Asian–Western spacing:
 * `2023 年`, `在校生 3256 人`) are no space in the text, and go; spaces between Latin words stay.
 */
export function tidySpaces(s: string): string {
  const re = new RegExp(`([${CJK}${CJK_PUNCT}]) +(?=[0-9${CJK}${CJK_PUNCT}])|([0-9%${CJK_PUNCT}]) +(?=[${CJK}${CJK_PUNCT}])`, "g");
  return s
    .replace(/[ \u00a0\u3000]+/g, " ")
    .replace(re, "$1$2")
    .replace(re, "$1$2")
    .trim();
}

/**
 * Groups items into lines by baseline (within 40% of the font size), top to bottom, each read
 * left to right.
 *
 * @example itemLines([{ str: "2023", x: 56, y: 674, w: 23, size: 10.5 }, { str: "年", x: 80, y: 674, w: 10.5, size: 10.5 }])[0].text === "2023年"
 */
export function itemLines(items: PdfItem[]): PdfLine[] {
  const sorted = items.filter((it) => it.str !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    const ref = g?.[0];
    if (ref && Math.abs(ref.y - it.y) <= Math.max(ref.size, it.size) * 0.4) g.push(it);
    else groups.push([it]);
  }
  const lines: PdfLine[] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x - b.x);
    const size = Math.max(...g.map((it) => it.size));
    const cells: PdfCell[] = [];
    let text = "";
    let end: number | null = null;
    let start: number | null = null;
    const close = () => {
      if (start !== null && end !== null && text.trim() !== "") cells.push({ text: tidySpaces(text), x0: start, x1: end });
      text = "";
      start = null;
    };
    for (const it of g) {
      if (it.str.trim() === "") {
        if (end !== null) text += " ";
        continue;
      }
      if (end !== null && it.x - end > COLUMN_GAP * size) close();
      // Words set apart by position alone (no space item between them): `Python` `3.10`.
      else if (end !== null && it.x - end > 0.15 * size && /[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(it.str)) text += " ";
      text += it.str;
      start ??= it.x;
      end = it.x + it.w;
    }
    close();
    if (cells.length === 0) continue;
    // Letter-spaced text (`目    录`, `学 校 概 况` set to a width) is one phrase, not cells.
    if (cells.length >= 2 && cells.every((c) => [...c.text].length === 1 && /[\u3400-\u9fff]/.test(c.text))) {
      cells.splice(0, cells.length, { text: cells.map((c) => c.text).join(""), x0: cells[0].x0, x1: cells[cells.length - 1].x1 });
    }
    lines.push({ text: cells.map((c) => c.text).join("\t"), cells, x0: cells[0].x0, x1: cells[cells.length - 1].x1, y: g[0].y, size });
  }
  return lines;
}
