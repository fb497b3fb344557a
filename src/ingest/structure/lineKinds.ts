/**
 * What a single raw line is, judged by its shape: the small tests the structure parser runs on
 * every line before deciding whether it is a heading, a case marker or running text.
 * Nothing here depends on line numbers, so the same rules work on every report.
 */

import { normalizeSpaces, stripHeadingMarks, stripMarkup } from "../clean.js";

const CJK_RE = /[\u3400-\u9fff\uf900-\ufaff]/g;

/** Punctuation that can end a sentence (or a clause that stands as a paragraph's end). */
const FINAL_PUNCT = /[。！？；：…”’」』）)!?;:]\s*$/;

/**
 * Text of a title as a reader sees it: markup and `#` marks removed, whitespace runs collapsed
 * to ONE space. Unlike `cleanText`, spaces between Chinese words are kept, because in titles
 * they separate phrases (`筑梦空间  破解住宿难题` → `筑梦空间 破解住宿难题`). Spaces between
 * a digit and a Chinese character are wrap artifacts and go (`2024 年` → `2024年`).
 *
 * @example titleText("### 典型案例5") === "典型案例5"
 */
export function titleText(raw: string): string {
  let s = stripHeadingMarks(stripMarkup(raw))
    .replace(/[\u00a0\u3000\u2002\u2003\u2009\ufeff\t]/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
  if (s.includes(" ")) {
    s = s.replace(/(\d) +(?=[\u3400-\u9fff])/g, "$1").replace(/([\u3400-\u9fff]) +(?=\d)/g, "$1");
  }
  return s;
}

/** Paragraph text of a line: markup and `#` marks removed, spaces normalised as in `cleanText`. */
export function lineText(raw: string): string {
  return normalizeSpaces(stripHeadingMarks(stripMarkup(raw)));
}

/** True when the raw line carries a markdown heading mark (`## …`). */
export function hasHeadingMark(raw: string): boolean {
  return /^\s*#{1,6}\s/.test(stripMarkup(raw));
}

/** Number of Chinese characters in a string. */
export function cjkCount(s: string): number {
  return s.match(CJK_RE)?.length ?? 0;
}

/** True when the text ends a sentence, so a paragraph ending here is complete. */
export function endsSentence(s: string): boolean {
  return FINAL_PUNCT.test(s);
}

/**
 * A line of a table of contents: a dotted leader (`…… .....\t12`), or tab-separated cells that
 * end in a page number (`图 31\t沐川职中 李娜拉\t66`, `表 1\t全市…一览表\t4`).
 */
export function isTocLine(raw: string): boolean {
  if (raw.length > 400) return false;
  const s = raw.replace(/<\/?b>/g, "");
  if (/(\.{4,}|…{2,}|·{4,})\s*(\t\s*)?\d{0,3}\s*$/.test(s)) return true;
  return /\S\t+\s*\d{1,3}\s*$/.test(s.trim()) && s.trim().split("\t").length >= 3;
}

/** The heading of a table of contents, list of tables, figures or cases (`## 案例目录`). */
export function isTocHeading(text: string): boolean {
  return /^(目\s*录|表\s*目\s*录|图\s*目\s*录|案\s*例\s*目\s*录|图表目录)$/.test(text);
}

/**
 * A figure caption: `图1 …`, `图 33 …`, `图1-1  …`, `图2-12“智慧物流”…` (after markup and the
 * ` \t` prefix are gone). Short and without a sentence stop, so a paragraph that happens to
 * start with 图 stays text.
 */
export function isCaption(text: string): boolean {
  if (text.length > 90) return false;
  if (!/^图\s*\d{1,3}(\s*[-－—–.．]\s*\d{1,3})?(?!\d)/.test(text)) return false;
  return !/[。；]/.test(text.slice(0, -1));
}

/** A table title: `表1 全市中职学校规模一览表`, `表 2 教学资源表`, `表1-1  2021年、…`. */
export function isTableTitle(text: string): boolean {
  if (text.length > 80) return false;
  if (!/^表\s*\d{1,2}(\s*[-－—–]\s*\d{1,2})?(?![\d.．%])/.test(text)) return false;
  return !/[。；]/.test(text);
}

/**
 * A row of tab-separated short cells (a layout-A table row, chart-data residue such as
 * `中职学校类型\t10` or `销售额\t71人, 29%`). Running text with one stray inner tab
 * (`…家长满意度为\t97.42%…`) has a long cell with sentence punctuation and is not a row.
 */
export function isCellRow(raw: string): boolean {
  const t = raw.trim();
  if (!t.includes("\t")) return false;
  const cells = t.split("\t").map((c) => normalizeSpaces(stripMarkup(c)));
  if (cells.some((c) => /[。；]/.test(c))) return false;
  // Three or more cells make a row whatever their length (a URL cell, a long name list).
  return cells.length >= 3 || cells.every((c) => c.length <= 40);
}

/**
 * A single table cell that escaped the table parser: tab-prefixed, short, no sentence
 * punctuation (`\t电子技术应用`, `\t2.35:1`). Long tab-prefixed lines are text (江门 187).
 */
export function isStrayCell(raw: string, text: string): boolean {
  return /^ ?\t/.test(raw) && text.length < 20 && !/[。，；]/.test(text);
}

/**
 * Residue that carries no words: a lone page number (`II`), a number, `# 2024`, chart labels
 * such as `66人, 27%` or `2人次`. Text with a sentence stop (`才。`, the tail of a paragraph
 * broken by a page) is never residue.
 */
export function isResidue(text: string): boolean {
  if (/[。，；！？]/.test(text)) return false;
  return cjkCount(text) <= 3 && text.length <= 24;
}

/**
 * A line the converter garbled: mostly replacement characters or control codes. Such a line
 * cannot be read, and the parser reports it instead of indexing it.
 */
export function isGarbled(text: string): boolean {
  if (text.length < 4) return false;
  const bad = text.match(/[\ufffd\u0000-\u0008\u000b\u000c\u000e-\u001f]/g)?.length ?? 0;
  return bad / text.length > 0.2;
}

/** A line with nothing to read: blank, or only markup (`[bookmark: …]`, `[image: …]`). */
export function isBlankish(raw: string): boolean {
  return raw.trim() === "" || lineText(raw) === "";
}
