/**
 * Reads a PDF report through its text layer and rebuilds the text a reader sees:
 *
 * - ruled tables as tab-separated rows (pdfTables.ts), one table continued on the next page joined
 *   to it, a header repeated on the new page dropped; tables without rules from the alignment of
 *   their text (pdfColumns.ts);
 * - page headers, footers and page numbers left out: a line in the top or bottom tenth of the page
 *   that repeats on at least half the pages (digits ignored, so `第 3 页` repeats), or that is only
 *   a page number; a short line at the same place on half the pages (three at least); rotated text
 *   (watermarks) is not read at all;
 * - headings (lines set larger than the body text) as `#` lines, the largest size `#`;
 * - running text as one line per paragraph: a line that reaches the right margin continues on the
 *   next unless that one is indented, also across a page break.
 *
 * A PDF without a text layer (a scan) is a ReportParseError saying it needs OCR.
 */
import { ReportParseError } from "../../errors.js";
import { gridRows, joinWrapped, type Grid } from "./grid.js";
import { findAlignedTables } from "./pdfColumns.js";
import { extractPdf, type PdfPage } from "./pdfExtract.js";
import { commonSize, findTables } from "./pdfTables.js";
import { itemLines, type PdfLine } from "./pdfText.js";

/** The rebuilt text, and the page each of its lines comes from. */
export interface PdfText {
  text: string;
  /** `pages[n - 1]` is the 1-based page of line n. */
  pages: number[];
}

type Block =
  | { kind: "heading"; text: string; level: number; page: number; bottom: number }
  | { kind: "paragraph"; lines: PdfLine[]; page: number }
  | { kind: "table"; grid: Grid; page: number; rowPages: number[] };

/** Top and bottom share of a page where running headers and footers sit. */
const MARGIN_BAND = 0.1;

const PAGE_NUMBER = /^[-—–－\s]*(第\s*)?([0-9]{1,4}|[ivxlcdm]{1,6})\s*(页)?\s*([/／]\s*[0-9]{1,4}|共\s*[0-9]{1,4}\s*页|of\s*[0-9]{1,4})?[-—–－\s]*$/i;

function inMarginBand(line: PdfLine, page: PdfPage): boolean {
  return line.y > page.height * (1 - MARGIN_BAND) || line.y < page.height * MARGIN_BAND;
}

/** The same header on every page, whatever its page number says. */
function repeatKey(text: string): string {
  return text.replace(/\s+/g, "").replace(/[0-9]+/g, "#");
}

/**
 * Lines of each page without the running headers, footers and page numbers: in the margin bands,
 * a line that repeats on half the pages or is only a page number; anywhere, a short line printed
 * word for word at the same place on half the pages, three at least (a logo's caption, an
 * upright watermark).
 */
function withoutPageFurniture(pages: PdfPage[], lines: PdfLine[][]): PdfLine[][] {
  const seen = new Map<string, Set<number>>();
  const count = (key: string, p: number) => {
    if (!seen.has(key)) seen.set(key, new Set());
    seen.get(key)!.add(p);
  };
  // Only short lines, word for word: a paragraph that happens to recur is the report's text.
  const placeKey = (l: PdfLine) => (l.text.length <= 20 ? `${Math.round(l.y / 4)}@${l.text.replace(/\s+/g, "")}` : "");
  lines.forEach((pageLines, p) => {
    for (const l of pageLines) {
      if (placeKey(l)) count(placeKey(l), p);
      if (inMarginBand(l, pages[p])) count(repeatKey(l.text), p);
    }
  });
  const repeated = (key: string, least: number) => {
    const n = seen.get(key)?.size ?? 0;
    return n >= least && n >= pages.length * 0.5;
  };
  const furniture = (l: PdfLine, page: PdfPage) => (inMarginBand(l, page) && (repeated(repeatKey(l.text), 2) || PAGE_NUMBER.test(l.text))) || (placeKey(l) !== "" && repeated(placeKey(l), 3));
  return lines.map((pageLines, p) => pageLines.filter((l) => !furniture(l, pages[p])));
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
}

/** The body text's font size: the size most characters are set in. */
function bodySize(lines: PdfLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(Math.round(l.size * 2) / 2, (weight.get(Math.round(l.size * 2) / 2) ?? 0) + l.text.length);
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best;
}

/** Heading levels by size: each size clearly above the body's, largest first, is one level. */
function headingLevels(lines: PdfLine[], body: number): Map<number, number> {
  const sizes = [...new Set(lines.filter((l) => l.size >= body * 1.15 && l.text.length <= 60).map((l) => Math.round(l.size * 2) / 2))].sort((a, b) => b - a);
  return new Map(sizes.map((s, i) => [s, Math.min(6, i + 1)]));
}

interface Margins {
  left: number;
  right: number;
}

/** True when `next` goes on the paragraph that `prev` ends: prev runs to the right margin, next is not indented. */
function continues(prev: PdfLine, next: PdfLine, samePage: boolean, m: Margins): boolean {
  if (prev.text.includes("\t") || next.text.includes("\t")) return false;
  if (Math.abs(prev.size - next.size) > 0.5) return false;
  if (prev.x1 < m.right - 1.5 * prev.size) return false;
  if (next.x0 > m.left + 0.5 * next.size) return false;
  return !samePage || prev.y - next.y <= 2.2 * Math.max(prev.size, next.size);
}

/** The page's tables and lines as blocks, top to bottom. */
function pageBlocks(page: number, lines: PdfLine[], tables: { y1: number; grid: Grid }[], body: number, levels: Map<number, number>, m: Margins, open: Block | null): Block[] {
  type Placed = { y: number; line?: PdfLine; grid?: Grid };
  const placed: Placed[] = [...lines.map((line) => ({ y: line.y, line })), ...tables.map((t) => ({ y: t.y1, grid: t.grid }))].sort((a, b) => b.y - a.y);
  const blocks: Block[] = [];
  let para: (Block & { kind: "paragraph" }) | null = open?.kind === "paragraph" ? open : null;
  let first = true;
  for (const p of placed) {
    if (p.grid) {
      blocks.push({ kind: "table", grid: p.grid, page, rowPages: p.grid.map(() => page) });
      para = null;
    } else if (p.line) {
      const l = p.line;
      const level = levels.get(Math.round(l.size * 2) / 2);
      if (level !== undefined && l.size > body) {
        const text = l.text.replace(/\t/g, " ");
        const last = blocks[blocks.length - 1];
        // A heading too long for one line wraps onto the next, set in the same size just below.
        if (last?.kind === "heading" && last.level === level && last.page === page && last.bottom - l.y <= 1.8 * l.size) {
          last.text = joinWrapped([last.text, text]);
          last.bottom = l.y;
        } else blocks.push({ kind: "heading", text, level, page, bottom: l.y });
        para = null;
      } else if (para && continues(para.lines[para.lines.length - 1], l, !first || para.page === page, m)) {
        para.lines.push(l);
      } else {
        para = { kind: "paragraph", lines: [l], page };
        blocks.push(para);
      }
    }
    first = false;
  }
  return blocks;
}

const hasFigure = (row: Grid[number]) => row.some((c) => /^[-+]?\d[\d,.]*\s*(%|％)?$/.test(c.text.trim()) && !/^(19|20)\d{2}$/.test(c.text.trim()));

/**
 * A table cut by a page break, continued at the top of the next page, as one table: a repeated
 * header row goes, and a row the break cut in two (`“双师型”教师占专` | `任教师比例`, one part with
 * the figures and one with only the rest of its text) is one row again.
 */
function joinContinuedTables(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (b.kind === "table" && prev?.kind === "table" && b.page === prev.page + 1 && b.grid[0]?.length === prev.grid[0]?.length) {
      const header = prev.grid[0].map((c) => c.text).join("\t");
      const rows = b.grid[0] && b.grid[0].map((c) => c.text).join("\t") === header ? b.grid.slice(1) : b.grid.slice();
      const grid = [...prev.grid];
      const last = grid[grid.length - 1];
      if (rows.length > 0 && grid.length > 1 && hasFigure(last) !== hasFigure(rows[0])) {
        grid[grid.length - 1] = last.map((c, k) => ({ ...c, text: joinWrapped([c.text, rows[0][k]?.text ?? ""]) }));
        rows.shift();
      }
      out[out.length - 1] = { ...prev, grid: [...grid, ...rows], rowPages: [...prev.rowPages, ...rows.map(() => b.page)] };
      continue;
    }
    out.push(b);
  }
  return out;
}

/** The pages as blocks in reading order: tables (ruled, then aligned), headings and paragraphs. */
function pageBlocksOf(pages: PdfPage[]): Block[] {
  const itemSize = commonSize(pages.flatMap((p) => p.items));
  const tables = pages.map((p) => findTables(p.rules, p.items, itemSize));
  const rawLines = pages.map((p, i) => itemLines(p.items.filter((_, k) => !tables[i].some((t) => t.items.has(k)))));
  const lines = withoutPageFurniture(pages, rawLines);
  const all = lines.flat();
  const body = bodySize(all);
  const levels = headingLevels(all, body);
  const bodyLines = all.filter((l) => Math.abs(l.size - body) <= 0.5 && !l.text.includes("\t") && l.text.length >= 8);
  const margins: Margins = {
    left: quantile(
      bodyLines.map((l) => l.x0),
      0.1,
    ),
    right: quantile(
      bodyLines.map((l) => l.x1),
      0.9,
    ),
  };
  const blocks: Block[] = [];
  pages.forEach((_, i) => {
    const prev = blocks[blocks.length - 1] ?? null;
    const aligned = findAlignedTables(lines[i]);
    const running = lines[i].filter((_, k) => !aligned.some((t) => t.lines.has(k)));
    const more = pageBlocks(i + 1, running, [...tables[i], ...aligned], body, levels, margins, prev);
    // A paragraph the previous page left open was continued in place, not added again.
    blocks.push(...more.filter((b) => b !== prev));
  });
  return joinContinuedTables(blocks);
}

/**
 * Lays out extracted pages as text (see the module comment). Pure: the tests feed it pages.
 *
 * @example layoutPdf(extractPdf(bytes, "x.pdf")).text.split("\n")[0] // "# 德阳市职业技术学校2023年职业教育质量年度报告"
 */
export function layoutPdf(pages: PdfPage[]): PdfText {
  const out: string[] = [];
  const pageOf: number[] = [];
  const emit = (text: string, page: number) => {
    out.push(text);
    pageOf.push(page);
  };
  for (const b of pageBlocksOf(pages)) {
    if (b.kind === "heading") emit(`${"#".repeat(b.level)} ${b.text}`, b.page);
    else if (b.kind === "paragraph")
      emit(
        b.lines.map((l) => l.text).reduce((acc, t) => joinWrapped([acc, t])),
        b.page,
      );
    else for (const line of gridRows(b.grid)) emit(line.text, b.rowPages[line.row] ?? b.page);
    emit("", b.page);
  }
  while (out.length > 0 && out[out.length - 1] === "") {
    out.pop();
    pageOf.pop();
  }
  return { text: out.join("\n"), pages: pageOf };
}

/**
 * Why a PDF's text layer cannot be used, or null when it can: no text at all (a scan), or text
 * that is mostly private-use, replacement or control characters (fonts embedded without a
 * Unicode mapping, which read as symbols). Either way OCR is what helps.
 *
 * @example textLayerProblem([{ width: 595, height: 842, rules: [], items: [] }]) // "the PDF has no text layer (1 page of images, a scan?)"
 */
export function textLayerProblem(pages: PdfPage[]): string | null {
  let chars = 0;
  let unreadable = 0;
  for (const p of pages) {
    for (const it of p.items) {
      for (const ch of it.str) {
        const c = ch.codePointAt(0)!;
        if (ch.trim() === "") continue;
        chars++;
        if ((c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd || c < 0x20 || (c >= 0x7f && c < 0xa0)) unreadable++;
      }
    }
  }
  if (chars === 0) return `the PDF has no text layer (${pages.length} page${pages.length > 1 ? "s" : ""} of images, a scan?)`;
  if (unreadable > chars * 0.3) return "the PDF's text cannot be decoded (its fonts map characters to no Unicode, so they read as symbols)";
  return null;
}

/**
 * Reads a PDF report's text (see the module comment), or throws a ReportParseError naming the
 * file: damaged, password-protected, or a scan without a text layer.
 */
export function readPdf(bytes: Uint8Array, report: string): PdfText {
  const pages = extractPdf(bytes, report);
  if (pages.length === 0) throw new ReportParseError(report, null, "the PDF has no pages");
  const problem = textLayerProblem(pages);
  if (problem) throw new ReportParseError(report, null, `${problem}: it needs OCR before it can be read (e.g. ocrmypdf), then add the result`);
  return layoutPdf(pages);
}
