import { normalizeQuestion } from "../../text/normalize.js";

/**
 * Which years a question asks about: 2024, 24年, 二〇二四年, 2023-2024学年 (the school year ending
 * 2024), 2023、2024年, 去年, 近两年, "in 2024", "last year".
 */

/** What relative years are counted from. */
export interface YearRef {
  /** The report's title year: 去年 is reportYear − 1. */
  reportYear: number | null;
  /** The report's latest data year: 近两年 ends here. */
  latestDataYear: number | null;
}

/** The years a question names. */
export interface ParsedYears {
  /** Ascending, without repeats; [] when the question names none. */
  years: number[];
  /** True when the question names a year in any form (2024, 去年, 近两年); false means the caller picks a default. */
  explicit: boolean;
  /** [start, end) of every year expression in the question, in order. */
  spans: [number, number][];
  /** True when a year came from a relative expression (去年, 近两年, last year). */
  relative: boolean;
  /** Years that name a report's edition, not data (2023年报告, 2024年度质量报告): not in `years`. */
  reportYears: number[];
}

/** What every year expression holds (see parseYears): without one, a question names no year. */
const YEAR_SIGN = /[0-9年]|year/i;

/** After a year, words that make it the year of a report (2023年报告, 2024年度质量报告, 2023 annual report). */
const REPORT_AFTER = /^\s*(?:年度|年)?\s*(?:的)?\s*(?:中职|中等职业教育)?\s*(?:教育)?\s*(?:质量)?\s*(?:年度)?\s*(?:质量)?\s*(?:报告|年报)|^\s*(?:annual\s+)?(?:quality\s+)?report/i;

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, "○": 0, O: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const EN_NUMBER: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6 };

/** A small count written in Chinese or digits (两 → 2, 十 → 10), or null. */
function smallNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === "十") return 10;
  if (s.length === 1 && s in CN_DIGIT) return CN_DIGIT[s]!;
  return EN_NUMBER[s.toLowerCase()] ?? null;
}

/** 24 → 2024, 2024 → 2024; null for what cannot be a year of these reports' era. */
function fullYear(s: string): number | null {
  const n = Number(s);
  if (s.length === 4) return n >= 1950 && n <= 2049 ? n : null;
  if (s.length === 2) return n <= 49 ? 2000 + n : null;
  return null;
}

// After a four-digit number, these make it a quantity, not a year (2024人, 2000万元, 2024.5, 2024:1).
const QUANTITY_AFTER = /^\s*(?:[人名元个所万亿千百册台套项次件位门间条种家户%‰:：]|\.\d|\d)/;
// Before a two-digit 年, these make it a duration (工作18年, 连续10年).
const DURATION_BEFORE = /(?:工作|从教|教龄|毕业|连续|已经|已|共|累计|满|近|前|过去|干了|做了|成立|建校|办学|超过|达到|达|第)\s*$/;

/**
 * Finds the years a question asks about.
 *
 * - Absolute: 2024, 2024年, 24年, 二〇二四年, "in 2024"; 2024年6月15日 is 2024. Quantities are not
 *   years (2024人, 1350, 803), nor durations (毕业三年, 工作18年).
 * - School years: 2023-2024学年, 2023—2024学年度, 2023-24学年 → 2024, the year the school year ends.
 *   A plain range (2022-2024年, 2022到2024年, "2022 to 2024") → every year in it.
 * - Lists: 2023、2024年, 23年和24年, 23和24年, 2023 vs 2024, 2022、2023、2024三年 → all of them.
 * - Relative: 今年/本年, 去年/上一年, 前年, 明年, "this year", "last year" count from
 *   `ref.reportYear`; 近两年/近三年/过去两年/"past two years" → the last N data years ending at
 *   `ref.latestDataYear` (the report year when that is unknown).
 *
 * @example parseYears("乐山2023年和2024年毕业生人数", ref) // { years: [2023, 2024], explicit: true, relative: false, spans: [[2, 7], [8, 13]] }
 * @example parseYears("去年升学人数", { reportYear: 2024, latestDataYear: 2024 }) // { years: [2023], relative: true, … }
 * @example parseYears("乐山升学人数", ref) // { years: [], explicit: false, spans: [], relative: false }
 */
export function parseYears(question: string, ref: YearRef): ParsedYears {
  const q = normalizeQuestion(question);
  // Every form below holds a digit, 年 or "year": most questions (a search, 璧山 宿舍 案例) have none.
  if (!YEAR_SIGN.test(q)) return { years: [], explicit: false, spans: [], relative: false, reportYears: [] };
  const sc = yearScan(q);
  // In this order: a span an earlier form took is not read again.
  schoolYears(sc);
  yearRanges(sc);
  chineseNumeralYears(sc);
  fourDigitYears(sc);
  yearsOutsideTheEra(sc);
  shortSchoolYears(sc);
  twoDigitYears(sc);
  listedTwoDigitYears(sc);
  yearCounts(sc, ref);
  relativeYears(sc, ref);
  const { found } = sc;
  const relativeAsked = found.some((f) => f.relative);
  found.sort((a, b) => a.start - b.start);
  // 吕梁2023年报告里的毕业生人数: 2023 is which report, its figures are of the years it covers.
  const editions = found.filter((f) => !f.relative && f.years.length === 1 && REPORT_AFTER.test(q.slice(f.end)));
  const data = found.filter((f) => !editions.includes(f));
  const years = [...new Set(data.flatMap((f) => f.years))].sort((a, b) => a - b);
  return {
    years,
    explicit: data.length > 0,
    spans: found.map((f) => [f.start, f.end] as [number, number]),
    relative: relativeAsked,
    reportYears: [...new Set(editions.flatMap((f) => f.years))],
  };
}

/** The spans of a question taken by a year form so far, and how forms take more. */
interface YearScan {
  q: string;
  found: { start: number; end: number; years: number[]; relative: boolean }[];
  free(s: number, e: number): boolean;
  take(s: number, e: number, years: number[], relative?: boolean): void;
  /** Takes every free match of `re` that `f` reads as years (a relative phrase even with none). */
  scan(re: RegExp, f: (m: RegExpExecArray) => number[] | null, relative?: boolean): void;
}

function yearScan(q: string): YearScan {
  const taken = new Uint8Array(q.length);
  const found: YearScan["found"] = [];
  const free = (s: number, e: number): boolean => {
    for (let i = s; i < e; i++) if (taken[i]) return false;
    return true;
  };
  const take = (s: number, e: number, years: number[], relative = false): void => {
    taken.fill(1, s, e);
    found.push({ start: s, end: e, years, relative });
  };
  const scan = (re: RegExp, f: (m: RegExpExecArray) => number[] | null, relative = false): void => {
    for (const m of q.matchAll(re)) {
      const s = m.index;
      const e = s + m[0].length;
      if (!free(s, e)) continue;
      const ys = f(m as RegExpExecArray);
      // A relative phrase with no reference year is still taken: it says a year was asked for.
      if (ys && (ys.length > 0 || relative)) take(s, e, ys, relative);
    }
  };
  return { q, found, free, take, scan };
}

/** The school year a span like 2023-2024学年 names: the year it ends. */
function schoolYears(sc: YearScan): void {
  const { scan } = sc;
  // School years: the year the school year ends.
  scan(/(?<![\d.])((?:19|20)?\d{2})\s*(?:-|—|–|~|至|到|\/)\s*((?:19|20)?\d{2})\s*(?:学年度|学年|年度)/g, (m) => {
    const a = fullYear(m[1]!.length === 2 ? m[1]! : m[1]!);
    let b = fullYear(m[2]!);
    if (a === null || b === null) return null;
    if (b < a && m[2]!.length === 2) b = Math.floor(a / 100) * 100 + Number(m[2]);
    return b >= a && b - a <= 1 ? [b] : null;
  });
}

/** A plain range (2021-2023, 2021 to 2023): every year from one to the other. */
function yearRanges(sc: YearScan): void {
  const { scan } = sc;
  // Plain ranges: every year from one to the other.
  scan(/(?<![\d.])((?:19|20)\d{2})\s*(?:年\s*)?(?:-|—|–|~|至|到|\bto\b|\bthrough\b)\s*((?:19|20)\d{2})(?!\d)(?:\s*年(?!度))?/gi, (m) => {
    const a = fullYear(m[1]!);
    const b = fullYear(m[2]!);
    if (a === null || b === null || b < a || b - a > 10) return null;
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
}

/** Years in Chinese numerals (二〇二二年). */
function chineseNumeralYears(sc: YearScan): void {
  const { scan } = sc;
  // Years in Chinese numerals.
  scan(/([〇零○O一二三四五六七八九]{4})\s*年/g, (m) => {
    const y = fullYear([...m[1]!].map((c) => CN_DIGIT[c]).join(""));
    return y === null ? null : [y];
  });
}

/** Four-digit years, with or without 年; another year after a space is a list (2023 2024), not a quantity. */
function fourDigitYears(sc: YearScan): void {
  const { q, free, take } = sc;
  // Four-digit years, with or without 年; another year after a space is a list (2023 2024), not a quantity.
  for (const m of q.matchAll(/(?<![\d.])((?:19[5-9]|20[0-4])\d)(?!\d)/g)) {
    const s = m.index;
    const e = s + 4;
    if (!free(s, e)) continue;
    const after = q.slice(e);
    if (/^\s*年代/.test(after)) continue;
    const nian = /^\s*(?:年度|学年|年)/.exec(after);
    if (!nian && QUANTITY_AFTER.test(after) && !/^\s+(?:19[5-9]|20[0-4])\d(?!\d)/.test(after)) continue;
    take(s, e + (nian ? nian[0].length : 0), [Number(m[1])]);
  }
}

/** A year outside the era these reports can cover (2099年, 1900): still a year asked for. */
function yearsOutsideTheEra(sc: YearScan): void {
  const { q, free, take } = sc;
  // A year outside the era these reports can cover (2099年, 1900) is still a year asked for: the
  // answer then says which years the report has, rather than answering for another.
  for (const m of q.matchAll(/(?<![\d.])((?:1[0-9]|2[0-9])\d{2})(?!\d)(\s*(?:年度|学年|年))?/g)) {
    const s = m.index;
    const e = s + m[0].length;
    if (!free(s, e) || (!m[2] && QUANTITY_AFTER.test(q.slice(s + 4)))) continue;
    // Bare, it must stand apart from other digits and words (遂宁 2099 升学人数), as a typed year does.
    // Bare, only a future year counts (a past four-digit number is more often a count: 1350).
    if (!m[2] && (Number(m[1]) < 2050 || (!/^(?:\s|$)/.test(q.slice(s + 4)) && !/(?:^|\s)$/.test(q.slice(0, s))))) continue;
    take(s, e, [Number(m[1])]);
  }
}

/** Two school years written short: 23/24, 2023/24 (both years: a person comparing them). */
function shortSchoolYears(sc: YearScan): void {
  const { scan } = sc;
  // Two school years written short: 23/24, 2023/24 (both years: a person comparing them).
  scan(/(?<![\d.])(\d{2})\s*[/／]\s*(\d{2})(?![\d.%])(?!\s*(?:学年|年度))/g, (m) => {
    const a = fullYear(m[1]!);
    const b = fullYear(m[2]!);
    return a !== null && b === a + 1 ? [a, b] : null;
  });
}

/** Two-digit years with 年 (24年). */
function twoDigitYears(sc: YearScan): void {
  const { q, free, take } = sc;
  // Two-digit years with 年.
  for (const m of q.matchAll(/(?<![\d.])(\d{2})\s*(?:年度|学年|年)(?!代|龄|级|限|以来|来|间|内|后|前|里|多(?!多少|了|出)|左右|制|以上)/g)) {
    const s = m.index;
    const e = s + m[0].length;
    if (!free(s, e) || DURATION_BEFORE.test(q.slice(0, s))) continue;
    const y = fullYear(m[1]!);
    if (y !== null) take(s, e, [y]);
  }
}

/** A bare two-digit number listed before a year: 23和24年, 22、23、24年. */
function listedTwoDigitYears(sc: YearScan): void {
  const { q, free, take, found } = sc;
  // A bare two-digit number listed before a year is one too: 23和24年, 22、23、24年.
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of q.matchAll(/(?<![\d.])(\d{2})\s*(?:、|,|，|和|与|及|跟|同|&|\/|\band\b|\bvs\.?|\bversus\b)\s*/gi)) {
      const s = m.index;
      const e = s + m[1]!.length;
      const next = s + m[0].length;
      if (!free(s, e) || !found.some((f) => f.start === next && !f.relative)) continue;
      const y = fullYear(m[1]!);
      if (y === null) continue;
      take(s, e, [y]);
      changed = true;
    }
  }
}

/** A count of years (两年对比, 三年各多少): after years it repeats them; alone, the last N data years. */
function yearCounts(sc: YearScan, ref: YearRef): void {
  const { q, free, take, found } = sc;
  // "两年对比", "三年各多少", "2022、2023、2024三年": a count of years. After years it only repeats
  // them; alone it asks for the last N data years. 毕业三年, 三年级, 三年制 are not years asked for.
  for (const m of q.matchAll(/([两二三四五]|[2-5])\s*个?\s*(?:学年|年)(?!级|制|内|以上|以来|来|间|后|前|中|里|多|左右|期|计划|行动)/g)) {
    const s = m.index;
    const e = s + m[0].length;
    if (!free(s, e)) continue;
    if (found.some((f) => f.end <= s && /^[\s、,，和与及]*$/.test(q.slice(f.end, s)))) {
      take(s, e, []);
      continue;
    }
    if (/\d$/.test(q.slice(0, s)) || DURATION_BEFORE.test(q.slice(0, s)) || /(?:近|最近|过去|这|第|每|毕业|连续)\s*$/.test(q.slice(0, s))) continue;
    const n = smallNumber(m[1]!);
    const last = ref.latestDataYear ?? ref.reportYear;
    if (n === null || n < 2) continue;
    take(s, e, last === null ? [] : Array.from({ length: n }, (_, i) => last - n + 1 + i), true);
  }
}

/** The last N years in Chinese (近三年, 最近两年, 过去3个学年), the number in group 1. */
export const RECENT_YEARS_SOURCE = "(?:近|最近|过去|这)\\s*([两二三四五六七八九十\\d]{1,2})\\s*个?\\s*(?:学年|年度|年)";

/** Years relative to the report (去年, this year) and the last N data years (近三年). */
function relativeYears(sc: YearScan, ref: YearRef): void {
  const { scan } = sc;
  // Relative to the report's year.
  const base = ref.reportYear ?? ref.latestDataYear;
  const RELATIVE: [RegExp, number][] = [
    [/the year before last|前年/gi, -2],
    [/last year|previous year|去年|上一年度?|上年度?|上一学年|上学年|前一年/gi, -1],
    [/this year|current year|今年|本年度?|本学年/gi, 0],
    [/next year|明年|下一年/gi, 1],
  ];
  for (const [re, delta] of RELATIVE) scan(re, () => (base === null ? [] : [base + delta]), true);
  // The last N data years.
  const last = ref.latestDataYear ?? ref.reportYear;
  const recent = (n: number | null): number[] | null => {
    if (n === null || n < 1 || n > 10) return null;
    if (last === null) return [];
    return Array.from({ length: n }, (_, i) => last - n + 1 + i);
  };
  scan(new RegExp(RECENT_YEARS_SOURCE, "g"), (m) => recent(smallNumber(m[1]!)), true);
  scan(/\b(?:last|past|recent|previous)\s+(two|three|four|five|six|\d{1,2})\s+(?:school\s+)?years\b/gi, (m) => recent(smallNumber(m[1]!)), true);
}
