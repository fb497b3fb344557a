/**
 * Line classification for the table parsers: what a raw line is (a cell, a tab-separated row,
 * a table title, a table-of-contents entry, chart residue, a wrapped continuation) before any
 * table is assembled. Each test reads one line and knows nothing of its neighbours unless told.
 */
import { isBlankLine, stripHeadingMarks } from "../clean.js";
import { clean } from "./text.js";

/** A table title as printed: `表 1` → number "表1", title the rest. */
export interface TitleParts {
  number: string;
  title: string;
}

/** True for a layout-B cell line: the text sits after a leading tab (`\t…` or ` \t…`); `"\t"` alone is an empty cell. */
export function isCellLine(line: string): boolean {
  return /^ ?\t/.test(line) && !isTabRow(line);
}

/** The raw text of a cell line without its tab prefix (markup not yet cleaned). */
export function cellContent(line: string): string {
  return line.replace(/^ ?\t/, "");
}

/**
 * True for a layout-A row (or chart/TOC residue): tab-separated fields on one line. A line with a
 * single leading tab is a layout-B cell instead; `\t第二名\t…` (an empty first cell) is a row.
 */
export function isTabRow(line: string): boolean {
  const first = line.indexOf("\t");
  if (first < 0) return false;
  for (let k = 0; k < first; k++) if (line[k] !== " ") return true;
  return line.indexOf("\t", first + 1) >= 0;
}

/** Splits a layout-A row into its raw fields. */
export function splitTabRow(line: string): string[] {
  return line.split("\t");
}

const TITLE = /^表\s*(\d{1,2}(?:\s*[-－—–]\s*\d{1,2})?|[一二三四五六七八九十]{1,3}(?![一二三四五六七八九十]))(?![\d.])\s*[：:．、]?\s*(\S.*)?$/;

/**
 * Reads a table title: `表1 人才培养质量计分卡`, `## 表 2 教学资源表`, `表一 学校基本情况`, ` \t表1人才培养质量计分卡`,
 * `[bookmark: …]表1-1  2021年、2022年学生基本情况比较`. Sentences that start with a table number
 * (`表1显示，…。`) and tab-separated TOC entries are not titles.
 *
 * @example parseTitle("[bookmark: _Toc657]表1-2  2024年江门市中等职业学校各专业大类占比情况") // { number: "表1-2", title: "2024年江门市…占比情况" }
 */
export function parseTitle(line: string): TitleParts | null {
  // Cheap test first: this runs on every line of every report.
  if (!/表\s*[\d一二三四五六七八九十]/.test(line) || isTabRow(line)) return null;
  const text = clean(stripHeadingMarks(cellContent(line)));
  const m = TITLE.exec(text);
  if (!m) return null;
  const title = (m[2] ?? "").trim();
  if (title === "" || title.length > 60 || /[。；]$/.test(title) || /^(所示|显示|可见|中|为|是|的)/.test(title)) return null;
  return { number: `表${m[1].replace(/\s+/g, "")}`, title };
}

/** True for a table-of-contents row: a dotted leader before a page number, or `表 N\t…\t页` / `图 N\t…\t页`. */
export function isTocRow(line: string): boolean {
  if (/\.{3,}\s*(<\/?b>)?\s*\t/.test(line) || /\.{3,}\s*$/.test(line)) return true;
  return /^\s*(表|图|典型案例)\s*\d+(-\d+)?\t.+\t\s*\d+\s*$/.test(line);
}

const DATA_LABEL = /^\s*\d+(?:\.\d+)?\s*(?:人次|人|个|%)?\s*(?:[,，]\s*\d+(?:\.\d+)?%)?\s*$/;

/** True for a chart data label left as a line of its own (`66人, 27%`, `2人次`). */
export function isDataLabelLine(line: string): boolean {
  return DATA_LABEL.test(line) && line.trim() !== "";
}

/**
 * True for a chart-data residue row: short labels followed by numbers on one tab-separated line
 * (`中职学校类型\t10`, ` 公办学校\t民办学校\t27\t6\t`, `销售额\t71人, 29%`).
 */
export function isChartRow(line: string): boolean {
  if (!isTabRow(line)) return false;
  const fields = splitTabRow(line)
    .map((f) => clean(f))
    .filter((f) => f !== "");
  if (fields.length < 2 || fields.some((f) => f.length > 40)) return false;
  return fields.some((f) => DATA_LABEL.test(f));
}

/**
 * True when a cell marks the end of a table rather than a cell of it: a figure caption (`图43 …`),
 * a case title (`案例2-1 …`, `【案例3】`), or an image placeholder.
 */
export function isStopCell(content: string): boolean {
  if (/\[image:/.test(content)) return true;
  const text = clean(content);
  return /^(图\s*\d|案例\s*\d|【案例|典型案例)/.test(text);
}

const HEADING_LIKE = /^(#|\d+(\.\d+)*\s*[.．、]?\s*\S|第.{1,3}[章节]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|表\s*\d|图\s*\d|案例|【案例|典型案例)/;

/**
 * True when a line without a tab prefix continues the cell above it (a wrapped cell: `在校人数`,
 * `学年`, `（参与）`) instead of starting the text after the table. Markup-led lines, headings,
 * captions and sentences are never continuations; after a blank line only a very short fragment
 * is (`产业`, `人次`, wrapped header cells with a blank line inside).
 */
export function isContinuation(line: string, afterBlank: boolean): boolean {
  if (isBlankLine(line) || line.includes("\t")) return false;
  if (/^\s*\[(bookmark|image|footnote)/.test(line)) return false;
  const text = clean(line);
  if (text === "" || /[。！？]$/.test(text)) return false;
  if (HEADING_LIKE.test(text) && !/^\d+(\.\d+)?$/.test(text)) return false;
  return text.length <= (afterBlank ? 8 : 30);
}

/** Header words that start the header of a standard appendix table. */
export function isSeqHeader(text: string): boolean {
  return /^(序号|编号)$/.test(text.replace(/\s+/g, ""));
}
