import { placeAt, placeIndex, placeWithin, type Place } from "./gazetteer.js";
import { toSimplified } from "../text/normalize.js";

/**
 * School names: finding them in report text, and the forms people write them in
 * (鹤山市职业技术学校 = 鹤山职校, 四川省乐山市第一职业高级中学 = 乐山一职中).
 *
 * A school name is [places][stem][suffix]: 四川省 乐山市 | 第一 | 职业高级中学. The suffix says it is
 * a school; the places and the stem say which one.
 */

interface SuffixKind {
  /** Abbreviation class: two names with the same places, stem and class are the same school. */
  cls: string;
  /** Can stand right after a place with no stem (鹤山市职业技术学校), rather than only after a stem (四川省食品药品学校). */
  afterPlace: "city" | "county" | "never";
  /** Other ways to write the suffix, for generating forms. */
  alt: string[];
}

const SUFFIXES: Record<string, SuffixKind> = {
  职业高级中学校: { cls: "职中", afterPlace: "city", alt: ["职中", "职高", "职业高级中学", "职业中学"] },
  职业技术教育中心: { cls: "职教中心", afterPlace: "city", alt: ["职教中心", "职业教育中心"] },
  职业教育中心学校: { cls: "职教中心", afterPlace: "city", alt: ["职教中心", "职业教育中心"] },
  职教中心学校: { cls: "职教中心", afterPlace: "city", alt: ["职教中心"] },
  职业中等专业学校: { cls: "中专", afterPlace: "city", alt: ["职业中专", "中专"] },
  中等职业技术学校: { cls: "职校", afterPlace: "county", alt: ["职校"] },
  高级技工学校: { cls: "技校", afterPlace: "city", alt: ["技校", "技工学校"] },
  职业技术学校: { cls: "职校", afterPlace: "city", alt: ["职校"] },
  职业技术学院: { cls: "职院", afterPlace: "city", alt: [] },
  职业高级中学: { cls: "职中", afterPlace: "city", alt: ["职中", "职高", "职业中学"] },
  高级职业中学: { cls: "职中", afterPlace: "city", alt: ["职中", "职高", "职业中学"] },
  职业中专学校: { cls: "中专", afterPlace: "city", alt: ["职业中专"] },
  中等职业学校: { cls: "职中", afterPlace: "county", alt: ["职中"] },
  中等专业学校: { cls: "中专", afterPlace: "county", alt: [] },
  职业教育中心: { cls: "职教中心", afterPlace: "city", alt: ["职教中心"] },
  职业中学校: { cls: "职中", afterPlace: "city", alt: ["职中", "职业中学"] },
  职业中学: { cls: "职中", afterPlace: "city", alt: ["职中", "职高"] },
  职业高中: { cls: "职中", afterPlace: "city", alt: ["职高", "职中"] },
  职业中专: { cls: "中专", afterPlace: "city", alt: [] },
  职业学校: { cls: "职校", afterPlace: "county", alt: [] },
  农业学校: { cls: "农校", afterPlace: "city", alt: ["农校"] },
  农校: { cls: "农校", afterPlace: "city", alt: ["农业学校"] },
  综合高级中学: { cls: "综高", afterPlace: "never", alt: ["综合高中"] },
  综合高中: { cls: "综高", afterPlace: "never", alt: [] },
  技工学校: { cls: "技校", afterPlace: "city", alt: ["技校"] },
  技师学院: { cls: "技院", afterPlace: "city", alt: [] },
  卫生学校: { cls: "卫校", afterPlace: "city", alt: ["卫校"] },
  职教中心: { cls: "职教中心", afterPlace: "city", alt: ["职业教育中心"] },
  中专学校: { cls: "中专", afterPlace: "never", alt: [] },
  职业技校: { cls: "技校", afterPlace: "city", alt: ["技校"] },
  技校: { cls: "技校", afterPlace: "city", alt: ["技工学校"] },
  职校: { cls: "职校", afterPlace: "city", alt: [] },
  职中: { cls: "职中", afterPlace: "city", alt: ["职高"] },
  职高: { cls: "职中", afterPlace: "city", alt: ["职中"] },
  卫校: { cls: "卫校", afterPlace: "city", alt: [] },
  学校: { cls: "学校", afterPlace: "never", alt: [] },
};
const SUFFIX_LIST = Object.keys(SUFFIXES).sort((a, b) => b.length - a.length);
const SUFFIX_RE = new RegExp(SUFFIX_LIST.join("|"), "g");
const HAN = /[\u4e00-\u9fff]/;
/** Suffixes too plain to make a name without a place in front: 学校, 职业学校, 中等职业学校. */
const BARE_NEVER = new Set(["学校", "职业学校", "中专学校", "中等职业学校", "中等职业技术学校", "中等专业学校"]);

/**
 * A stem with any of these is a description, not a name: 全市中职学校, 各学校, 第十五届中等职业学校,
 * 省级重点中职学校, 市直中专学校.
 */
const GENERIC_STEM =
  /[的各全所等和与及或在是为有本该其这那几届级类型到从对向了把将被让使于共个名每由至即已并]|中职|中等|高等|普通|公办|民办|市直|县级|区内|辖区|部分|相关|有关|优质|示范|重点|一流|高水平|义务|中小|小学|初中|普高|职普|中高职|贯通|产业|集团|联盟|合作|国外|国内|一所|多所|技能|大赛|比赛|教育局|教委|政府|企业|公司|园区|基地|小学|小$|幼儿园|新区|街道|推进|推动|重视|加快|加强|支持|鼓励|举办|开展|建设|发展|提升|完善|促进|实施|落实|统筹|积极|继续|深化|引导|要求|组织|指导|打造|创建|改善|保障|进一步|成为|依托|通过|参加|参与|进入|就读|考入|转入|前往|走进/;

/** Industry and subject words: a stem that is only one of these names no school without its place (交通职业学校, 体育学校). */
const FIELD_WORDS = new Set(
  "交通 卫生 农业 机电 体育 经济 财经 商贸 工业 旅游 艺术 师范 建筑 电子 信息 工贸 化工 医药 护理 幼儿 科技 理工 综合 食品 质量 技术 煤炭 经管 会计 城市 航空 铁道 汽车 国际 实验 特殊 职业 高级 第一 第二 第三".split(
    " ",
  ),
);

/** A school name taken apart. */
export interface SchoolParts {
  /** The place names it starts with, as printed: ["四川省", "乐山市"]. */
  places: { form: string; places: Place[] }[];
  /** Between places and suffix: "第一", "嘉州卫生", "" for 鹤山市职业技术学校. */
  stem: string;
  /** As printed: "职业高级中学". */
  suffix: string;
  kind: SuffixKind;
}

/** Consumes consecutive place names from `at`: 四川省乐山市 → [四川省, 乐山市]. */
function placeChain(s: string, at: number, end: number): { form: string; places: Place[] }[] {
  const chain: { form: string; places: Place[] }[] = [];
  let pos = at;
  while (pos < end) {
    const p = placeAt(s.slice(0, end), pos);
    if (!p) break;
    chain.push(p);
    pos += p.form.length;
  }
  return chain;
}

/** True when the stem (after the places) and suffix make a name rather than a description. */
function validStem(stem: string, kind: SuffixKind, lastPlace: Place[] | null): boolean {
  if (stem.length > 8 || GENERIC_STEM.test(stem)) return false;
  if (stem === "") {
    if (!lastPlace || kind.afterPlace === "never") return false;
    const levels = lastPlace.map((p) => p.level);
    if (kind.afterPlace === "county") return levels.includes("county");
    return levels.includes("city") || levels.includes("county");
  }
  return true;
}

/**
 * Splits a school name into places, stem and suffix; null when it does not end in a school suffix.
 * @example parseSchoolName("四川省乐山市第一职业高级中学") // { places: [四川省, 乐山市], stem: "第一", suffix: "职业高级中学", … }
 */
export function parseSchoolName(name: string): SchoolParts | null {
  const suffix = SUFFIX_LIST.find((s) => name.endsWith(s));
  if (!suffix) return null;
  const body = name.slice(0, name.length - suffix.length);
  const places = placeChain(body, 0, body.length);
  const used = places.reduce((n, p) => n + p.form.length, 0);
  return { places, stem: body.slice(used), suffix, kind: SUFFIXES[suffix]! };
}

/**
 * The school suffix a question writes right at `at` (遂宁 职校, 射洪的职业中专), longest first, with its
 * abbreviation class; null when none starts there, or only one too plain to name a school (学校, 职业学校).
 * @example schoolSuffixAt("遂宁 职校 在校生", 3) // { suffix: "职校", cls: "职校" }
 */
export function schoolSuffixAt(s: string, at: number): { suffix: string; cls: string } | null {
  const suffix = SUFFIX_LIST.find((x) => s.startsWith(x, at));
  if (!suffix || BARE_NEVER.has(suffix) || suffix === "学校") return null;
  return { suffix, cls: SUFFIXES[suffix]!.cls };
}

/** Every way a school name may end (suffixes as printed and abbreviated, 乐山一职's numbered 职): see schoolForms. */
const SCHOOL_ENDINGS = new RegExp(
  `${[...new Set(Object.entries(SUFFIXES).flatMap(([suffix, kind]) => [suffix, ...kind.alt]))].sort((x, y) => y.length - x.length).join("|")}|[一二三四五六七八九十]职`,
);

/**
 * False when `text` holds none of the endings every form of `schoolForms` ends in: it names no school,
 * and a resolver need not have made any school's forms to read it.
 * @example mayNameSchool("乐山 2024 升学人数") // false
 * @example mayNameSchool("鹤山职校 在校生") // true
 */
export function mayNameSchool(text: string): boolean {
  return SCHOOL_ENDINGS.test(text);
}

const NUMBERED = /^第?([一二三四五六七八九十]+)$/;

/**
 * A key shared by the ways one school is written: 鹤山市职业技术学校 and 鹤山职校 → "鹤山|职校";
 * 乐山市嘉州卫生职业高中 and 嘉州卫生职高 → "嘉州卫生|职中". A numbered or empty stem keeps its place.
 */
export function schoolKey(parts: SchoolParts): string {
  const last = parts.places[parts.places.length - 1];
  const lastShort = last ? (last.places[0]!.short ?? last.form) : "";
  const numbered = NUMBERED.exec(parts.stem);
  if (parts.stem === "" || numbered) return `${lastShort}${numbered ? numbered[1] : ""}|${parts.kind.cls}`;
  return `${parts.stem}|${parts.kind.cls}`;
}

/**
 * The forms a person may write a school in, derived from one printed name: with and without
 * province, with the city's short name, numbered stems shortened (第一 → 一), suffixes abbreviated
 * (职业技术学校 → 职校, 职业高级中学 → 职中/职高). Only forms of 4+ characters.
 * @example schoolForms("鹤山市职业技术学校") // ["鹤山市职业技术学校", "鹤山职业技术学校", "鹤山市职校", "鹤山职校", …]
 */
export function schoolForms(name: string): string[] {
  const parts = parseSchoolName(name);
  if (!parts) return [name];
  const { places, stem, suffix, kind } = parts;
  const prefixes = new Set<string>();
  // Every tail of the place chain, printed or by short name: 四川省乐山市, 乐山市, 乐山.
  for (let i = 0; i < places.length; i++) {
    const tail = places.slice(i);
    prefixes.add(tail.map((p) => p.form).join(""));
    prefixes.add(tail.map((p) => p.places[0]!.short ?? p.form).join(""));
    const lastTwo = tail.slice(-1);
    prefixes.add(lastTwo.map((p) => p.places[0]!.short ?? p.form).join(""));
  }
  const numbered = NUMBERED.exec(stem);
  const stems = new Set([stem]);
  if (numbered) stems.add(numbered[1]!);
  // A long stem is often cut to its first two characters: 青山工业技工学校 → 青山技校.
  if (stem.length >= 4 && !numbered) stems.add(stem.slice(0, 2));
  if (stem.length >= 3 || (stem.length === 2 && !FIELD_WORDS.has(stem) && !numbered)) prefixes.add("");
  const suffixes = [suffix, ...kind.alt];
  const short = kind.alt.filter((x) => x.length <= 2);
  const out = new Set<string>([name]);
  for (const p of prefixes) {
    for (const s of stems) {
      if (p === "" && (s.length < 2 || (s !== stem && s.length < 3))) continue;
      if (p === "" && s === "") continue;
      // 乐山一职中, not 乐山一职业高级中学: a shortened number goes with a shortened suffix.
      const xs = numbered && s !== stem ? short : suffixes;
      for (const x of xs) {
        const form = p + s + x;
        if (form.length >= 4) out.add(form);
      }
      if (numbered && s !== stem && p !== "" && (kind.cls === "职校" || kind.cls === "职中")) out.add(`${p}${s}职`);
    }
  }
  return [...out];
}

/** The report's home place (the city or district it is about), inferred from which place it names most. */
function inferHome(text: string): Place[] {
  const counts = new Map<Place, number>();
  const { forms, maxLength } = placeIndex();
  for (let i = 0; i < text.length; i++) {
    if (!HAN.test(text[i]!)) continue;
    for (let len = Math.min(maxLength, text.length - i); len >= 2; len--) {
      const places = forms.get(text.slice(i, i + len));
      if (!places) continue;
      for (const p of places) if (p.level !== "province") counts.set(p, (counts.get(p) ?? 0) + 1);
      i += len - 1;
      break;
    }
  }
  let best: Place | null = null;
  for (const [p, n] of counts) if (!best || n > counts.get(best)!) best = p;
  return best ? [best] : [];
}

/** True when a place lies in the report's region: the home place, anything inside it, or what it lies in. */
function inRegion(p: Place, home: Place[]): boolean {
  return home.some((h) => placeWithin(p, h) || placeWithin(h, p));
}

let longShortNamed: Place[] | null = null;

/** The region places whose names may start a school name without a suffix (峨眉 of 峨眉山市). */
function regionHeads(home: Place[]): string[] {
  longShortNamed ??= [...new Set([...placeIndex().forms.values()].flat())].filter((q) => q.short && q.short.length >= 3);
  return [...new Set(home.flatMap((h) => longShortNamed!.filter((q) => placeWithin(q, h)).map((q) => q.short!.slice(0, 2))))];
}

/** School names in the title lines ("遂宁市职业技术学校 / 职业教育年度质量报告"): the report's own publisher. */
function titleNames(text: string): string[] {
  const lines = text.split("\n").slice(0, 40);
  const found: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/质量报告|年度报告/.test(lines[i]!)) continue;
    for (const l of [lines[i]!, lines[i - 1] ?? "", lines[i - 2] ?? ""]) {
      for (const m of l.matchAll(/[\u4e00-\u9fff]+/g)) {
        const parts = parseSchoolName(m[0].replace(/(?:职业教育)?(?:年度)?质量(?:年度)?报告.*$/, ""));
        if (parts && parts.stem.length <= 8) found.push(schoolKey(parts));
      }
    }
  }
  return found;
}

/**
 * Finds the school names a report's text mentions: …职业技术学校, …职业高级中学, …职业中学, …职教中心,
 * …职业教育中心, …技工学校, …卫生学校, …中等职业学校 and their short forms (鹤山职校, 沐川职中).
 *
 * - A name starts with a place (四川省乐山市第一职业高级中学), or is a stem the same text also
 *   prints after a place (嘉州卫生职高 ← 乐山市嘉州卫生职业高中), or starts like a place of the region
 *   (峨眉文旅综合高中).
 * - Names of schools outside the report's region (成都工贸职业技术学院 in the Suining report) and the
 *   report's own publisher (遂宁市职业技术学校, from the title lines or from `reports`) are left out.
 * - Descriptions are not names: 全市中职学校, 各中职学校, 第十五届中等职业学校.
 *
 * Names come back once per report, in order of first mention, as printed (simplified).
 * @example collectSchoolNames([{ report: "jiangmen-2024.txt", text }]) // [{ name: "江门市第一职业技术学校", report: "jiangmen-2024.txt" }, { name: "鹤山职校", … }, …]
 */
export function collectSchoolNames(texts: { report: string; text: string }[], reports?: { report: string; entity: string; aliases?: string[] }[]): { name: string; report: string }[] {
  const out: { name: string; report: string }[] = [];
  for (const { report, text: raw } of texts) {
    const text = toSimplified(raw);
    const meta = reports?.find((r) => r.report === report);
    let home: Place[] = [];
    const ownKeys = new Set(titleNames(text));
    if (meta) {
      const own = parseSchoolName(meta.entity);
      if (own) ownKeys.add(schoolKey(own));
      const entityPlace = own ? own.places[own.places.length - 1]?.places : placeIndex().forms.get(meta.entity);
      if (entityPlace) home = entityPlace;
    }
    if (home.length === 0) home = inferHome(text);
    const heads = regionHeads(home);
    const aliases = meta?.aliases ?? [];

    const placed: { name: string; at: number; parts: SchoolParts }[] = [];
    const bare: { name: string; at: number; stem: string; kind: SuffixKind; suffix: string }[] = [];
    for (const m of text.matchAll(SUFFIX_RE)) {
      const suffix = m[0];
      const kind = SUFFIXES[suffix]!;
      const end = m.index;
      let start = end;
      while (start > 0 && end - start < 20 && HAN.test(text[start - 1]!)) start--;
      const run = text.slice(start, end);
      let found = false;
      for (let s = 0; s < run.length && !found; s++) {
        const chain = placeChain(run, s, run.length);
        if (chain.length === 0) continue;
        const used = chain.reduce((n, p) => n + p.form.length, 0);
        const stem = run.slice(s + used);
        const last = chain[chain.length - 1]!.places;
        if (!validStem(stem, kind, last)) continue;
        found = true;
        // 璧山区中等职业学校 in the 璧山区 report is the district's schools, not one school.
        if (stem === "" && kind.afterPlace === "county" && last.some((p) => home.includes(p))) break;
        // 四川建筑职业技术学院: a college named only by its province could be anywhere in it.
        if (kind.cls === "职院" || kind.cls === "技院") {
          if (chain.every((c) => c.places.every((p) => p.level === "province"))) break;
        }
        if (!chain.every((c) => c.places.some((p) => inRegion(p, home)))) break;
        const name = run.slice(s) + suffix;
        placed.push({ name, at: start + s, parts: { places: chain, stem, suffix, kind } });
      }
      if (!found && !BARE_NEVER.has(suffix) && run.length >= 2 && run.length <= 6 && !GENERIC_STEM.test(run)) {
        bare.push({ name: run + suffix, at: start, stem: run, kind, suffix });
      }
    }
    const knownStems = placed.map((p) => p.parts.stem).filter((s) => s.length >= 2 && !FIELD_WORDS.has(s));
    const names: { name: string; at: number; key: string }[] = placed.map((p) => ({ name: p.name, at: p.at, key: schoolKey(p.parts) }));
    for (const b of bare) {
      const known =
        knownStems.some((k) => b.stem.startsWith(k.slice(0, 2)) && (b.stem.startsWith(k) || k.startsWith(b.stem.slice(0, 2)))) ||
        aliases.some((a) => a.length >= 2 && b.stem.startsWith(a)) ||
        heads.some((h) => b.stem.startsWith(h));
      if (known) names.push({ name: b.name, at: b.at, key: `${b.stem}|${b.kind.cls}` });
    }
    names.sort((a, b) => a.at - b.at);
    const seen = new Set<string>();
    for (const n of names) {
      if (ownKeys.has(n.key) || seen.has(n.name)) continue;
      seen.add(n.name);
      out.push({ name: n.name, report });
    }
  }
  return out;
}
