/**
 * Figures in running Chinese text: finding a number with its unit (`1.26万人`, `70.74平方米`,
 * `16.4:1`), and the years a sentence speaks of. Pure string functions, no Fact building.
 */

/** A figure as printed, with its value read. */
export interface Figure {
  /** Offsets of the digits (start) and of the end of the unit in the sentence. */
  start: number;
  end: number;
  /** The printed number ("1.26", "16.4:1"). */
  number: string;
  /** As printed: "1.26万人", "16.4:1", "23207元". */
  raw: string;
  /** 万/亿 applied to counts (`1.26万人` → 12600); money keeps its unit (`9448.26万元` → 9448.26). */
  value: number | string;
  /** Normalised unit ("人" for 名, "%" for ％), or null for a ratio or a bare number. */
  unit: string | null;
  /** True when printed as an approximation (`2500余人`, `30多个`, `近1万人`). */
  approximate: boolean;
}

/** Units a figure may carry, longest first so `人次` wins over `人`. 万元/亿元 are read as 万/亿 + 元. */
const UNITS = [
  "个百分点",
  "平方米",
  "人次",
  "人日",
  "学时",
  "课时",
  "小时",
  "Mbps",
  "元",
  "人",
  "名",
  "个",
  "所",
  "家",
  "项",
  "门",
  "册",
  "本",
  "篇",
  "次",
  "场",
  "件",
  "套",
  "台",
  "间",
  "份",
  "种",
  "支",
  "户",
  "条",
  "期",
  "批",
  "张",
  "座",
  "位",
  "辆",
  "亩",
  "周",
  "天",
  "分",
  "%",
  "％",
];
/** Units that count things: a fraction of one (`1.02人`) is a misprint unless it is an average. */
const COUNT_UNITS = new Set(["人", "人次", "个", "所", "家", "项", "门", "册", "本", "篇", "次", "场", "件", "套", "台", "间", "份", "种", "支", "户", "条", "期", "批", "张", "座", "位", "辆"]);
const UNIT_ALIASES: Record<string, string> = { 名: "人", "％": "%" };

/** A number as printed: with thousands separators (`132,907.26`: groups of three after the first), or plain. */
export const NUMBER_SOURCE = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?![\\d,])|\\d+(?:\\.\\d+)?";
const NUMBER_AT = new RegExp(`^(?:${NUMBER_SOURCE})`);

/** Multiplies a printed decimal by 10^k without float noise ("1.26", 4 → 12600). */
export function shiftDecimal(num: string, k: number): number {
  const [int, frac = ""] = num.split(".");
  const digits = int + frac.padEnd(k, "0");
  const point = int.length + k;
  return Number(`${digits.slice(0, point)}.${digits.slice(point) || "0"}`);
}

/**
 * Reads the figure whose digits start at `at` in `s`, or null when the digits carry no unit
 * (a year, a date, a code). `bareOk` accepts a number without unit (after a label such as
 * 生师比). `fractional` flags a count that is not whole (`1.02人`: 万 was lost in print).
 */
export function readFigure(s: string, at: number, bareOk: boolean): (Figure & { fractional: boolean }) | null {
  const m = NUMBER_AT.exec(s.slice(at, at + 40));
  if (!m) return null;
  const number = m[0];
  const i = at + number.length;
  // 17.6:1, 17.6：1, and the ratio sign 5.12∶1.
  const ratio = /^\s*[:：∶]\s*(\d+(?:\.\d+)?)(?![\d.])/.exec(s.slice(i, i + 20));
  if (ratio) {
    const raw = `${number}:${ratio[1]}`;
    return { start: at, end: i + ratio[0].length, number: raw, raw, value: raw, unit: null, approximate: false, fractional: false };
  }
  const mid = /^\s*(余|多)?\s*(万|亿)?\s*(余|多)?\s*/.exec(s.slice(i, i + 12)) as RegExpExecArray;
  const scale = mid[2] ?? null;
  const after = s.slice(i + mid[0].length, i + mid[0].length + 8);
  const unit = UNITS.find((u) => after.startsWith(u)) ?? null;
  if (!unit && (scale || !bareOk)) return null;
  const end = unit ? i + mid[0].length + unit.length : i;
  const approximate = Boolean(mid[1] || mid[3]) || /^\s*(以上|左右|上下|以内|以下|多)/.test(s.slice(end, end + 4));
  // Thousands separators (61,208.4) are printed, not part of the value.
  const plain = number.replace(/,/g, "");
  let value: number = Number(plain);
  let normUnit = unit ? (UNIT_ALIASES[unit] ?? unit) : null;
  if (scale && normUnit === "元") normUnit = `${scale}元`;
  else if (scale) value = shiftDecimal(plain, scale === "万" ? 4 : 8);
  const fractional = normUnit !== null && COUNT_UNITS.has(normUnit) && !Number.isInteger(value);
  const raw = s.slice(at, end);
  return { start: at, end, number, raw, value, unit: normUnit, approximate, fractional };
}

/** A year mentioned in a sentence, with where it ends and whether it is a comparison base (`较2023年`). */
export interface YearMention {
  year: number;
  start: number;
  end: number;
  comparison: boolean;
}

/**
 * Every year a sentence names: `2024年`, `2024年度`, `2023-2024学年` (the later year), each
 * flagged when it is the base of a comparison (`较2023年`, `比2021年`, `同比2023年`, `从2021年的`).
 */
export function yearMentions(s: string): YearMention[] {
  const out: YearMention[] = [];
  const re = /(20\d{2})(?:\s*[-－—–~～至]\s*(20\d{2}))?\s*(年度|学年|年)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m.index > 0 && /[\d.]/.test(s[m.index - 1])) continue;
    const year = Number(m[2] ?? m[1]);
    const before = s.slice(Math.max(0, m.index - 3), m.index);
    out.push({ year, start: m.index, end: m.index + m[0].length, comparison: /(较|比|同比|相比|与|从|由)$/.test(before) });
  }
  return out;
}
