import { latinQualifiersToChinese } from "../text/qualifiers.js";

/**
 * The words users type for an indicator, rewritten to the words the reports print, in Chinese
 * and English. Applied to the question before indicator matching; each rule is one meaning.
 * Order matters: longer, more specific phrases first.
 */
const RULES: [RegExp, string][] = [
  // English phrases → Chinese indicator words.
  [/\b(?:went|go(?:ne)?|going)\s+(?:on\s+)?to\s+(?:further\s+study|university|college|higher\s+(?:education|vocational\s+colleges?))\b/gi, "升学人数"],
  [/\b(?:further\s+(?:study|studies|education)|continu\w*\s+(?:their\s+)?(?:studies|education)|progress(?:ion|ed)?\s+to\s+higher\s+education)\b/gi, "升学人数"],
  [/\b(?:bachelor'?s?|undergraduate)\s*(?:programs?|degrees?|universities)?\b/gi, "升入本科人数"],
  // What graduates earn is 月收入; a school's or a region's income is 收入 (tuition income is 学费收入).
  [/\b(?:how\s+much\s+(?:money|funding)|amount\s+of\s+money)\b/gi, "金额"],
  [/\btuition(?:\s+fees?)?\b/gi, "学费"],
  [/\b(?:monthly\s+(?:income|salary|salaries|wages?|pay|earnings?)|salary|salaries|wages?|earnings?|pay)\b/gi, "月收入"],
  [/\bgraduates?'?\s+income\b/gi, "毕业生 月收入"],
  [/\bincome\b/gi, "收入"],
  [/\b(?:student[-\s]?(?:to[-\s]?)?teacher|teacher[-\s]?(?:to[-\s]?)?student)\s+ratio\b/gi, "生师比"],
  // A share only when one is asked for: "dual-qualified teachers" alone asks how many.
  [/\b(?:dual[-\s]?(?:qualified|certified|teacher)\w*)\s*(?:teachers?)?\s*(?:ratio|share|proportion|percentage)\b/gi, "“双师型”教师比例"],
  [/\b(?:(?:share|proportion|percentage|ratio)\s+of\s+)dual[-\s]?(?:qualified|certified|teacher)\w*\s*(?:teachers?)?/gi, "“双师型”教师比例"],
  [/\bdual[-\s]?(?:qualified|certified|teacher)\w*\s*(?:teachers?)?/gi, "“双师型”教师"],
  [/\bemployment\s+rate\b/gi, "就业率"],
  [/\b(?:progression|further[-\s]study|enrol+ment\s+in\s+higher\s+education)\s+rate\b/gi, "升学率"],
  [/\bparents?'?\s+satisfaction\b/gi, "家长满意度"],
  [/\bemployers?'?\s+satisfaction\b/gi, "用人单位满意度"],
  [/\bstudents?'?\s+satisfaction\b/gi, "在校生满意度"],
  [/\bgraduates?'?\s+satisfaction\b/gi, "毕业生满意度"],
  [/\bsatisfaction\b/gi, "满意度"],
  [/\b(?:new\s+students|enrol+ments?|admissions?|intake)\b/gi, "招生人数"],
  [/\b(?:students?\s+enrol+ed|enrol+ed\s+students?|student\s+(?:body|population)|students\s+in\s+school|full[-\s]time\s+students?|(?:students?\s+)?on\s+roll)\b/gi, "在校生数"],
  [/\bpart[-\s]time\s+teachers?\b/gi, "兼职教师"],
  [/\bnational\s+scholarships?\b/gi, "国家奖学金"],
  [/\bnational\s+(?:grants?|bursar(?:y|ies)|stipends?|(?:student\s+)?financial\s+aid)\b/gi, "国家助学金"],
  [/\bscholarships?\b/gi, "奖学金"],
  [/\b(?:financial\s+aid|grants?|bursar(?:y|ies)|stipends?)\b/gi, "助学金"],
  [/\b(?:land\s+area|campus\s+area|site\s+area)\b/gi, "占地面积"],
  [/\bfloor\s+(?:area|space)|building\s+area\b/gi, "建筑面积"],
  [/\btrain(?:ed|ing|ees?)\b/gi, "培训"],
  [/\bmajors?|specialt(?:y|ies)|programmes?\b/gi, "专业"],
  [/\bgraduates?\b/gi, "毕业生"],
  [/\bfull[-\s]time\s+teachers?\b/gi, "专任教师数"],
  [/\bteachers?\b/gi, "教师"],
  // The reports' own subject: "secondary vocational schools" are the 中职学校 every figure is about.
  [/\bsecondary\s+vocational(?:\s+(?:education|schools?|students?))?\b/gi, "中职学校"],
  [/\bkey(?=\s+(?:中职|schools?|majors?|programmes?|disciplines?))/gi, "重点"],
  [/\bschools?\b/gi, "学校数"],
  [/\b(?:found|got|took|secured|entered)\s+(?:a\s+)?(?:jobs?|employment|work)\b|\bemploy(?:ed|ment)\b/gi, "就业"],
  [/\bfunding|budget\b/gi, "经费"],
  [/\bbooks?\b/gi, "图书"],
  [/\b(?:share|proportion|percentage|ratio)\b/gi, "比例"],
  [/\bstudents?\b/gi, "学生"],
  // Chinese everyday words → the reports' terms.
  [/(?:平均|月均)?(?:月(?:薪|工资)|薪资|薪酬|工资(?:水平)?)|月均收入|平均收入/g, "月收入"],
  [/师生比(?:例)?/g, "生师比"],
  [/双师(?:型)?(?:教师)?(?:的)?(?:比例|占比|比重|比率)/g, "“双师型”教师比例"],
  // 双师 alone is the short form of 双师型教师 (双师多少人).
  [/双师(?!型|素质)(?:教师)?/g, "“双师型”教师"],
  [/(?:升入|考上|考入|读|上)本科(?:的)?(?:人数|人|学生)?|本科升学(?:的)?(?:人数|人|学生)?/g, "升入本科人数"],
  [/(?<![升入考上读])本科(?:人数|学生)/g, "升入本科人数"],
  [/升学(?:的)?(?:人数|人|学生)|升学(?![率情渠通方])/g, "升学人数"],
  [/(?:继续)?深造|上大学|读大学|考上大学/g, "升学人数"],
  [/毕业(?:的)?(?:学生|人数)|毕业(?:了)?(?:多少|几)/g, "毕业生人数"],
  // 招收 and 录取 alone are the intake; 招收并注册, 招收市外…, 普通高考录取 name something narrower, printed as such.
  [
    /招(?:了)?(?:多少|几)(?:个)?(?:人|学生|新生)|招收新生|招收(?=多少|几|人数|$)|新生(?:人数)?|(?<!高考|考试|考)录取(?:了)?(?:多少|几)?(?:个|名)?(?:新生|学生|人)|(?<!高考|考试|考)录取(?=多少|几|人数|$)/g,
    "招生人数",
  ],
  [/在校(?:学生|学生数|人数)|在读(?:学生|人数)?/g, "在校生数"],
  [/一共|总共|总计|共计|合起来/g, "合计"],
  [/比重|份额/g, "占比"],
  [/多少钱|多少资金|多少经费|金额/g, "金额"],
];

/**
 * Rewrites user words to report words.
 * @example applySynonyms("江门 月薪 2023 vs 2024") // "江门 月收入 2023 vs 2024"
 */
export function applySynonyms(question: string): string {
  // English and pinyin qualifiers first ("private", "jobs matching their major", "minban"), in the
  // vocabulary's Chinese: the rules below would read "major" alone as 专业.
  let out = latinQualifiersToChinese(question);
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
