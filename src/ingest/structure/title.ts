/**
 * The report's own title, as printed: a short line naming the publisher and ending in 报告,
 * sometimes spread over two lines (遂宁 6–7, 璧山 14/16), or, when the report prints no
 * title line (江门), the report name stated in its opening sentence.
 */

import { hasHeadingMark, isBlankish, isTocLine, titleText } from "./lineKinds.js";

/** Where the title stands: its text, first line, and every raw line that belongs to it. */
export interface TitleLocation {
  title: string;
  line: number;
  /** Lines that are only the title (not running text), so they are not indexed as paragraphs. */
  lines: number[];
}

const PUBLISHER_RE = /[市区县州旗盟]|学校|学院|中心|中学/;
const PUBLISHER_END_RE = /(学校|学院|中心|中学|职中|职高|中专|高中|市|区|县|局)$/;
/** A period line under a title: "（2024）", "(2017年9月—2018年8月)", "2017年9月—2018年8月". */
const PERIOD_RE = /^(?:[（(][^（）()]{2,20}[）)]|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月?\s*[-—–~～至到]+\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月?)$/;
const SCAN_LINES = 600;

/** The nearest non-blank line index from `i` in direction `step`, within `max` lines. */
function nearest(lines: string[], i: number, step: 1 | -1, max: number): number | null {
  for (let j = i + step, k = 0; j >= 0 && j < lines.length && k < max; j += step, k++) {
    if (!isBlankish(lines[j])) return j;
  }
  return null;
}

/**
 * A cover line printed with a space between every character (`质 量 年 度 报 告`, `2 0 1 7 年`)
 * read as the words it spells; any other line as `titleText` reads it.
 */
function coverText(raw: string): string {
  const t = titleText(raw);
  const tokens = t.split(" ");
  if (tokens.length >= 4 && tokens.filter((x) => x.length === 1).length >= tokens.length - 1) return titleText(tokens.join(""));
  return t;
}

/** A `#` heading title is complete on its line; a plain one may go on with its period on the next line. */
function withPeriod(lines: string[], i: number, raw: string, t: TitleLocation): TitleLocation {
  const j = hasHeadingMark(raw) ? null : nearest(lines, i, 1, 3);
  if (j === null || !PERIOD_RE.test(coverText(lines[j]))) return t;
  return { ...t, title: t.title + coverText(lines[j]), lines: [...t.lines, j + 1] };
}

/** Finds the title; see `readReportTitle`. Returns null when the report has none. */
export function locateReportTitle(lines: string[]): TitleLocation | null {
  const end = Math.min(lines.length, SCAN_LINES);
  for (let i = 0; i < end; i++) {
    const raw = lines[i];
    if (raw.length > 300 || !/报\s*告/.test(raw) || isTocLine(raw)) continue;
    const text = coverText(raw);
    if (!text.includes("报告")) continue;
    if (text.length > 45 || /[。，；]/.test(text)) continue;
    const at = text.indexOf("报告");
    if (PUBLISHER_RE.test(text.slice(0, at))) {
      return withPeriod(lines, i, raw, { title: text, line: i + 1, lines: [i + 1] });
    }
    const p = nearest(lines, i, -1, 3);
    if (p !== null) {
      const prev = coverText(lines[p]);
      if (prev.length <= 30 && PUBLISHER_END_RE.test(prev) && !/[。，；：]/.test(prev)) {
        return withPeriod(lines, i, raw, { title: `${prev} ${text}`, line: p + 1, lines: [p + 1, i + 1] });
      }
    }
  }
  // No title line: the opening sentence names the report (江门: "…编制了江门市2024年度中等职业教育质量报告。").
  for (let i = 0; i < Math.min(lines.length, 5); i++) {
    const m = /([\u4e00-\u9fff]{2}[市区县])(\d{4}年度?[\u4e00-\u9fff]{2,20}?报告)/.exec(titleText(lines[i].slice(0, 2000)));
    if (m) return { title: m[1] + m[2], line: i + 1, lines: [] };
  }
  return null;
}

/**
 * The report's title as printed, and the line it starts on; null when none can be read.
 *
 * @example readReportTitle(splitLines(bishan)) // { title: "璧山区中等职业学校年度质量报告（2023-2024学年度）", line: 14 }
 */
export function readReportTitle(lines: string[]): { title: string; line: number } | null {
  try {
    const t = locateReportTitle(lines);
    return t ? { title: t.title, line: t.line } : null;
  } catch {
    return null;
  }
}
