/**
 * The indicator label of a figure in running text: the phrase right before the number, with
 * subject and time words (`2024年`, `全市`, `区域内中职学校`, `其中`) and linking verbs
 * (`为`, `达到`, `共有`) taken off. A label that cannot be read with confidence is rejected:
 * a figure without a clear label is never stated.
 */
import { CHANGE_VERB_SOURCE } from "../../text/vocabulary.js";

/** A label as read from the text before a figure. */
export interface LabelReading {
  label: string;
  /** `占专任教师比例` is relative to the figure before it; `较上年度增加` is a change of it. */
  kind: "plain" | "relative" | "change";
  /** `约2.53万人`, `近1万人`, `超过90%`: the word that makes the figure approximate or a bound, printed before it. */
  qualifier?: string;
}

/** Subject and time words a label starts with; they say who or when, not what. */
const LEADING =
  /^(?:[，,、：:；;（(\s]|(?:市内|区内|县内|州内)(?:中等职业学校|中职学校|职业院校|职业学校)|[一二三四五六七八九十]是|各中职学校|各中等职业学校|各职业院校|各学校|(?:全市|全区|全县|全省|全州|全盟|全旗|本市|我市|我区|本区|区域内|辖区内|区域|县域内|各地各校|各地|各校)(?:的)?(?:中等职业学校|中职学校|职业院校|职业学校)?|(?:学校|该校|本校|全校)(?:共有|共计|共|现有|有)?|其中|另外|此外|同时|目前|现有|截至|截止|本学年度|本年度|本学年|上学年度|上年度|含|累计|上一年度|今年|全年|年内|当年|近年来|包括|以及|通过|并且|并|且|及(?!格)|和|而|还|共有|共计|拥有|现有|(?:调研|调查)?结果显示|显示|表明|共(?![有计青建享同])|有(?![效关序力所的])(?=[\u4e00-\u9fff]{2}))/;
/** Linking verbs a label ends with before its number. */
const TRAILING = /(?:为|达到了|达到|达|是|共计|共有|共|计|合计|总计|累计|已|高达|仅为|增至|降至|提高到|提高至|提升至|提升到|增加到|有|了|：|:|\s)$/;
/** Endings that make the figure a bound, not a value (`不少于2000元`, `至少3人`, `不足50%`): no fact. */
const BOUND = /(?:不少于|不低于|最低|以上|以下|至少|不足|不到)$/;
/** Words before a figure that make it approximate or a bound, kept with it as printed (`约2.53万人`, `近1万人`, `超过90%`). */
const QUALIFIER = /(?:大约|约为|约有|约|接近|将近|近|超过|超|逾|多达)$/;
/** A comparison base: `较上年度`, `比2021年`, `同比`, `与去年相比`. */
const BASE = "(?:上一?年度?|上年同期|去年同期|去年|上一学年|前一?年|上届|第[一二三四五六七八九十]+届|20\\d{2}\\s*(?:年度|学年|年)?)";
const COMPARISON = new RegExp(`(?:较|同比|相比)(?:于)?${BASE}?|比${BASE}|与${BASE}相比`, "g");
/** A change verb, alone once the comparison base is gone. */
const CHANGE_ONLY = new RegExp(`^(?:${CHANGE_VERB_SOURCE}|增幅|降幅|增|减)了?$`);
const CHANGE_END = new RegExp(`${CHANGE_VERB_SOURCE}了?$`);
/** Words that alone say nothing about what was counted. */
const STOP = new Set([
  "生均",
  "人均",
  "可容纳",
  "容纳",
  "省级",
  "市级",
  "国家级",
  "校级",
  "区级",
  "县级",
  "实现",
  "完成",
  "达到",
  "覆盖",
  "占",
  "其中",
  "包括",
  "累计",
  "合计",
  "总计",
  "共计",
  "新增",
  "获得",
  "获",
  "开展",
  "举办",
  "参加",
  "共有",
  "现有",
  "拥有",
  "分别",
  "人数",
  "数量",
  "总数",
  "合计数",
  "比例",
  "比率",
  "比重",
  "约占",
  "总量",
  "总额",
  "规模",
  "学生",
  "共",
  "有",
]);
/** Openings of a phrase that is an adverbial, not an indicator (`按参加决赛选手人数的`). */
const BAD_START = /^(?:从|为(?!期)|按|按照|根据|依据|向|于|由|将|把|被|以|为了|经过|随着|当|自(?![主治费筹有身愿])|在(?!校|职|岗|线|读|编|建|研|籍)|对(?!口|外))/;
/** Lists, ranges and targets: not one value (`培训任务`). (A multi-year total is read under its scope: textFacts.ts.) */
const BAD_ANYWHERE = /分别|从.*(?:到|至)|其中|等等|任务|目标/;

/**
 * Reads a label from the text between the clause start (or the previous figure) and a number.
 * Returns null when the text ends in a bound (`超过`, `近`): the figure is not a value.
 *
 * @example readLabel("2024年中职招生") // { label: "中职招生", kind: "plain" }
 * @example readLabel("较上年度增加") // { label: "增加", kind: "change" }
 */
export function readLabel(text: string, entity = ""): LabelReading | null {
  let s = text.replace(/\s+/g, "");
  // A total over several years is no year's value (`近三年来合计培训人数1585人`).
  if (/近\s*[二两三四五六七八九十几\d]+\s*年|至今|历年/.test(s)) return null;
  // `从职业技术本科大学引进专业教师`: where from is no part of what was counted; the verb and its object are.
  s = s.replace(/^(?:从|自)[\u4e00-\u9fff“”]{2,20}?(?=引进|招聘|录用|选聘|聘请|调入)/, "");
  // The report's own entity is the subject of every figure, not part of a label (`江门市毕业学生`).
  if (entity.length >= 2 && s.startsWith(entity)) s = s.slice(entity.length);
  const short = entity.replace(/(?:市|区|县)$/, "");
  // Its short name too (`乐山中考考生`), unless what follows names a school of its own (`江门一职`, `遂宁职校`).
  if (short.length >= 2 && s.startsWith(short) && /^[\u4e00-\u9fff]{2}/.test(s.slice(short.length)) && !/^(?:[一二三四五六七八九十]职|职|技|卫|市|区|县|高)/.test(s.slice(short.length)))
    s = s.slice(short.length);
  // A comparison base goes first (`较2023年`), then what precedes the last year or date:
  // the rest is what the figure measures (`区域内中职学校2024年总收入`).
  const hadComparison = COMPARISON.test(s);
  COMPARISON.lastIndex = 0;
  if (hadComparison) s = s.replace(COMPARISON, "");
  const afterYear = /.*\d{4}\s*(?:年度|学年|年)(?:\d{1,2}月(?:\d{1,2}日)?)?(?:上午|下午|底|末|初)?/.exec(s);
  // …unless nothing follows the year: `在校生2022年4800人` names what it measures before it.
  if (afterYear) s = s.length > afterYear[0].length ? s.slice(afterYear[0].length) : s.replace(/\d{4}\s*(?:年度|学年|年)$/, "");
  if (BOUND.test(s)) return null;
  // The qualifier is taken off the label and kept: the figure is never stated as exact.
  let qualifier: string | undefined;
  const q1 = QUALIFIER.exec(s.replace(/(?:为|是|达到了|达到|达|有|了|共)$/, ""));
  if (q1) {
    qualifier = q1[0].replace(/^约[为有]$|^大约$/, "约");
    s = s.slice(0, q1.index);
  }
  for (let k = 0; k < 6 && LEADING.test(s); k++) s = s.replace(LEADING, "");
  // `中职学校共有校内专任教师`: what is counted follows 共有.
  const restart = /^.+?(?:共有|共计|合计|总计|现有)(?=.)/.exec(s);
  if (restart) s = s.slice(restart[0].length);
  for (let k = 0; k < 4 && TRAILING.test(s); k++) s = s.replace(TRAILING, "");
  if (BOUND.test(s)) return null;
  for (let k = 0; k < 4 && TRAILING.test(s); k++) s = s.replace(TRAILING, "");
  if (!qualifier) {
    const q2 = QUALIFIER.exec(s);
    if (q2) {
      qualifier = q2[0].replace(/^约[为有]$|^大约$/, "约");
      s = s.slice(0, q2.index);
      for (let k = 0; k < 4 && TRAILING.test(s); k++) s = s.replace(TRAILING, "");
    }
  }
  const q = qualifier ? { qualifier } : {};
  if (CHANGE_ONLY.test(s)) return { label: s.replace(/了$/, ""), kind: "change", ...q };
  // `专任教师本科以上学历占98.67%`: a share printed without 比.
  if (/[^占]占$/.test(s)) s += "比";
  // `占专任教师的44.60%`, `占全部在校生的41.2%`: the share of what, as a 比例.
  // (Not after a bare total, `合计占投入经费的20.92%`: a share of a list, whose parts went before.)
  if (!/^(?:合计|共计|总计|共|累计|总体|整体)占/.test(s)) s = s.replace(/(占(?!地)[\u4e00-\u9fff“”]{2,12}?)(?:总数|总量)?的$/, "$1比例");
  if (/^约?占(?!地)/.test(s)) return { label: s.replace(/^约/, ""), kind: "relative", ...(qualifier || s.startsWith("约") ? { qualifier: qualifier ?? "约" } : {}) };
  return { label: s, kind: "plain", ...q };
}

/** The base of a label: `本科上线增加` → `本科上线` (for the change figure after it). */
export function labelBase(label: string): string {
  return label.replace(CHANGE_END, "");
}

/**
 * True when a label is short and specific enough to state a figure under it: 2–20 characters,
 * at least two Chinese characters, no stray digits (digits inside quotes such as `“9+3”` are
 * part of a name), not a bare verb, not an adverbial phrase.
 */
export function isUsableLabel(label: string): boolean {
  if (label.length < 2 || label.length > 20) return false;
  if ((label.match(/[\u4e00-\u9fff]/g)?.length ?? 0) < 2) return false;
  const unquoted = label.replace(/[“"＂「『][^”"＂」』]*[”"＂」』]/g, "");
  if (/\d/.test(unquoted)) return false;
  if (STOP.has(label)) return false;
  // `人数比2023年增加近50%`: a measure word with no subject before it says nothing of what was counted;
  // nor does a bare sum (`金额8000余元`, `资金`).
  if (/^(?:人数|数量|总数|比例|规模)/.test(label) || /^(?:金额|总额|数额|资金|费用|总计|合计)$/.test(label)) return false;
  // `二等奖2项` says nothing without the contest (see contestOf); such counts are left to the text.
  if (/(?:[一二三]等奖|特等奖|金奖|银奖|铜奖|优秀奖)$/.test(label) && !/赛|节|评选|评比|展演|大会/.test(label)) return false;
  if (BAD_START.test(label) || BAD_ANYWHERE.test(label)) return false;
  if (/(?:的|和|与|及|或|、|，|“|（|\()$/.test(label)) return false;
  // Unbalanced quotes or brackets mean the phrase was cut in the middle.
  if ((label.match(/[“]/g)?.length ?? 0) !== (label.match(/[”]/g)?.length ?? 0)) return false;
  if ((label.match(/[（(]/g)?.length ?? 0) !== (label.match(/[）)]/g)?.length ?? 0)) return false;
  return true;
}

/**
 * The contest a clause names for its awards (`在省级职业院校技能大赛中获得`, `在全国职业院校技能大赛上荣获一等奖`):
 * the contest, and the award after the verb ("" when the count comes before it: `获得5个一等奖`).
 *
 * @example contestOf("学校学生在省级技能大赛中获得") // { contest: "省级技能大赛", award: "" }
 */
export function contestOf(text: string): { contest: string; award: string } | null {
  const m = /在([\u4e00-\u9fff“”]{2,24}?(?:赛|竞赛|大赛|比赛|评选|评比|展演|联赛|活动))(?:中|上|里)[，,]?(?:共|先后|累计|均|分别)?(?:获得|荣获|获|取得|斩获|摘得)了?([\u4e00-\u9fff]{0,8})$/.exec(
    text.replace(/\s+/g, ""),
  );
  return m ? { contest: m[1]!, award: m[2]! } : null;
}
