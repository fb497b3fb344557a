/**
 * Layout A (乐山 only): one table row per line, cells separated by tabs. A leading tab is an empty
 * first cell, blank lines can fall inside a table, a page break can repeat the header (大事记 1305,
 * 1313) and the row after it may continue the previous row's cell (1306).
 */
import type { IngestWarning } from "../../types.js";
import { isBlankLine, stripHeadingMarks } from "../clean.js";
import { clean } from "./text.js";
import { isSeqHeader, isTabRow, parseTitle, splitTabRow } from "./detect.js";
import type { RawRow, RawTable } from "./model.js";
import { parseCellValue } from "./values.js";

interface TabLine {
  fields: string[];
  clean: string[];
  /** 1-based line number. */
  line: number;
  afterBlank: boolean;
}

/** True when a row reads as a header: at least two labels, none of them a figure. */
function isHeaderRow(clean: string[]): boolean {
  const filled = clean.filter((c) => c !== "");
  if (filled.length < 2 || filled.some((c) => c.length > 24)) return false;
  // Year headers (`2023`, `2024`) read as numbers but are labels here.
  return filled.every((c) => parseCellValue(c).kind === "text" || /^(19|20)\d{2}$/.test(c));
}

function sameRow(a: string[], b: string[]): boolean {
  const norm = (r: string[]) =>
    r
      .map((c) => c.replace(/\s+/g, ""))
      .join("\u0001")
      .replace(/\u0001+$/, "");
  return norm(a) === norm(b);
}

function isSeparatorRow(clean: string[]): boolean {
  return clean.some((c) => /^-{2,}$/.test(c)) && clean.every((c) => c === "" || /^-+$/.test(c));
}

/** A bold group heading spanning the row: `<b>主题：职业技能（45 门推荐名单）</b>\t\t`. */
function groupHeading(fields: string[], clean: string[]): string | null {
  if (clean[0] === "" || clean.slice(1).some((c) => c !== "")) return null;
  return /<b>/.test(fields[0]) || /^主题[：:]/.test(clean[0]) ? clean[0] : null;
}

/**
 * Fits a row to the header width. A row that lost its leading tab and gained a trailing one
 * (`接入国家智慧教育平台数\t门\t0\t0\t`, 乐山 1205/1212) is shifted back under the header.
 */
function alignRow(t: TabLine, header: string[], report: string, warnings: IngestWarning[]): string[] {
  const width = header.length;
  let fields = t.fields;
  if (fields.length === width && isSeqHeader(header[0]) && t.clean[0] !== "" && !/^\d+$/.test(t.clean[0]) && t.clean[width - 1] === "") {
    fields = ["", ...fields.slice(0, width - 1)];
  }
  if (fields.length < width) return [...fields, ...Array<string>(width - fields.length).fill("")];
  if (fields.length > width) {
    const extra = fields.slice(width);
    if (extra.every((f) => clean(f) === "")) return fields.slice(0, width);
    warnings.push({ report, line: t.line, message: `Table row at line ${t.line} has ${fields.length} cells where the header has ${width}; the extra cells were joined into the last one.` });
    return [...fields.slice(0, width - 1), fields.slice(width - 1).join(" ")];
  }
  return fields;
}

/**
 * Finds the title above a layout-A header: `表1 全市…` or `## 表 2 教学资源表`, skipping blank lines,
 * `名称：…` and `单位：万元` lines and page headers (`## 乐山市中等职业教育`). Without a numbered title, a heading right
 * above that names a list (`## 大事记列表`) is the title.
 */
export function findTitleAbove(lines: string[], headerIdx: number): { number: string | null; title: string; line: number } | null {
  let skipped = 0;
  let firstHeading: { title: string; line: number } | null = null;
  for (let i = headerIdx - 1; i >= 0 && i >= headerIdx - 12; i--) {
    const line = lines[i];
    if (isBlankLine(line)) continue;
    if (isTabRow(line)) break;
    const t = parseTitle(line);
    if (t) return { number: t.number, title: t.title, line: i + 1 };
    const text = clean(stripHeadingMarks(line));
    const isHeading = /^\s*#/.test(line);
    if (isHeading && !firstHeading && skipped === 0) firstHeading = { title: text, line: i + 1 };
    if ((isHeading || /^(名称|单位|计量单位)[：:]/.test(text)) && skipped < 3) {
      skipped++;
      continue;
    }
    break;
  }
  if (firstHeading && /[表单]$/.test(firstHeading.title) && firstHeading.title.length <= 30) return { number: null, title: firstHeading.title, line: firstHeading.line };
  return null;
}

/**
 * Reads the layout-A tables in a block of tab rows (0-based `first`..`last`, blank lines allowed
 * inside). A header that differs from the current one after a blank line starts a new table; one
 * that repeats it (page break) continues the table. Returns [] when the block's first row is no
 * header (chart residue, a stray line with a tab).
 */
export function readTabBlock(lines: string[], first: number, last: number, report: string): RawTable[] {
  const rows: TabLine[] = [];
  let afterBlank = false;
  for (let i = first; i <= last; i++) {
    const line = lines[i];
    if (!isTabRow(line)) {
      afterBlank = true;
      continue;
    }
    const fields = splitTabRow(line);
    rows.push({ fields, clean: fields.map((f) => clean(f)), line: i + 1, afterBlank });
    afterBlank = false;
  }
  const tables: RawTable[] = [];
  let cur: RawTable | null = null;
  let group: string | null = null;
  // Set by a repeated header (page break): the next row may finish the row above it.
  let afterRepeat = false;
  const open = (r: TabLine): RawTable => {
    const title = findTitleAbove(lines, r.line - 1);
    const header = r.clean.slice();
    while (header.length > 2 && header[header.length - 1] === "") header.pop();
    group = null;
    afterRepeat = false;
    return {
      report,
      layout: "tab-rows",
      number: title?.number ?? null,
      title: title?.title ?? null,
      header,
      diagonal: false,
      rows: [],
      startLine: title?.line ?? r.line,
      endLine: r.line,
      warnings: [],
    };
  };
  const close = (t: RawTable | null) => {
    if (t && t.rows.length > 0) tables.push(t);
  };
  for (const r of rows) {
    if (!cur) {
      if (!isHeaderRow(r.clean)) return tables;
      cur = open(r);
      continue;
    }
    const c: RawTable = cur;
    if (isHeaderRow(r.clean) && sameRow(r.clean, c.header)) {
      afterRepeat = true;
      c.endLine = r.line;
      continue;
    }
    if (r.afterBlank && isHeaderRow(r.clean) && !groupHeading(r.fields, r.clean) && c.rows.length > 0 && (isSeqHeader(r.clean[0]) || r.clean.length !== c.header.length)) {
      close(c);
      cur = open(r);
      continue;
    }
    c.endLine = r.line;
    if (isSeparatorRow(r.clean)) continue;
    const g = groupHeading(r.fields, r.clean);
    if (g) {
      group = g;
      continue;
    }
    const fields = alignRow(r, c.header, report, c.warnings);
    const prev = c.rows[c.rows.length - 1];
    if (afterRepeat && prev && clean(fields[0]) === "") {
      // The page break cut a cell in two: the text after the repeated header finishes the row
      // above, mid-word (`3个“最` | `佳组织奖”`), so the pieces join without a space.
      fields.forEach((f, k) => {
        const cell = prev.cells[k];
        if (clean(f) !== "" && cell) {
          cell.parts[cell.parts.length - 1] += f.trim();
          cell.clean = undefined;
        }
      });
      afterRepeat = false;
      continue;
    }
    afterRepeat = false;
    const row: RawRow = { cells: fields.map((f) => ({ parts: [f], line: r.line })), line: r.line, group };
    c.rows.push(row);
  }
  close(cur);
  return tables;
}
