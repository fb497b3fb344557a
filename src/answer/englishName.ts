import { shortName } from "../places/gazetteer.js";
import type { ReportMeta } from "../types.js";
import { syllables } from "./understand/latin.js";

/**
 * The name an English reply gives a report's entity: the manifest's English name (Jiangmen, Suining Vocational
 * and Technical School), else, for a place's own report, the pinyin of its name (云溪市 → Yunxi); null for a school
 * without one (its Chinese name is kept: a pinyin school name reads as nobody's).
 *
 * @example englishName({ entity: "云溪市", english: null, kind: "city", … }) // "Yunxi"
 */
export function englishName(meta: Pick<ReportMeta, "entity" | "english" | "kind">): string | null {
  if (meta.english) return meta.english;
  if (meta.kind === "school" || !/(?:市|区|县|州|盟|旗)$/.test(meta.entity)) return null;
  const short = shortName(meta.entity);
  if (!short) return null;
  const word = syllables(short).join("");
  return word ? `${word[0]!.toUpperCase()}${word.slice(1)}` : null;
}
