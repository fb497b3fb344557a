import type { Caption, Passage, Section, Table } from "../types.js";

/**
 * One-line passages for what running text leaves out: a table's title (with its column headers),
 * each table row, and each figure caption. A phrase that stands only in a table (中国—东盟护理技能大赛
 * is a row of 乐山's 表16) or a caption (遂宁观音湖马拉松) is then found like any paragraph, and the hit
 * cites the row's, title's or caption's own raw line.
 *
 * Ids: `${report}:T:${line}` a table title, `${report}:t:${line}` a row, `${report}:f:${line}` a caption.
 */

/** Cells carrying no word (numbers, units, blanks) say nothing a search could match on their own. */
const WORDY = /[\u4e00-\u9fffA-Za-z]/;

/** What a report contributes: its entity, sections (for the section path), tables and captions. */
export interface LineSources {
  report: string;
  entity: string;
  sections: Section[];
  tables: Table[];
  captions: Caption[];
}

/**
 * The table-title, table-row and caption passages of one report, in line order.
 * @example linePassages({ report: "leshan-2024.txt", entity: "乐山市", sections, tables, captions: [] })
 *   // [{ kind: "table", title: "表16 乐山市参与国际竞赛获奖情况统计表", text: "1 中国—东盟护理技能大赛 一等奖", line: 1109, … }, …]
 */
export function linePassages(src: LineSources): Passage[] {
  const pathAt = sectionPaths(src.sections);
  const out: Passage[] = [];
  const make = (id: string, kind: Passage["kind"], title: string, text: string, line: number, endLine = line): Passage => ({
    id: `${src.report}:${id}:${line}`,
    report: src.report,
    entity: src.entity,
    kind,
    title,
    sectionPath: pathAt(line),
    text,
    line,
    endLine,
  });
  for (const t of src.tables) {
    const title = [t.number, t.title ?? t.standard].filter(Boolean).join(" ");
    const header = t.header.filter((h) => WORDY.test(h)).join(" ");
    // The title passage is its own line only: rows below it are hits of their own, never merged into it.
    if (title || header) out.push(make("T", "table", title, header || title, t.startLine));
    for (const row of t.rows) {
      const cells = row.cells.map((c) => c.text.trim()).filter(Boolean);
      if (!cells.some((c) => WORDY.test(c))) continue;
      const last = Math.max(row.line, ...row.cells.map((c) => c.line));
      out.push(make("t", "table", title, cells.join(" "), row.line, last));
    }
  }
  // A caption is titled like a paragraph, by its section: its words count once, not as a title too.
  for (const c of src.captions) out.push(make("f", "caption", c.sectionPath[c.sectionPath.length - 1] ?? "", c.text, c.line));
  return out.sort((a, b) => a.line - b.line);
}

/** The section path standing at a line, from the report's numbered sections (top level first). */
function sectionPaths(sections: Section[]): (line: number) => string[] {
  const sorted = [...sections].sort((a, b) => a.line - b.line);
  return (line) => {
    const stack: Section[] = [];
    for (const s of sorted) {
      if (s.line > line) break;
      while (stack.length && stack[stack.length - 1]!.level >= s.level) stack.pop();
      stack.push(s);
    }
    return stack.map((s) => s.title);
  };
}
