/**
 * Structure of a report's running text: numbered sections, paragraphs and case studies.
 *
 * `parseStructure` reads the raw lines once, top to bottom. Each line is judged by its shape
 * (./lineKinds.ts): tables and non-data tab blocks (given by `isExcluded`), tables of contents,
 * figure captions, chart residue and page numbers never become text; numbered headings build
 * the outline (./headings.ts); case markers open a case study (./cases.ts) that runs to the
 * next heading of the outline, the next marker or a table title; all else is paragraph text
 * (./paragraphs.ts), with paragraphs cut by a page break joined again.
 */

import type { Caption, IngestWarning, Passage, Section } from "../../types.js";
import { gatherTitle, parseCaseMarker, showcaseCases, type CaseMarker, type TitleLine } from "./cases.js";
import { HeadingTracker, parseHeading } from "./headings.js";
import { hasHeadingMark, isBlankish, isCaption, isCellRow, isGarbled, isResidue, isStrayCell, isTableTitle, isTocHeading, isTocLine, lineText, titleText } from "./lineKinds.js";
import { ParagraphBuilder, type RawParagraph } from "./paragraphs.js";
import { locateReportTitle } from "./title.js";

export { readReportTitle } from "./title.js";
export { parseHeading, type HeadingCandidate } from "./headings.js";
export { parseCaseMarker } from "./cases.js";

/** What `parseStructure` returns. */
export interface StructureResult {
  sections: Section[];
  passages: Passage[];
  /** Figure captions (`图28 护航“2024遂宁观音湖马拉松”志愿服务工作`): never text, but searchable on their own. */
  captions: Caption[];
  warnings: IngestWarning[];
}

/** Unnumbered blocks that stand at the top level: a preface, the appendix, a chronicle. */
const SOFT_SECTION_RE = /^(前\s*言|附\s*表|附\s*录|大事记(列表)?)[：:]?$/;
/** Paragraphs this short without any punctuation are labels or slogans (`掠影`, `提升质量`), not text. */
const LABEL_MAX = 8;
/** Identical paragraphs at least this long are one paragraph printed twice (吕梁 173–174 = 192–193). */
const DEDUPE_MIN = 20;

interface OpenCase {
  label: string;
  title: string;
  line: number;
  endLine: number;
  path: string[];
  parts: string[];
}

/**
 * Splits a report's raw lines into sections, paragraph passages and case passages.
 *
 * - `lines`: `splitLines(text)` of the raw report; line N is `lines[N - 1]`.
 * - `isExcluded(n)`: true for raw lines of a table or a non-data tab block; they never become text.
 *
 * Paragraph passages have ids `${report}:p:${line}`, case passages `${report}:c:${line}`.
 * A paragraph inside a case is emitted both as part of the case's text and as its own
 * paragraph passage, titled with the case title. Never throws: a part that cannot be read
 * becomes a warning.
 *
 * @example parseStructure(splitLines(text), "bishan-2024.txt", "璧山区", () => false).passages.filter(p => p.kind === "case").length // 20
 */
export function parseStructure(lines: string[], report: string, entity: string, isExcluded: (line: number) => boolean): StructureResult {
  const sections: Section[] = [];
  const passages: Passage[] = [];
  const captions: Caption[] = [];
  const warnings: IngestWarning[] = [];
  const warn = (line: number | null, message: string) => warnings.push({ report, line, message });

  const excluded = (n: number): boolean => {
    try {
      return isExcluded(n);
    } catch {
      return false;
    }
  };

  const skip = new Set<number>();
  try {
    for (const n of locateReportTitle(lines)?.lines ?? []) skip.add(n);
  } catch (e) {
    warn(null, `could not read the report title: ${String(e)}`);
  }

  const tracker = new HeadingTracker();
  const seen = new Set<string>();
  const labels = new Set<string>();
  let openCase: OpenCase | null = null;

  const emitParagraph = (p: RawParagraph): void => {
    if (p.text.length <= LABEL_MAX && !/[，。；：！？、,.;:!?]/.test(p.text)) return;
    if (p.text.length >= DEDUPE_MIN) {
      if (seen.has(p.text)) return;
      seen.add(p.text);
    }
    const path = tracker.path();
    const passage: Passage = {
      id: `${report}:p:${p.line}`,
      report,
      entity,
      kind: "paragraph",
      title: openCase ? openCase.title : (path[path.length - 1] ?? ""),
      sectionPath: openCase ? [...openCase.path, `${openCase.label} ${openCase.title}`.trim()] : path,
      text: p.text,
      line: p.line,
      endLine: p.endLine,
    };
    if (p.starts.length > 1) passage.lineStarts = p.starts;
    passages.push(passage);
    if (openCase) {
      openCase.parts.push(p.text);
      openCase.endLine = Math.max(openCase.endLine, p.endLine);
    }
  };
  const builder = new ParagraphBuilder(emitParagraph);

  const closeCase = (): void => {
    builder.flush();
    const c = openCase;
    if (!c) return;
    openCase = null;
    tracker.closeCase();
    if (!c.parts.length) warn(c.line, `case ${c.label} has no text`);
    passages.push({
      id: `${report}:c:${c.line}`,
      report,
      entity,
      kind: "case",
      title: c.title,
      sectionPath: c.path,
      text: [`${c.label} ${c.title}`.trim(), ...c.parts].join("\n"),
      line: c.line,
      endLine: c.endLine,
      caseLabel: c.label,
    });
  };

  /** The next readable lines after index i (for a case title), stopping at excluded lines. */
  const following = (i: number, max: number): TitleLine[] => {
    const out: TitleLine[] = [];
    for (let j = i + 1; j < lines.length && out.length < max && j <= i + 12; j++) {
      const raw = lines[j];
      if (isBlankish(raw)) continue;
      const n = j + 1;
      const text = lineText(raw);
      const structural = excluded(n) || isTocLine(raw) || parseCaseMarker(raw) !== null || parseHeading(raw) !== null || isCaption(text) || isTableTitle(text) || isCellRow(raw);
      out.push({ line: n, raw, structural, hasMark: hasHeadingMark(raw) });
      if (structural) break;
    }
    return out;
  };

  const openMarker = (i: number, marker: CaseMarker): void => {
    const n = i + 1;
    if (marker.bare) {
      // 乐山 955: `## 案例 26` directly before `### 典型案例 25` is a stray label, not a case.
      const next = following(i, 1)[0];
      if (next && parseCaseMarker(next.raw)) {
        warn(n, `stray case label "${marker.label}" directly before another case marker; ignored`);
        return;
      }
    }
    closeCase();
    let title = marker.title;
    let endLine = n;
    if (!title) {
      const got = gatherTitle(following(i, 3));
      title = got.title;
      for (const t of got.lines) {
        skip.add(t);
        endLine = Math.max(endLine, t);
      }
      if (!title) warn(n, `case ${marker.label} has no title`);
    }
    // An unnumbered 【案例】 may stand before every case.
    if (labels.has(marker.label) && /\d/.test(marker.label)) warn(n, `case label ${marker.label} appears more than once`);
    labels.add(marker.label);
    openCase = { label: marker.label, title, line: n, endLine, path: tracker.path(), parts: [] };
  };

  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    try {
      const raw = lines[i] ?? "";
      if (skip.has(n)) {
        builder.flush();
        continue;
      }
      if (raw.trim() === "") {
        builder.gap();
        continue;
      }
      if (excluded(n)) {
        // A table parser may take 江门's tab-prefixed `\t案例X-Y title` for a cell; a marker still counts.
        const m = parseCaseMarker(raw);
        if (m && !m.bare && m.title && !isTocLine(raw)) openMarker(i, m);
        else builder.flush();
        continue;
      }
      const text = lineText(raw);
      if (text === "") {
        builder.gap();
        continue;
      }
      if (isGarbled(text)) {
        warn(n, "unreadable line (garbled characters); skipped");
        builder.flush();
        continue;
      }
      if (isTocLine(raw) || isTocHeading(text)) {
        builder.flush();
        continue;
      }
      const marker = parseCaseMarker(raw);
      if (marker) {
        openMarker(i, marker);
        continue;
      }
      if (isCellRow(raw) || isCaption(text)) {
        builder.flush();
        if (isCaption(text)) captions.push({ line: n, text, sectionPath: tracker.path() });
        continue;
      }
      if (isTableTitle(text)) {
        closeCase();
        continue;
      }
      if (SOFT_SECTION_RE.test(text)) {
        closeCase();
        const title = text.replace(/\s+|[：:]$/g, "");
        tracker.openSoft(title);
        sections.push({ number: "", title, level: 1, line: n });
        continue;
      }
      const heading = parseHeading(raw);
      if (heading) {
        builder.flush();
        const placed = tracker.place(heading, openCase !== null);
        if (placed.kind === "section") {
          // The outline continues, so an open case has ended.
          if (openCase) closeCase();
          sections.push({ number: heading.number, title: heading.title, level: placed.depth + 1, line: n });
          continue;
        }
        // A heading inside the case (`### 一、主要做法`) is part of its text.
        if (openCase) {
          const c: OpenCase = openCase;
          c.parts.push(titleText(raw));
          c.endLine = n;
        }
        continue;
      }
      if (isStrayCell(raw, text)) {
        builder.flush();
        continue;
      }
      if (isResidue(text)) {
        builder.gap();
        continue;
      }
      builder.add(text, n);
    } catch (e) {
      warn(n, `could not read line: ${e instanceof Error ? e.message : String(e)}`);
      try {
        builder.flush();
      } catch {
        // The paragraph that failed is lost; the rest of the report is still read.
      }
    }
  }
  try {
    closeCase();
    passages.push(...showcaseCases(sections, passages, report, entity, lines.length));
  } catch (e) {
    warn(null, `could not finish the report's structure: ${String(e)}`);
  }
  return { sections, passages, captions, warnings };
}
