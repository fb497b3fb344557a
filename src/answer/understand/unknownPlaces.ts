import type { UnknownEntity } from "./entities.js";

/**
 * Words that look like the name of a place or a school but name no report and no place the
 * gazetteer knows: 火星市, 某某区, 某职业学校, Atlantis. A question about one must be told that there is
 * no report for it — never be answered with another report's figure, or with every report's.
 *
 * Chinese: a short stem before an administrative or school suffix (…市/区/县/镇/乡/州/省, …学校/职校/中心/职中/
 * 职高/中专/学院), where the stem is a name, not a common word (全市, 城区, 中职学校, 示范区).
 * Latin: a capitalised word that is no English word of a question (How, Students, Vocational).
 */

const REGION_SUFFIX = "市|区|县|镇|乡|州|省";
const SCHOOL_SUFFIX = "职业技术学校|职业学校|技工学校|学校|职校|职教中心|中心|职中|职高|中专|学院";
const PLACE_LIKE = new RegExp(`([\\u4e00-\\u9fff]{1,8}?)(${SCHOOL_SUFFIX}|${REGION_SUFFIX})`, "g");

/** Stems that are common words, not names: scope, kind, quantity and question words. */
const GENERIC_STEM =
  /^(?:全|本|我|各|该|每|其|此|这|那|哪|某些|所有|城|市|区|县|省|乡|镇|山|社|园|新|老|校|片|学|景|库|辖|地|中职|中等职业|职业|职业技术|技术|技工|高职|中专|高中|初中|小学|普通|民办|公办|重点|示范|优质|骨干|特色|试验|实验|开发|高新|经济|产业|功能|核心|培训|实训|就业|创业|服务|研究|教育|教学|资源|数据|信息|活动|考试|测评|发展|管理|指导|技能|鉴定|研学|交流|合作|国家|省级|市级|县级|区级|示范性|民族|少数民族|贫困|城乡|农村|乡村|沿海|内地|西部|东部|中部|东北|一个|两个|几个|多个|哪个|这个|那个|每个)/;

/** Characters a name's stem never holds: numerals, suffixes of another unit, particles. */
const NOT_IN_NAME = /[0-9一二三四五六七八九十两几多少的和与及或、，,。？?！!年月日人所个]/;

/** English words of questions and of the reports' subjects: a capitalised one of these is no name. */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  (
    "how many much what which who whom whose when where why is are was were be been do does did have has had the a an of in on at to for from by with and or vs versus compare compared between " +
    "please tell me show give find list rank ranking top most least highest lowest average total number count rate ratio share percentage percent " +
    "student students graduate graduates graduation teacher teachers staff school schools vocational technical secondary college colleges university universities education educational " +
    "enrolment enrollment enrolled admission admissions income salary monthly employment employed employ jobs job further study studies progression higher " +
    "city county district province region regions report reports case cases table tables chart export excel csv year years full time full-time part-time part " +
    "satisfaction parents employers dual qualified funding budget spending area land campus training trained courses course majors major programs program " +
    "i we you it they this that these those there here about any all each every some no not yes ok okay hi hello thanks thank help"
  ).split(" "),
);

/** Whether a span overlaps any of the spans already read (entities, years). */
function overlaps(a: number, b: number, spans: readonly [number, number][]): boolean {
  return spans.some(([s, e]) => a < e && s < b);
}

/**
 * The place-like words of a question (normalised: simplified, half-width) outside `read` (the
 * spans of entities, known places and years already read).
 *
 * @example unknownPlaceWords("火星市2024年升学人数", []) // [{ name: "火星市", start: 0, end: 3 }]
 * @example unknownPlaceWords("全市中职学校升学人数", []) // []
 */
export function unknownPlaceWords(text: string, read: readonly [number, number][]): UnknownEntity[] {
  const out: UnknownEntity[] = [];
  for (const m of text.matchAll(PLACE_LIKE)) {
    // The stem starts after the last character that cannot be part of a name.
    let stem = m[1]!;
    const start0 = m.index!;
    let cut = 0;
    for (let i = 0; i < stem.length; i++) if (NOT_IN_NAME.test(stem[i]!)) cut = i + 1;
    // ...and after what was already read (乐山 in 乐山火星市 is a report's name, not part of this one).
    for (const [, e] of read) if (e > start0 + cut && e < start0 + m[1]!.length) cut = e - start0;
    stem = stem.slice(cut);
    const start = start0 + cut;
    const end = start0 + m[0].length;
    const isSchool = new RegExp(`^(?:${SCHOOL_SUFFIX})$`).test(m[2]!);
    // A school's stem may end in 职业/技术 (某职业学校): what names it comes before.
    const core = isSchool ? stem.replace(/(?:综合|职业技术|职业|技术|中等|高级)+$/, "") : stem;
    if (!core || [...core].length > 5 || (!isSchool && [...core].length < 2)) continue;
    if (GENERIC_STEM.test(core) || overlaps(start, end, read)) continue;
    // A name stands between boundaries: the start of the text, a space, a particle, a year, a name read.
    const before = text[start - 1] ?? "";
    const after = text[end] ?? "";
    const boundary = (c: string, at: number) => !c || !/[\u4e00-\u9fff]/.test(c) || NOT_IN_NAME.test(c) || read.some(([a, e]) => e === at || a === at);
    if (!boundary(before, start) || !boundary(after, end)) continue;
    // 本省, 外市, 我县: a pronoun before the suffix makes a common word, whatever precedes it.
    if (!isSchool && /[本全我该外各此邻]$/.test(stem)) continue;
    // Not glued to what was read before it (乐山 | 市中职学校): a name starts at a boundary.
    if (read.some(([, e]) => e === start) && /[市区县]/.test(text[start] ?? "")) continue;
    out.push({ name: text.slice(start, end), start, end });
  }
  for (const m of text.matchAll(/\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})*\b/g)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (overlaps(start, end, read)) continue;
    if (m[0].split(/\s+/).every((w) => ENGLISH_WORDS.has(w.toLowerCase()))) continue;
    out.push({ name: m[0], start, end });
  }
  return out;
}

/**
 * Whether an unknown place is named beside a report, as one more thing compared (成都和乐山, 遂宁、火星市),
 * not as a topic of it (赴港交流 in 江门, "exchanges with Hong Kong").
 */
export function conjoinedWith(text: string, place: UnknownEntity, named: readonly [number, number][]): boolean {
  return named.some(([s, e]) => {
    const gap = e <= place.start ? text.slice(e, place.start) : place.end <= s ? text.slice(place.end, s) : null;
    return gap !== null && /^(?:\s|和|与|及|跟|同|、|,|，|&|and|or|vs\.?|versus|对比|比较)*$/i.test(gap);
  });
}
