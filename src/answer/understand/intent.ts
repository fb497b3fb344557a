import type { Intent } from "../../types.js";
import { placeAt } from "../../places/gazetteer.js";
import { normalizeQuestion } from "../../text/normalize.js";
import { CHANGE_VERB_SOURCE, STANDARD_TABLE_SHORT_SOURCE, STANDARD_TABLE_SOURCE } from "../../text/vocabulary.js";

/**
 * What kind of answer a question wants: a figure, a comparison, a change, a ranking, case
 * studies, passages, a whole table, help, or nothing we can serve (noise). Chinese and English.
 */

/** What the other understanding steps found, which the wording alone cannot tell. */
export interface IntentInfo {
  /** Report entities named (count each report once). */
  entityCount: number;
  /** Years asked about. */
  yearCount: number;
  /** Whether an indicator (升学人数, 生师比…) was recognised. */
  hasIndicator: boolean;
}

/** The intent and what goes with it. */
export interface DetectedIntent {
  intent: Intent;
  /** True for "case": search case studies only. */
  casesOnly: boolean;
  /** The table words as the question writes them ("教学资源表", "计分卡", "表6"), for a figure or a table request; null when none. */
  tableRequested: string | null;
}

// ---- cue words, each list longest-first where one contains another

const GREETING = /^(?:你好|您好|嗨|哈喽|哈啰|hi|hello|hey|早上好|晚上好|下午好)[\s,，!！。.~～]*/i;
const HELP =
  /帮助|怎么用|如何使用|怎么使用|使用说明|用法|你能做什么|你会什么|能做什么|可以做什么|你是谁|有什么功能|能问什么|可以问什么|怎么问|^\/?(?:start|help)\b|\bhelp\b|how (?:do|can|should) i use|what can you do|how does this work|^菜单$|^menu$|^说明$|^功能$/i;

const CASE = /案例|典型|case\s*stud|\bcases?\b|\bexamples?\b/i;

const RANK =
  /(?:哪个|哪所|哪家|哪一个|哪一所|哪一家|哪座|哪里|哪些|谁).{0,24}?最(?:多|高|少|低|大|小|好|强|差|快|慢)|最(?:多|高|少|低|大|小|好|强|差)的?(?:是|为)?(?:哪|谁)|排名|排行|排序|排第几|名列|前[三五十]名|\btop\s*\d|\bwhich\b.*\b(?:most|highest|lowest|least|largest|smallest|best|worst|biggest|top)\b|\brank(?:s|ed|ing)?\b/i;
/** A ranking of two named entities is a comparison of them; these words keep it a ranking. */
const RANK_ALWAYS = /排名|排行|排序|排第几|\brank(?:s|ed|ing)?\b/i;

const CHANGE = new RegExp(
  `变化|变动|${CHANGE_VERB_SOURCE}|增幅|降幅|增速|增减|涨|跌|同比|环比|比上年|比去年|较上年|较去年|多了多少|少了多少|趋势|\\bchang(?:e|ed|es|ing)\\b|\\bgr[eo]w(?:th|n|s)?\\b|\\bincreas|\\bdecreas|\\bdeclin|\\bdrop(?:ped)?\\b|\\brise\\b|\\brose\\b|\\bfell\\b|\\btrend`,
  "i",
);

const COMPARE =
  /对比|比较|比一下|比比|相比|比起|比对|差距|差异|区别|差别|分别|各是|各自|哪个高|哪个多|哪个大|哪个低|哪个少|谁高|谁多|谁大|\bvs\.?(?=\s|\d|$)|\bversus\b|\bcompar|\bdifference\b|\bbetween\b/i;

const FIGURE = /多少|几(?!乎|何时)|多大|多高|多长|多重|百分之几|占比多|how many|how much|number of|\bcount\b/i;

/** Asking for an account rather than a number, even where an indicator is named. (情况, 怎么样 and 什么 ask for a passage only when no indicator was found: 升学情况 wants the figures.) */
const PASSAGE =
  /怎么回事|做法|措施|举措|挑战|经验|哪些|介绍|怎么做|如何做|怎样做|怎么开展|如何开展|成效|亮点|特色|故事|事迹|的事|为什么|原因|\babout\b|\bdescribe\b|\bexplain\b|\bwhat did\b|\bwhy\b|\btell me\b/i;

/** Words that make a question about vocational education, even with no name, year or indicator in it. */
const DOMAIN =
  /职教|职业|中职|高职|学校|学生|教师|老师|专业|课程|实训|就业|升学|招生|毕业|培训|技能|大赛|比赛|竞赛|校企|产教|思政|德育|劳动|资助|经费|报告|满意度|质量|教学|校园|宿舍|非遗|工匠|技师|技工|实习|党建|双师|在校生|学校|school|student|teacher|graduat|enrol|vocational|education|report|income|salary|ratio/i;

const SHOW = /看|查看|显示|列出|展示|打开|调出|给我|发我|发一下|来一份|出示|\bshow\b|\bdisplay\b|\blist\b|\bopen\b|\bview\b|\bsee\b|\bgive me\b|\bprint\b/i;

/** The six standard appendix tables and the short names people use for them. */
const STANDARD_TABLE = new RegExp(`${STANDARD_TABLE_SOURCE}|${STANDARD_TABLE_SHORT_SOURCE}`);
const ENGLISH_TABLE: [RegExp, string][] = [
  [/\bscore\s*card\b/i, "计分卡"],
  [/\bteaching resources?\s+table\b/i, "教学资源表"],
  [/\bsatisfaction(?:\s+survey)?\s+table\b/i, "满意度调查表"],
  [/\bservice contribution\s+table\b/i, "服务贡献表"],
  [/\binternational influence\s+table\b/i, "国际影响表"],
  [/\bpolicy(?: implementation)?\s+table\b/i, "落实政策表"],
];
const NUMBERED_TABLE = /(?<![代发外仪课时程日报图列])附?表\s*([0-9一二三四五六七八九十]+(?:\s*[-—－.]\s*[0-9]+)?)/;
const ENGLISH_NUMBERED = /\btable\s*(\d+(?:\s*[-.]\s*\d+)?)\b/i;
const TITLED_TABLE = /(?:一览表|情况表|统计表|对比表|比较表|汇总表|明细表|分布表|调查表|规模表|登记表|信息表)/;
const TITLE_STOP = /[的年里中在看查示出开下个张份把将和与及、，,。？?！!：:（(）)“”"'\s\d\w]/;
/** Asking which tables there are, with no table named. */
const TABLE_LIST = /(?:哪些|什么|所有|全部|几张|几个)(?:表|表格)|表格?(?:有哪些|列表|清单)|\btables\b|\blist of tables\b/i;
/** What may follow the table words when the whole table is wanted ("看看乐山的计分卡吧"). */
const TABLE_TAIL = /^(?:的?(?:全部|完整|所有)?(?:数据|内容|全表|表格)?|给我看看|看看|看一下|吧|呢|吗|啊)*[\s。.!！?？]*$/;

/** Finds the table words and where they end, or null. */
function findTable(q: string): { words: string; end: number } | null {
  const std = STANDARD_TABLE.exec(q);
  if (std) return { words: std[0], end: std.index + std[0].length };
  for (const [re, words] of ENGLISH_TABLE) {
    const m = re.exec(q);
    if (m) return { words, end: m.index + m[0].length };
  }
  const num = NUMBERED_TABLE.exec(q) ?? ENGLISH_NUMBERED.exec(q);
  if (num) {
    const prefix = num[0].startsWith("附") ? "附表" : "表";
    return { words: prefix + num[1]!.replace(/\s+/g, ""), end: num.index + num[0].length };
  }
  const titled = TITLED_TABLE.exec(q);
  if (titled) {
    let start = titled.index;
    while (start > 0 && titled.index - start < 12 && !TITLE_STOP.test(q[start - 1]!)) start--;
    // A leading place name is the report, not the table: 乐山学生资助情况表 → 学生资助情况表.
    const place = placeAt(q, start);
    if (place && start + place.form.length < titled.index) start += place.form.length;
    return { words: q.slice(start, titled.index + titled[0].length), end: titled.index + titled[0].length };
  }
  return null;
}

/**
 * Decides what a question asks for, from its wording plus what the entity, year and indicator
 * steps found. First match wins:
 *
 * 1. help: empty, a greeting alone, or 帮助/怎么用/help/what can you do with no report or indicator.
 * 2. unknown: no report, no indicator and nothing about vocational education (asdf, 今天天气怎么样).
 * 3. case: 案例, 典型, "case study" (`casesOnly`).
 * 4. table: table words (计分卡, 教学资源表, 表6, 学生资助情况表) with no indicator, or a show verb
 *    with the table words at the end; "哪些表" lists tables. A table named while asking for a row
 *    ("教学资源表里的生师比是多少") stays a figure, with `tableRequested` set.
 * 5. rank: 哪个…最多/最高, 排名, 排行, "which … highest" (between exactly two named entities and
 *    without 排名: compare).
 * 6. passage, when asking how or why rather than how much: 怎么回事, 哪些, 做法, 措施, 挑战, 介绍,
 *    原因, about, why (提高升学率有哪些措施 is a passage, not a change).
 * 7. change: 变化, 增长, 下降, 增加了多少, change, grew (with two or more entities and a compare
 *    word: compare).
 * 8. compare: 对比, 比较, 比一下, 分别, vs; or two or more entities; or two or more years with an
 *    indicator or 多少.
 * 9. figure: 多少, 几, how many, how much.
 * 10. figure when an indicator was recognised; passage otherwise (情况, 什么 with no indicator).
 *
 * @example detectIntent("乐山2024年毕业生升学人数", { entityCount: 1, yearCount: 1, hasIndicator: true }) // { intent: "figure", casesOnly: false, tableRequested: null }
 * @example detectIntent("乐山关于职普融通的典型案例有哪些", { entityCount: 1, yearCount: 0, hasIndicator: false }) // { intent: "case", casesOnly: true, tableRequested: null }
 */
export function detectIntent(question: string, info: IntentInfo): DetectedIntent {
  const q = normalizeQuestion(question).trim();
  const table = findTable(q);
  const tableRequested = table?.words ?? null;
  const result = (intent: Intent): DetectedIntent => ({ intent, casesOnly: intent === "case", tableRequested });

  const core = q.replace(GREETING, "").replace(/^[\s,，.。!！?？~～…]+|[\s,，.。!！?？~～…]+$/g, "");
  // Nothing typed, a greeting or a lone "?" asks how to use the bot; other punctuation is noise.
  if (core === "") return result(q === "" || GREETING.test(q) || /[?？]/.test(q) ? "help" : "unknown");
  const named = info.entityCount > 0 || info.hasIndicator;
  if (HELP.test(core) && !named) return result("help");
  if (!named && !DOMAIN.test(core) && !CASE.test(core) && !table && !TABLE_LIST.test(core)) return result("unknown");

  if (CASE.test(core)) return result("case");

  const figureCue = FIGURE.test(core);
  if (!figureCue) {
    if (table && (!info.hasIndicator || (SHOW.test(core) && TABLE_TAIL.test(q.slice(table.end))))) return result("table");
    if (!table && TABLE_LIST.test(core) && !info.hasIndicator) return result("table");
  }

  const compareCue = COMPARE.test(core);
  if (RANK.test(core)) {
    if (info.entityCount === 2 && !RANK_ALWAYS.test(core)) return result("compare");
    return result("rank");
  }
  // 提高升学率有哪些措施 asks how, not how much: an account wins over change and compare words.
  if (PASSAGE.test(core) && !figureCue) return result("passage");
  if (CHANGE.test(core) && !(compareCue && info.entityCount >= 2)) return result("change");
  if (compareCue || info.entityCount >= 2 || (info.yearCount >= 2 && (info.hasIndicator || figureCue))) return result("compare");
  if (figureCue) return result("figure");
  return result(info.hasIndicator ? "figure" : "passage");
}
