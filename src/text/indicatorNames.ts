/**
 * English names of the common indicators of the national template (the six standard tables and the
 * figures every report prints in its text), declared once as data beside the vocabulary. An English
 * reply names a figure by these words and keeps the printed Chinese label beside them, for the
 * citation: "Full-time students (全日制在校生人数)". A label that names more than the plain indicator
 * (民办学校在校生数, 省级…) matches none of them and stays as printed: a name is never made narrower
 * or wider than what the report says.
 */

/** One indicator: the labels it is printed with (a whole-label pattern) and its English name. */
export interface IndicatorName {
  /** Whole-label regular-expression source, matched against a row's own name (其中： taken off). */
  zh: string;
  /** The English name, as a reader of an English reply reads it (the question readers understand it too, answer/synonyms.ts). */
  en: string;
}

/** The common indicators, most specific first. */
export const INDICATOR_NAMES: readonly IndicatorName[] = [
  { zh: "(?:全日制)?在校(?:学)?生(?:人)?数?(?:（人）)?", en: "full-time students" },
  { zh: "(?:实际|中职)?招生(?:人)?数?|招收新生(?:人)?数?", en: "new students enrolled" },
  { zh: "(?:应届)?毕业生(?:人)?数", en: "graduates" },
  { zh: "升学(?:人)?数", en: "graduates going on to further study" },
  { zh: "升入本科(?:人)?数", en: "graduates entering bachelor's programmes" },
  { zh: "升入高职(?:人)?数", en: "graduates entering higher vocational colleges" },
  { zh: "(?:直接)?就业(?:人)?数", en: "graduates employed" },
  { zh: "毕业生去向落实(?:人)?数", en: "graduates with a destination" },
  { zh: "毕业生去向落实率|去向落实率", en: "graduate placement rate" },
  { zh: "(?:毕业生)?就业率", en: "employment rate" },
  { zh: "升学率", en: "further-study rate" },
  { zh: "(?:毕业生)?(?:平均)?月收入", en: "monthly income" },
  { zh: "专任教师(?:人)?数?|专任教师总数", en: "full-time teachers" },
  { zh: "兼职教师(?:人)?数", en: "part-time teachers" },
  { zh: '[“"]?双师型[”"]?教师(?:人)?数', en: "dual-qualified teachers" },
  { zh: '[“"]?双师型[”"]?教师(?:比例|占比|占专任教师比例)', en: "share of dual-qualified teachers" },
  { zh: "生师比", en: "student-teacher ratio" },
  { zh: "在校生满意度", en: "students' satisfaction" },
  { zh: "毕业生满意度", en: "graduates' satisfaction" },
  { zh: "家长满意度", en: "parents' satisfaction" },
  { zh: "教师满意度", en: "teachers' satisfaction" },
  { zh: "用人单位满意度", en: "employers' satisfaction" },
  { zh: "(?:开设)?专业(?:个)?数|专业数量", en: "majors" },
  { zh: "(?:中职)?学校(?:个|所)?数|学校数量", en: "schools" },
  { zh: "(?:学校)?占地面积", en: "land area" },
  { zh: "(?:校舍)?建筑面积", en: "floor area" },
  { zh: "国家助学金(?:金额)?", en: "national grants" },
  { zh: "国家奖学金(?:金额)?", en: "national scholarships" },
  { zh: "(?:社会)?培训(?:人次|人数)", en: "people trained" },
  { zh: "纸质图书(?:册数|数量)?|图书(?:册数|数量)", en: "books" },
  { zh: "教学仪器设备(?:总)?值|教学(?:科研)?仪器设备(?:资产)?(?:总)?值", en: "value of teaching equipment" },
  { zh: "生均教学仪器设备值", en: "teaching equipment per student" },
  { zh: "校企合作企业(?:个)?数|合作企业(?:个)?数", en: "partner enterprises" },
];

const COMPILED = INDICATOR_NAMES.map((n) => ({ re: new RegExp(`^(?:${n.zh})$`), en: n.en }));

/**
 * The English name of an indicator as printed (a path joined with " › ", or its last part), or null when
 * it is none of the common ones. Only the row's own name is read: a narrower row keeps its Chinese.
 *
 * @example englishIndicator("人才培养质量计分卡 › 全日制在校生人数") // "full-time students"
 * @example englishIndicator("民办学校在校生数") // null
 */
export function englishIndicator(indicator: string): string | null {
  const own = (indicator.split(" › ").pop() ?? indicator).replace(/^其中[:：]/, "").replace(/\s+/g, "");
  return COMPILED.find((n) => n.re.test(own))?.en ?? null;
}

/**
 * An indicator as an English reply names it: the English name with the printed label beside it, or the
 * printed label alone.
 *
 * @example indicatorLabelEn("月收入") // "Monthly income (月收入)"
 * @example indicatorLabelEn("民办学校在校生数") // "民办学校在校生数"
 */
export function indicatorLabelEn(label: string): string {
  const en = englishIndicator(label);
  return en ? `${en[0]!.toUpperCase()}${en.slice(1)} (${label})` : label;
}

/** Units as an English reader reads them; a unit not listed stays as printed. */
export const UNITS_EN: Readonly<Record<string, string>> = {
  人: "people",
  名: "people",
  人次: "person-times",
  个: "",
  所: "schools",
  元: "yuan",
  万元: "10k yuan",
  亿元: "100m yuan",
  平方米: "m²",
  亩: "mu",
  册: "volumes",
  学时: "hours",
};

/** A unit in English ("人" → "people"; "%" stays "%"); "" when a bare number reads best. */
export function unitEn(unit: string): string {
  return UNITS_EN[unit] ?? unit;
}
