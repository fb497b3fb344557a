/**
 * Tables whose cells are separated by runs of spaces on one line, under a header line: typed
 * text, and the text layer of a PDF, where columns are aligned by spaces, an empty cell prints
 * nothing, and a long cell wraps onto the next line (`毕业生去向落` / `实人数`).
 *
 * The header line fixes the columns: how many, and where each stands (in display columns, a
 * Chinese character counting two, as a PDF's text is laid out). A row with every cell is read as
 * printed; a row with fewer cells has each placed under the nearest header column; a line of
 * text alone under a row (no figures) is the wrapped rest of the cells above it.
 */
import type { IngestWarning } from "../../types.js";
import { isBlankLine, stripHeadingMarks } from "../clean.js";
import { clean } from "./text.js";
import { parseTitle } from "./detect.js";
import type { RawCell, RawRow, RawTable } from "./model.js";
import { findTitleAbove } from "./tabRows.js";
import { parseCellValue } from "./values.js";

/** One cell as printed on a line, and where it stands. */
export interface Field {
  text: string;
  /** Display columns [start, end): a CJK or full-width character counts two. */
  start: number;
  end: number;
}

function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  return (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
    ? 2
    : 1;
}

/** A figure or a missing marker: what a value cell holds. */
export function isFigure(text: string): boolean {
  // Most words hold no digit: only a dash or slash (a missing marker) can then be a figure.
  if (!/\d/.test(text)) return /^\s*(?:[-－—–―/／]+|仅高职填报)\s*$/.test(text);
  const t = clean(text);
  if (t === "") return false;
  const v = parseCellValue(t);
  return v.kind === "number" || v.kind === "ratio" || (v.kind === "missing" && t !== "");
}

/**
 * The fields of a line: text separated by two or more spaces, a tab or an ideographic space;
 * inside a field, a single space next to a figure separates too (`汽车运用与维修 312 296`).
 * @example splitFields("序号   指标      单位").map((f) => f.text) // ["序号", "指标", "单位"]
 */
export function splitFields(line: string, gap: 1 | 2 = 2): Field[] {
  const fields: Field[] = [];
  let col = 0;
  let cur: { text: string; start: number } | null = null;
  let spaces = 0;
  const flush = () => {
    if (cur) fields.push(...splitAtFigures(cur.text.trimEnd(), cur.start));
    cur = null;
  };
  for (const ch of line.replace(/\r$/, "")) {
    const sep = ch === "\t" || ch === "\u3000";
    if (ch === " " || ch === "\u00a0" || sep) {
      spaces += sep ? 2 : 1;
      if (spaces >= gap) flush();
      else if (cur) cur.text += " ";
      col += ch === "\t" ? 4 : charWidth(ch === "\u00a0" ? " " : ch);
      continue;
    }
    spaces = 0;
    if (!cur) cur = { text: "", start: col };
    cur.text += ch;
    col += charWidth(ch);
  }
  flush();
  return fields;
}

/** Splits `电子商务 98 102` into its text and its figures, keeping display positions. */
function splitAtFigures(text: string, start: number): Field[] {
  const tokens = text.split(" ");
  if (tokens.length === 1 || !tokens.some(isFigure)) return [{ text, start, end: start + width(text) }];
  const out: Field[] = [];
  let col = start;
  let run: Field | null = null;
  for (const tok of tokens) {
    const w = width(tok);
    const last = out[out.length - 1];
    // `97.3 %`: a unit printed apart from its figure belongs to it.
    if (!run && last && isFigure(last.text) && /^(?:%|％|‰|人|人次|万元|元|个|所|门|项)$/.test(tok)) {
      last.text += tok;
      last.end = col + w;
      col += w + 1;
      continue;
    }
    if (isFigure(tok)) {
      if (run) out.push(run);
      run = null;
      out.push({ text: tok, start: col, end: col + w });
    } else if (run) {
      run.text += ` ${tok}`;
      run.end = col + w;
    } else run = { text: tok, start: col, end: col + w };
    col += w + 1;
  }
  if (run) out.push(run);
  return out;
}

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

const SENTENCE = /[。；！？]|，.*，/;
/** Two cells on a line: a run of spaces (or a tab, an ideographic space) between text; or any space. */
const WIDE_GAP = /\S(?: {2,}|[\u3000\u00a0])\s*\S/;
const ANY_GAP = /\S[ \u3000]+\S[^ ]* +\S/;
const HEADING = /^(#|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|第.{1,3}[章节部分]|\d+(\.\d+)+\s|图\s*\d|注[：:]|资料来源|数据来源|说明[：:])/;

/** True for a header line: two or more short labels and no figure (years like `2024年` are labels). */
export function isHeaderLine(line: string, gap: 1 | 2 = 2): boolean {
  // Cheap tests first: this runs on every line of every report, most of them prose.
  // Tab-separated lines are the tab layouts' (tabRows.ts, cellPerLine.ts).
  if (line.length > 160 || line.length < 3 || line.includes("\t") || !(gap === 2 ? WIDE_GAP : ANY_GAP).test(line) || /[。，；！？]/.test(line)) return false;
  if (SENTENCE.test(line) || /\.{4,}|…{2,}/.test(line) || parseTitle(line)) return false;
  const text = clean(stripHeadingMarks(line));
  if (HEADING.test(text)) return false;
  const f = splitFields(line, gap);
  // Two single characters (`目  录`) are a spaced-out word, not two columns.
  if (f.length < 2 || f.some((x) => width(x.text) > 40) || f.every((x) => x.text.length === 1)) return false;
  return f.every((x) => !isFigure(x.text) || /^(19|20)\d{2}$/.test(x.text));
}

/** True for a data row: two or more fields, at least one a figure, none a long sentence. */
export function isFigureRow(line: string, gap: 1 | 2 = 2): boolean {
  // Cheap tests first: a row holds a figure (or a missing marker) and a gap between cells.
  if (line.length > 300 || line.includes("\t") || !/[\d\-－—–―/／]|仅高职填报/.test(line) || !(gap === 2 ? WIDE_GAP : ANY_GAP).test(line)) return false;
  if (/[。；]/.test(line) || /\.{4,}|…{2,}|·{4,}/.test(line) || parseTitle(line)) return false;
  const f = splitFields(line, gap);
  return f.length >= 2 && f.some((x) => isFigure(x.text)) && f.every((x) => width(x.text) <= 160);
}

/** A short line of text alone (no figures) that may be the wrapped rest of the cells above. */
function isFragmentLine(line: string, gap: 1 | 2): boolean {
  if (isBlankLine(line) || SENTENCE.test(line) || parseTitle(line)) return false;
  const text = clean(line);
  if (HEADING.test(text) || /^表\s*\d/.test(text)) return false;
  const f = splitFields(line, gap);
  return f.length >= 1 && f.every((x) => !isFigure(x.text) && width(x.text) <= 60);
}

/**
 * True when a line of text alone (no figures) is a row of its own rather than the wrapped rest of
 * the row above: a `其中` sub-row, a cell repeating the one above it (`网上调查` under `网上调查`),
 * or cells in two or more columns one of which is empty or short above (a wrapped row continues
 * only cells that were long).
 */
function startsTextRow(cols: Field[], fields: Field[], above: RawCell[]): boolean {
  if (/^(其中|含|包括)/.test(fields[0]?.text ?? "")) return true;
  const aboveText = (f: Field) => clean(above[nearestColumn(cols, f)]?.parts.join("") ?? "");
  if (fields.some((f) => aboveText(f) === clean(f.text))) return true;
  return fields.length >= 2 && fields.some((f) => aboveText(f).length < 4);
}

/** The header column nearest a field: by start, end or centre, whichever is closest. */
function nearestColumn(cols: Field[], f: Field, from = 0, to = cols.length - 1): number {
  let best = from;
  let bestD = Infinity;
  for (let c = from; c <= to; c++) {
    const h = cols[c]!;
    const d = Math.min(Math.abs(h.start - f.start), Math.abs(h.end - f.end), Math.abs((h.start + h.end) / 2 - (f.start + f.end) / 2));
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/**
 * Places a row's fields under the header's columns: as printed when the counts agree; under the
 * nearest columns, in order, when cells are missing; with neighbouring text fields joined when
 * there are too many (`电子商务  (含跨境)`). Null when the row cannot be fitted.
 */
function fitRow(cols: Field[], fields: Field[]): (Field | null)[] | null {
  let fs = fields.slice();
  while (fs.length > cols.length) {
    const k = fs.findIndex((f, i) => i + 1 < fs.length && !isFigure(f.text) && !isFigure(fs[i + 1]!.text));
    if (k < 0) return null;
    const a = fs[k]!;
    const b = fs[k + 1]!;
    fs = [...fs.slice(0, k), { text: `${a.text} ${b.text}`, start: a.start, end: b.end }, ...fs.slice(k + 2)];
  }
  const out: (Field | null)[] = Array(cols.length).fill(null);
  if (fs.length === cols.length) {
    fs.forEach((f, c) => (out[c] = f));
    return out;
  }
  let prev = -1;
  for (let k = 0; k < fs.length; k++) {
    const c = nearestColumn(cols, fs[k]!, prev + 1, cols.length - (fs.length - k));
    out[c] = fs[k]!;
    prev = c;
  }
  return out;
}

const cellIsEmpty = (c: RawCell | undefined): boolean => !c || c.parts.every((p) => clean(p) === "");

/**
 * A PDF centres a row's figures on the last line of a wrapped label: `2  毕业生去向落` over
 * `   实人数  人  651  674`. A numbered row with no figures, followed by an unnumbered one that has
 * them (and is no `其中` sub-row), is one row; the label's pieces join.
 */
function joinCentredLabels(rows: RawRow[], header: string[]): void {
  if (!/^(序号|编号)$/.test(header[0]?.replace(/\s+/g, "") ?? "")) return;
  for (let k = 0; k + 1 < rows.length; k++) {
    const a = rows[k]!.cells;
    const b = rows[k + 1]!.cells;
    const aFigures = a.slice(2).some((c) => !cellIsEmpty(c));
    const bLabel = clean(b[1]?.parts.join("") ?? "");
    if (aFigures || cellIsEmpty(a[0]) || cellIsEmpty(a[1]) || !cellIsEmpty(b[0]) || bLabel === "" || /^(其中|含|包括)/.test(bLabel)) continue;
    if (!b.slice(2).some((c) => !cellIsEmpty(c))) continue;
    a[1]!.parts.push(...b[1]!.parts);
    a[1]!.clean = undefined;
    for (let c = 2; c < a.length; c++) a[c] = b[c]!;
    rows.splice(k + 1, 1);
  }
}

/**
 * The title of a table printed without a number, on the line above it (a blank line between at
 * most): short, no sentence, and named like a table (`2017年招生情况统计表`, `各专业在校生情况`).
 * `numbered` (findTitleAbove) wins when there is one.
 */
export function captionAbove(lines: string[], headerIdx: number): { number: string | null; title: string; line: number } | null {
  const numbered = findTitleAbove(lines, headerIdx);
  if (numbered) return numbered;
  let i = headerIdx - 1;
  if (i >= 0 && isBlankLine(lines[i]!)) i--;
  if (i < 0) return null;
  const text = clean(stripHeadingMarks(lines[i]!));
  if (text.length < 4 || text.length > 40 || /[。，；：:！？]/.test(text) || /\s{2,}/.test(lines[i]!.trim())) return null;
  return /(表|情况|一览|统计|明细|汇总|对比|比较)$/.test(text) ? { number: null, title: text, line: i + 1 } : null;
}

/**
 * Page furniture of a PDF's text: a running header or footer (the report's title, its publisher)
 * printed on every page: a line naming a report that stands three or more times.
 */
export function pageFurniture(lines: string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const t = l.trim();
    if (t.length >= 6 && t.length <= 60 && /报告|年报/.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 3).map(([t]) => t));
}

/** A page number standing alone (`5`, `- 5 -`, `— 12 —`, `第 3 页`): a page break inside a table. */
function isPageNumber(line: string, furniture?: ReadonlySet<string>): boolean {
  if (furniture?.has(line.trim())) return true;
  return /^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3}|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?)\s*$/.test(line);
}

/** True when from `from` only page-break lines (blank, a page number, the header again) stand before more rows. */
function pageBreakThenRows(lines: string[], from: number, gap: 1 | 2, headerText: string, furniture?: ReadonlySet<string>): boolean {
  let sawBreak = false;
  for (let k = from; k < lines.length && k < from + 5; k++) {
    const l = lines[k]!;
    if (isBlankLine(l)) continue;
    if (isPageNumber(l, furniture) || clean(l).replace(/\s+/g, "") === headerText) {
      sawBreak = true;
      continue;
    }
    return sawBreak && isFigureRow(l, gap);
  }
  return false;
}

/** What `readSpaceTable` read, and the last line (0-based) it used. */
export interface SpaceRead {
  table: RawTable | null;
  lastIdx: number;
  warnings: IngestWarning[];
}

/**
 * Reads the space-aligned table whose header line is `headerIdx` (0-based). The table runs while
 * lines are rows of figures or wrapped fragments (one blank line may fall between rows) and ends
 * at text, a heading, a caption or a new table title.
 */
export function readSpaceTable(lines: string[], headerIdx: number, report: string, gap: 1 | 2 = 2, furniture?: ReadonlySet<string>): SpaceRead {
  const warnings: IngestWarning[] = [];
  const cols = splitFields(lines[headerIdx]!, gap);
  const header: RawCell[] = cols.map((c) => ({ parts: [c.text], line: headerIdx + 1 }));
  const rows: RawRow[] = [];
  let lastIdx = headerIdx;
  const headerText = clean(lines[headerIdx]!).replace(/\s+/g, "");
  for (let i = headerIdx + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlankLine(line)) {
      if (i + 1 < lines.length && isFigureRow(lines[i + 1]!, gap) && rows.length > 0) continue;
      // A page break: a page number, maybe a repeated header, then the rows go on.
      if (rows.length > 0 && pageBreakThenRows(lines, i + 1, gap, headerText, furniture)) continue;
      break;
    }
    if (rows.length > 0 && (isPageNumber(line, furniture) || clean(line).replace(/\s+/g, "") === headerText) && pageBreakThenRows(lines, i, gap, headerText, furniture)) {
      lastIdx = i;
      continue;
    }
    if (isFigureRow(line, gap)) {
      const fitted = fitRow(cols, splitFields(line, gap));
      if (!fitted) {
        warnings.push({ report, line: i + 1, message: `Table row at line ${i + 1} has more figures than the ${cols.length}-column header above it (line ${headerIdx + 1}); it was left out.` });
        lastIdx = i;
        continue;
      }
      rows.push({ cells: fitted.map((f) => ({ parts: [f?.text ?? ""], line: i + 1 })), line: i + 1, group: null });
      lastIdx = i;
      continue;
    }
    if (isFragmentLine(line, gap) && i - lastIdx === 1) {
      const fields = splitFields(line, gap);
      const above = rows[rows.length - 1];
      if (above && startsTextRow(cols, fields, above.cells)) {
        const fitted = fitRow(cols, fields);
        if (fitted) {
          rows.push({ cells: fitted.map((f) => ({ parts: [f?.text ?? ""], line: i + 1 })), line: i + 1, group: null });
          lastIdx = i;
          continue;
        }
      }
      // The wrapped rest of the cells above: of the header while no row is read yet.
      const target = above ? above.cells : header;
      for (const f of fields) {
        const cell = target[nearestColumn(cols, f)]!;
        if (clean(cell.parts.join("")) === "") cell.parts = [f.text];
        else cell.parts.push(f.text);
        cell.clean = undefined;
      }
      lastIdx = i;
      continue;
    }
    break;
  }
  if (rows.length === 0) return { table: null, lastIdx: headerIdx, warnings };
  joinCentredLabels(
    rows,
    header.map((c) => clean(c.parts.join(""))),
  );
  const title = captionAbove(lines, headerIdx);
  const table: RawTable = {
    report,
    layout: "space-aligned",
    number: title?.number ?? null,
    title: title?.title ?? null,
    header: header.map((c) => c.parts.map((p) => clean(p)).join("")),
    diagonal: false,
    rows,
    startLine: title?.line ?? headerIdx + 1,
    endLine: lastIdx + 1,
    warnings,
  };
  return { table, lastIdx, warnings };
}
