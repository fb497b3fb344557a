/**
 * English words users type for what the reports say in Chinese, for passage search.
 * The reports are Chinese only, so an English question is searched with these terms added.
 * One line per meaning; longer phrases first so "vocational education" wins over "education".
 */
const GLOSSARY: [RegExp, string][] = [
  [/integration\s+of\s+(?:general\s+and\s+vocational|vocational\s+and\s+general)|general[-\s]vocational/i, "职普融通"],
  [/e-?commerce/i, "电商 电子商务"],
  [/vocational\s+education\s+alliance|education\s+alliance/i, "职教联盟"],
  [/alliance|consortium/i, "联盟"],
  [/vocational\s+education\s+(?:activity\s+)?week|activity\s+week/i, "职业教育活动周 活动周"],
  [/launch(?:ing)?\s+ceremony|opening\s+ceremony|kick-?off/i, "启动仪式"],
  [/flag\s+(?:guards?|raising|team)|national\s+flag|flag/i, "国旗 升旗"],
  [/youth\s+league|communist\s+youth/i, "团委 共青团"],
  [/study\s+tours?|field\s+trips?/i, "研学"],
  [/vocational\s+(?:education|school|training)/i, "职业教育 职教"],
  [/labou?r\s+education/i, "劳动教育"],
  [/ideological(?:\s+and\s+political)?|political\s+education|moral\s+education/i, "思政"],
  [/intangible\s+(?:cultural\s+)?heritage|heritage/i, "非遗 传承"],
  [/industry[-\s](?:education|school)\s+(?:integration|cooperation)|school[-\s]enterprise/i, "产教融合 校企合作"],
  [/dormitor(?:y|ies)|accommodation|housing/i, "宿舍 住宿"],
  [/skills?\s+competitions?|contests?|competitions?/i, "技能大赛 大赛 比赛"],
  [/skills?/i, "技能"],
  [/teachers?'?\s+training|teacher\s+development/i, "教师 培训"],
  [/teachers?|faculty/i, "教师"],
  [/challenges?|problems?|difficult(?:y|ies)/i, "挑战 问题"],
  [/measures?|countermeasures?/i, "措施 对策"],
  [/employment|jobs?/i, "就业"],
  [/further\s+study|higher\s+education/i, "升学"],
  [/graduate(?:\s+student)?s?\b|master'?s/i, "研究生"],
  [/rural\s+revitali[sz]ation/i, "乡村振兴"],
  [/poverty/i, "帮扶"],
  [/international|overseas|foreign/i, "国际 境外"],
  [/culture|cultural/i, "文化"],
  [/internships?|apprentice(?:ship)?s?/i, "实习 学徒"],
  [/training\s+base|practice\s+base|base/i, "基地"],
  [/studio|workshop/i, "工作室"],
  [/sports?|physical\s+education/i, "体育"],
  [/mental\s+health|psycholog\w*/i, "心理健康"],
  [/party\s+building|communist\s+party/i, "党建"],
  [/digital|smart|informati[sz]ation/i, "数字化 智慧"],
  [/agricultur\w*|farming/i, "农业"],
  [/nursing|health\s*care|medical/i, "护理 卫生"],
  [/tourism/i, "旅游"],
  [/funding|finance|financial|money|budget/i, "经费 资金"],
  [/cases?\s+stud(?:y|ies)|cases?|examples?/i, "案例"],
];

/**
 * The Chinese search terms for the English words in a query ("" when there are none).
 * @example translateQuery("Jiangmen labor education case") // "劳动教育 案例"
 */
export function translateQuery(query: string): string {
  if (!/[a-z]{3,}/i.test(query)) return "";
  const terms: string[] = [];
  let rest = query;
  for (const [pattern, zh] of GLOSSARY) {
    if (pattern.test(rest)) {
      terms.push(zh);
      rest = rest.replace(new RegExp(pattern.source, "gi"), " ");
    }
  }
  return terms.join(" ");
}
