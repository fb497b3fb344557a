/**
 * Case-study markers, in every form the reports print them:
 * 乐山 `## 典型案例 N` / `### 典型案例5` / plain `典型案例 12` (title on the next lines),
 * 遂宁 `【案例N】title`, 璧山 `案例N` alone (title on the next non-blank line),
 * 江门 `\t案例X-Y title` (number sometimes glued to the title: `案例2-4以武韵培育匠才`),
 * and as Word headings: `### 案例1 title`, `### 【案例】title` (no number), `### 典型案例一 title`
 * (a Chinese numeral, read as 1).
 */

import type { Passage, Section } from "../../types.js";
import { chineseNumber } from "./headings.js";
import { hasHeadingMark, titleText } from "./lineKinds.js";

/** A case marker read from one line. */
export interface CaseMarker {
  /** Label as printed, normalised: "典型案例 5", "【案例3】", "【案例】", "案例2-4", "案例12". */
  label: string;
  /** Title printed on the marker line itself, or "" when it follows on the next lines. */
  title: string;
  /** True for a bare `案例 N` (乐山 955's stray `## 案例 26`, 璧山's markers). */
  bare: boolean;
}

/** A case number: digits, or a Chinese numeral followed by a separator or the end (never `典型案例一览表`). */
const NUM = "(\\d{1,3}|[一二三四五六七八九十]{1,3}(?=[\\s:：、.．】]|$))";
const TYPICAL_RE = new RegExp(`^典型案例\\s*${NUM}\\s*[:：、.．]?\\s*(.*)$`);
const BRACKET_RE = new RegExp(`^【\\s*(?:典型)?案例\\s*${NUM}?\\s*】\\s*(.*)$`);
const DASHED_RE = /^案例\s*(\d{1,2})\s*[-－—–]\s*(\d{1,2})\s*(.*)$/;
const BARE_RE = new RegExp(`^案例\\s*${NUM}\\s*(?:[:：]\\s*(.*))?$`);
/** `案例1 title` on one line: only as a heading, where running text (`案例1中，…`) never stands. */
const TITLED_RE = new RegExp(`^案例\\s*${NUM}\\s*[、.．]?\\s*(.+)$`);

/** A case number as printed (`3`, `三`) as a number. */
const caseNumber = (n: string) => (/^\d+$/.test(n) ? Number(n) : chineseNumber(n));

/**
 * Reads a case marker from a raw line, or null. Only a line that starts with the marker
 * counts, and a title on the same line must read as a title (short, no full stop inside).
 *
 * @example parseCaseMarker("\t[bookmark: _Toc1]案例2-4以武韵培育匠才") // { label: "案例2-4", title: "以武韵培育匠才", bare: false }
 * @example parseCaseMarker("### 典型案例一 技能大师工作室带徒传艺") // { label: "典型案例 1", title: "技能大师工作室带徒传艺", bare: false }
 */
export function parseCaseMarker(raw: string): CaseMarker | null {
  if (raw.length > 5000) return null;
  const text = titleText(raw);
  if (!text.includes("案例") || text.length > 90) return null;
  let m: RegExpExecArray | null;
  let marker: CaseMarker | null = null;
  if ((m = TYPICAL_RE.exec(text))) marker = { label: `典型案例 ${caseNumber(m[1])}`, title: m[2], bare: false };
  else if ((m = BRACKET_RE.exec(text))) marker = { label: m[1] ? `【案例${caseNumber(m[1])}】` : "【案例】", title: m[2], bare: false };
  else if ((m = DASHED_RE.exec(text))) marker = { label: `案例${Number(m[1])}-${Number(m[2])}`, title: m[3], bare: false };
  else if ((m = BARE_RE.exec(text))) marker = { label: `案例${caseNumber(m[1])}`, title: m[2] ?? "", bare: true };
  else if ((m = TITLED_RE.exec(text)) && hasHeadingMark(raw)) marker = { label: `案例${caseNumber(m[1])}`, title: m[2], bare: false };
  if (!marker) return null;
  marker.title = marker.title.trim();
  if (/[。；]/.test(marker.title.slice(0, -1))) return null;
  return marker;
}

/** What the title gatherer needs to know about a following line. */
export interface TitleLine {
  line: number;
  raw: string;
  /** True when the line is a heading, caption, table title or case marker: never a title part. */
  structural: boolean;
  hasMark: boolean;
}

/**
 * Collects a case title printed on the lines after its marker (乐山, 璧山): the first line,
 * then up to two more while they read as the same title: a further `#` heading line
 * (`#### “嘉人有约 职有你”` + `##### —新高考背景下…`), a line after a part ending in `：`
 * (`沙湾职业高级中学：` + the title), or a short tail of a title wrapped mid-phrase
 * (璧山 case 10: `…青少年展现科技` + `创新无限潜力`).
 *
 * @returns the title (parts joined without a space) and the raw lines it used.
 */
export function gatherTitle(next: TitleLine[]): { title: string; lines: number[] } {
  const parts: string[] = [];
  const used: number[] = [];
  for (const t of next.slice(0, 3)) {
    if (t.structural) break;
    const text = titleText(t.raw);
    if (!parts.length) {
      if (text.length > 60 || /[。；]/.test(text.slice(0, -1))) break;
    } else {
      const prev = parts[parts.length - 1];
      const fits = text.length <= 50 && !/[。；]/.test(text) && (t.hasMark || /[：:]$/.test(prev) || (text.length <= 12 && !/[。！？!?，,]/.test(text) && !/[。！？!?]$/.test(prev)));
      if (!fits) break;
    }
    parts.push(text);
    used.push(t.line);
  }
  return { title: parts.join(""), lines: used };
}

/** Chapters whose sections are showcases (吕梁 `7.特色创新`), indexed as cases when a report labels none. */
const SHOWCASE_CHAPTER_RE = /特色创新|典型案例|案例展示|特色亮点/;

/**
 * For a report that labels no cases (吕梁), the sections of a showcase chapter such as
 * `7.特色创新` are its case studies: each becomes a case passage holding every paragraph
 * of the section, labelled with the section number ("7.1").
 */
export function showcaseCases(sections: Section[], passages: Passage[], report: string, entity: string, lastLine: number): Passage[] {
  if (passages.some((p) => p.kind === "case")) return [];
  const out: Passage[] = [];
  sections.forEach((chapter, ci) => {
    if (!SHOWCASE_CHAPTER_RE.test(chapter.title)) return;
    for (let k = ci + 1; k < sections.length && sections[k].level > chapter.level; k++) {
      const s = sections[k];
      if (s.level !== chapter.level + 1) continue;
      const next = sections.slice(k + 1).find((x) => x.level <= s.level);
      const end = next ? next.line - 1 : lastLine;
      const body = passages.filter((p) => p.kind === "paragraph" && p.line > s.line && p.line <= end);
      out.push({
        id: `${report}:c:${s.line}`,
        report,
        entity,
        kind: "case",
        title: s.title,
        sectionPath: body[0]?.sectionPath.slice(0, chapter.level) ?? [chapter.title],
        text: [`${s.number} ${s.title}`, ...body.map((p) => p.text)].join("\n"),
        line: s.line,
        endLine: body.length ? body[body.length - 1].endLine : s.line,
        caseLabel: s.number,
      });
    }
  });
  return out;
}
