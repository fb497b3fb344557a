/**
 * Reading what a table cell or header says: numbers, ratios, missing markers, units and years.
 * Pure string functions; every table layout uses them.
 */
import { clean } from "./text.js";

/** What a cell's text means once read. */
export interface CellValue {
  value: number | string | null;
  unit: string | null;
  kind: "number" | "ratio" | "text" | "missing";
}

// Markers the reports print for "no figure": kept as missing, never read as 0.
const MISSING = new Set(["", "-", "－", "—", "——", "–", "--", "―", "/", "／", "仅高职填报"]);

// Units a report prints glued to a number ("36册", "28.8%", "2人次"). Longest first so "万元" wins over "元".
const VALUE_UNITS = [
  "万人次",
  "人次",
  "人日",
  "万元",
  "亿元",
  "万人",
  "万册",
  "平方米",
  "学时",
  "课时",
  "小时",
  "Mbps",
  "%",
  "％",
  "‰",
  "㎡",
  "元",
  "册",
  "人",
  "所",
  "个",
  "门",
  "项",
  "本",
  "台",
  "套",
  "名",
  "次",
  "天",
  "万",
];

const NUMBER = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$/;
const RATIO = /^(\d+(?:\.\d+)?)\s*[:：]\s*(\d+(?:\.\d+)?)$/;

/**
 * Reads one table cell as printed (markup and padding are cleaned first).
 * Numbers become numbers (`"2398.10 "` → 2398.1, `"1,234"` → 1234), a unit glued to the number is split
 * off (`"36册"` → 36 + 册, `"28.8%"` → 28.8 + %), ratios stay strings (`"9.4:1"`), and the reports'
 * missing markers (`-`, `——`, `—`, `/`, ideographic space, blank, `仅高职填报`) are null, never 0.
 *
 * @example parseCellValue("[bookmark: _GoBack]17.6:1") // { value: "17.6:1", unit: null, kind: "ratio" }
 */
export function parseCellValue(raw: string): CellValue {
  const text = clean(typeof raw === "string" ? raw : "");
  if (MISSING.has(text)) return { value: null, unit: null, kind: "missing" };
  const ratio = RATIO.exec(text);
  if (ratio) return { value: `${ratio[1]}:${ratio[2]}`, unit: null, kind: "ratio" };
  const plain = NUMBER.exec(text);
  if (plain) return { value: toNumber(plain[1]), unit: null, kind: "number" };
  for (const unit of VALUE_UNITS) {
    if (!text.endsWith(unit)) continue;
    const num = NUMBER.exec(text.slice(0, -unit.length).trim());
    if (num) return { value: toNumber(num[1]), unit: normalizeUnit(unit), kind: "number" };
  }
  return { value: text, unit: null, kind: "text" };
}

function toNumber(s: string): number {
  return Number(s.replace(/,/g, ""));
}

function normalizeUnit(u: string): string {
  return u === "％" ? "%" : u;
}

// Words that, in parentheses at the end of a label, are a unit and not part of the name.
const LABEL_UNITS = new Set([
  "人",
  "人次",
  "人日",
  "所",
  "个",
  "元",
  "万元",
  "亿元",
  "平方米",
  "㎡",
  "册",
  "万册",
  "门",
  "项",
  "本",
  "台",
  "套",
  "名",
  "次",
  "学时",
  "课时",
  "小时",
  "天",
  "%",
  "％",
  "‰",
  "个/生",
  "元/生",
  "人/门",
  "Mbps",
  "万人",
  "间",
  "张",
  "亩",
]);

/**
 * Splits a unit printed in parentheses at the end of a label from the name:
 * `中职学校数(所)` → { name: "中职学校数", unit: "所" }, `升学率（%）` → 升学率 + %, `金额（万元）` → 金额 + 万元.
 * Parentheses that are not a unit stay in the name (`徐华（参与）`).
 */
export function splitUnit(label: string): { name: string; unit: string | null } {
  const m = /^(.*?)\s*[（(]\s*([^（）()]{1,6}?)\s*[)）]\s*$/.exec(label);
  if (m && LABEL_UNITS.has(m[2]) && m[1].trim() !== "") return { name: m[1].trim(), unit: normalizeUnit(m[2]) };
  return { name: label.trim(), unit: null };
}

/** True for the text of a 单位 cell that names no unit (`——`, `-`, `:`, `：`, blank). */
export function isNoUnit(text: string): boolean {
  return /^(|-|－|—|——|:|：|\/)$/.test(text.trim());
}

/** True when a cell's text looks like a unit (`人`, `%`, `元/生`, `Mbps`), for telling a 单位 column from an "organisation" one. */
export function looksLikeUnit(text: string): boolean {
  const t = text.trim();
  return isNoUnit(t) || LABEL_UNITS.has(t) || (t.length <= 4 && !/\d/.test(t) && !/[、，,]/.test(t));
}

const YEAR_AT_START = /^\s*((?:19|20)\d{2})(?:\s*(?:年\s*\d{1,2}\s*月?|[.．]\s*\d{1,2})?\s*[-－—–~至到]\s*((?:19|20)\d{2}))?\s*(?:年度?|学年)?/;

/**
 * The year a column header or row label stands for, when it starts with one:
 * `2024年` → 2024, `2024` → 2024, `2023学年` → 2023, `2023-2024学年` and `2022—2023学年` → the later year,
 * and so does a period: `2017年9月—2018年8月`, `2017.9-2018.8` → 2018.
 * Headers that do not start with a year (`合计（人）`, `调查人数`) → null.
 */
export function yearOf(header: string): number | null {
  const m = YEAR_AT_START.exec(header);
  if (!m) return null;
  return Number(m[2] ?? m[1]);
}

/**
 * The one year a table title names (`2024学年学校各专业在校生分年级规模表` → 2024), or null when it names
 * none, several (`2021年、2022年…`) or a span (`2023-2024学年…`).
 */
export function titleYear(title: string | null): number | null {
  if (!title) return null;
  if (/(?:19|20)\d{2}\s*[-－—–~至]\s*(?:19|20)?\d{2}/.test(title)) return null;
  const years = new Set((title.match(/(?:19|20)\d{2}(?!\d)/g) ?? []).map(Number));
  return years.size === 1 ? [...years][0] : null;
}
