/**
 * Figures that stand only in running text (`2022年，全市共7535名毕业生`, `生均拨款23207元`),
 * read as Facts so a question about them can be answered with a citation.
 *
 * Precision comes before recall: a wrong figure is the worst answer this product can give.
 * A number becomes a fact only when it has a unit (or is a ratio), is not an approximation or a
 * bound (`2500余人`, `超过90%`), is not a date, ordinal, code or range, and has a short label
 * read from the words right before it (./textFacts/labels.ts). Case studies are skipped: their
 * figures describe one school or event, and would be mistaken for the report's own.
 */

import type { Fact, Passage } from "../types.js";
import { cleanText } from "./clean.js";
import { contestOf, isUsableLabel, labelBase, readLabel } from "./textFacts/labels.js";
import { readFigure, yearMentions } from "./textFacts/numbers.js";
import { GENERIC_LABELS, lacksListHead, namedSubject, NARROW_TOPIC, narrowingPlace } from "./textFacts/scope.js";
import { lineAt, maskedRanges, sentences, yearFor, yearInfos, type YearInfo } from "./textFacts/sentences.js";
import { CHANGE_VERB_SOURCE } from "../text/vocabulary.js";

/** Report context a text fact needs. */
export interface TextFactMeta {
  entity: string;
  report: string;
  /** Year for a figure whose sentence names none (the report's latest data year). */
  defaultYear: number | null;
  /** Raw lines of the report; when given, every fact's line is checked to hold its digits. */
  lines?: string[];
  /** Told of a paragraph whose figures could not be read (default: nowhere). */
  warn?: (line: number, message: string) => void;
}

/** Words after a figure that make it an attribute of the next noun (`97人的队伍`) or part of a date. */
const DATE_AFTER = /^\s*(?:月|日|号|时|点|分钟|秒钟|级|届|周年|年|学年|世纪|多年|岁)/;
/** Minutes and seconds of a time (`9时30分`): 分 after anything else is a score (`693分`). */
const TIME_AFTER = /^\s*[分秒]/;
/** A noun right after a figure's unit, up to the clause end: `全市共7535名毕业生，`. */
const NOUN_AFTER = /^([\u4e00-\u9fff“”]{1,8})(?=[，,。；;！？）)]|$)/;
/** The same, where a verb or a contest before the figure says a list of counts follows (`获得5个一等奖、9个二等奖`). */
const NOUN_IN_LIST = /^([\u4e00-\u9fff“”]{1,8})(?=[，,。；;！？）)、]|$)/;
/** Verbs whose object is the noun after the figure: `新增20个紧缺专业` → 新增紧缺专业. */
const VERB_BEFORE_NOUN = /^(?:新增|新设|新建|建成|组建|共建|开设|开发|建设|培养|引进|选出|评出|立项|优化调整|调整|淘汰|撤销|停招|荣获|获得|发展|帮带|派驻|设立|创建|出版|编写|建有)$/;
/** A verb then a list of examples (`开设机电技术应用、会计事务等`): the figure after counts what the verb did. */
const VERB_THEN_EXAMPLES = new RegExp(`(${VERB_BEFORE_NOUN.source.slice(4, -2)})[^，,；;。]*等$`);
/** `招生、在校生、毕业生分别为`: the items a run of figures after it stands for, in order, and a change verb if any. */
const RESPECTIVELY = /^(.*?[\u4e00-\u9fff])分别(?:为|是|达到|达|有|(?:比|较)(?:上一?年度?|去年|20\d{2}年)((?:增加|减少|提高|下降|增长|降低|提升)了?))?$/;
/** The words before a from-value: `升学率从2021年的`, `由` (the label, the year it is of). */
const FROM_START = /^[，,\s]*(.*?[\u4e00-\u9fff])(?:从|由)(?:((?:19|20)\d{2})\s*(?:年度|学年|年)的?)?$/;
/** A change verb into its new value: `提高到`, `增至`, `拓展至`. */
const TO_VERB = "(?:(?:提高|提升|增加|增长|上升|下降|降低|减少|扩大|拓展|扩展|发展)(?:到|至)|增至|降至|升至|减至)";
/**
 * The words before a to-value: `升学率从2021年的78%提高到`, `由1个拓展至`, `…提高到2024年的` (the label, and
 * the to-year when one is named).
 */
const TO_END = new RegExp(
  `^[，,\\s]*(.*?[\\u4e00-\\u9fff])(?:从|由)(?:(?:19|20)\\d{2}\\s*(?:年度|学年|年)的?)?\\d+(?:\\.\\d+)?\\s*[^\\d，,；;。]{0,5}?${TO_VERB}(?:((?:19|20)\\d{2})\\s*(?:年度|学年|年)的?)?$`,
);

/** A label ending in a change verb (`全日制在校生数增加`) is a change, not a stock. */
const CHANGE_END_RE = new RegExp(`${CHANGE_VERB_SOURCE}$`);

/** Units that count people. */
const PEOPLE = /^(?:人|名|人次)$/;
/** After a count of people, what they got or did, to the clause end: `学子获得国家奖学金`, `学生参加技能大赛`. */
const ACT_AFTER = /^[\u4e00-\u9fff]{1,4}?(获得|荣获|获|取得|考取|享受|领取|参加|参与|通过)([\u4e00-\u9fff“”]{2,12}?)(?=共|[，,。；;！？]|$)/;
/** `…693分的成绩`, `…的好成绩`: the figure is a score, its label is before it. */
const SCORE_AFTER = /^的(?:优异|好)?成绩/;

/**
 * The words that narrow a clause group to part of the population (NARROW_TOPIC), as a label's prefix:
 * a quoted programme name if there is one (“9+3”), else the narrowing words in order (民办, 藏彝),
 * else a county the group is about that is not the report's own (美姑).
 */
function narrowingWords(group: string, entity: string): string {
  const found = [...group.matchAll(new RegExp(NARROW_TOPIC.source, "g"))].map((m) => m[0]);
  const quoted = found.find((w) => w.startsWith("“"));
  return quoted ?? ([...new Set(found)].join("") || narrowingPlace(group, entity) || "");
}

/**
 * Reads the figures of a report's running text as Facts (`source: "text"`, `table: null`).
 * Only paragraph passages outside case studies are read. `value` applies 万/亿 to counts
 * (`1.26万人` → 12600) and keeps money in its printed unit (`9448.26万元` → 9448.26, unit 万元);
 * `raw` is the figure as printed. `line` is the raw line that holds the digits.
 *
 * @example extractTextFacts(passages, { entity: "吕梁市", report: "lvliang-2023.txt", defaultYear: 2022 })
 *   // includes { indicator: "毕业生", value: 7535, unit: "人", year: 2022, line: 144, … }
 */
export function extractTextFacts(passages: Passage[], meta: TextFactMeta): Fact[] {
  const facts: Fact[] = [];
  const ids = new Set<string>();
  const cases = passages.filter((p) => p.kind === "case");
  for (const p of passages) {
    if (p.kind !== "paragraph") continue;
    if (cases.some((c) => p.line >= c.line && p.line <= c.endLine)) continue;
    try {
      for (const f of paragraphFacts(p, meta)) {
        if (ids.has(f.id)) continue;
        ids.add(f.id);
        facts.push(f);
      }
    } catch (err) {
      // A paragraph that cannot be read yields no figures; the others still do, and the index says so.
      meta.warn?.(p.line, `the figures of the paragraph at line ${p.line} could not be read (${(err as Error).message}); it is searched as text only`);
    }
  }
  return facts;
}

/** Multi-year words (`近三年`, `近年来`, `累计`, `历年`, `至今`): figures after them are totals over years. */
const CUMULATIVE = /近\s*([二两三四五六七八九十几\d]+)\s*年来?|近年来|累计|历年|至今/g;
/**
 * 截至 with 共 or 已 after it (`截至2024年，…已招收8届共857名`) counts up to a date, but over what is left
 * unsaid: no figure of it is read. Without them it dates a stock (`截至2024年底有14所`).
 */
const UP_TO_DATE = /(?:截至|截止)(?=[^；;。]*?(?:共|已))/g;

/** Where a sentence speaks of several years at once, with the scope word its figures are labelled with (null: unreadable). */
function cumulativeMarks(s: string): { at: number; scope: string | null }[] {
  const marks = [...s.matchAll(CUMULATIVE)].map((m) => ({ at: m.index ?? 0, scope: m[1] ? `近${m[1]}年` : m[0] === "近年来" ? "近年来" : "累计" }));
  const dates = [...s.matchAll(UP_TO_DATE)].map((m) => ({ at: m.index ?? 0, scope: null }));
  return [...dates, ...marks].sort((a, b) => a.at - b.at);
}

/** The label text without its multi-year words, which the scope prefix says (`近三年，学校累计开展社会培训` → `学校开展社会培训`). */
function withoutCumulative(text: string): string {
  return text.replace(new RegExp(CUMULATIVE.source, "g"), "");
}

/** The year before the report's (`上年度全区…招收2864人`), unless it is a comparison base (`较上年度`, `比上年`). */
const LAST_YEAR = /(?<![较比与])(?:上一?年度|上一学年|上学年|去年)(?!同期|相比)/;

/** Words of a target or plan: what a sentence after them counts is not done yet (力争, 预计, 计划到2026年). */
const TARGET = /力争|争取|预计|目标|计划(?:到|至|于)|拟(?!招)|将(?=[^，,。；;]{0,8}(?:达到|建成|实现|突破|新增|完成))/g;

/** Where a sentence turns to a target: its target words, and a year after 到/至 later than the report's data. */
function targetMarks(s: string, years: YearInfo[], defaultYear: number | null): number[] {
  const marks = [...s.matchAll(TARGET)].map((m) => m.index ?? 0);
  for (const y of years) if (y.future && defaultYear !== null && y.year > defaultYear) marks.push(y.start);
  return marks;
}

/** What the digits before the current figure were: it decides whether the words between can be a label. */
type Prev = "none" | "fact" | "year" | "date" | "code" | "failed" | "approx";

function paragraphFacts(p: Passage, meta: TextFactMeta): Fact[] {
  const out: Fact[] = [];
  let previousSentence = "";
  for (const sent of sentences(p.text)) {
    const s = sent.text;
    // The sentence before sets the scene (`在…技能大赛中，学校学生表现优异。并以团体总分693分…`).
    const sceneBefore = previousSentence;
    previousSentence = s;
    const masks = maskedRanges(s);
    const years = yearInfos(s, yearMentions(s.replace(/《[^》]*》/g, (x) => "＃".repeat(x.length))));
    // Where the clause and the `；` group around each offset start, found in one pass: a long
    // paragraph must not be rescanned for every figure.
    const clauseFrom = new Int32Array(s.length + 1);
    const groupFrom = new Int32Array(s.length + 1);
    for (let i = 0, c = 0, g = 0; i <= s.length; i++) {
      clauseFrom[i] = c;
      groupFrom[i] = g;
      if (i === s.length) break;
      if ("，,：:；;".includes(s[i])) c = i + 1;
      if ("；;".includes(s[i])) g = i + 1;
    }
    const cumulativeAt = cumulativeMarks(s);
    const targetAt = targetMarks(s, years, meta.defaultYear);
    let segmentStart = 0;
    let subject = namedSubject(s, meta.entity);
    let prevBase: string | null = null;
    // The first figure of a clause group: what its headline figures are about.
    let topic: { label: string } | null = null;
    let prevEnd = 0;
    // Where the words scoping the next figure start: the group's start, or the end of the last fact read in it.
    let scopeFrom = 0;
    let prev: Prev = "none";
    // The contest the group's awards are from, and the items a 分别 run stands for.
    let contest: string | null = null;
    let respectively: { items: string[]; verb: string; next: number } | null = null;
    // Read through a call: \`prev\` also changes inside \`fail\`, which narrowing does not see.
    const prevIs = (...kinds: Prev[]): boolean => kinds.includes(prev);
    const digits = /\d+(?:\.\d+)?/g;
    let m: RegExpExecArray | null;
    while ((m = digits.exec(s))) {
      const at = m.index;
      if (at < prevEnd) continue;
      // A new clause group (after ；) has its own subject; a relative figure does not reach back over it.
      if (groupFrom[at] > segmentStart) {
        segmentStart = groupFrom[at];
        scopeFrom = segmentStart;
        subject = namedSubject(s.slice(segmentStart), meta.entity);
        prevBase = null;
        topic = null;
        contest = null;
        respectively = null;
      }
      const runEnd = at + m[0].length;
      const year = years.find((y) => y.start === at);
      if (year) {
        // A comparison base stays in the label text (`本地就业率较2023年上升`), where it is read as such.
        if (!year.comparison) {
          prevEnd = year.end;
          prev = "year";
        }
        digits.lastIndex = year.end;
        continue;
      }
      // Digits inside a quoted name (`“9+3”`, `《…2023—2025年…》`) are no figure; the name stays in the label.
      const mask = masks.find(([a, b]) => at >= a && at < b);
      if (mask) {
        digits.lastIndex = mask[1];
        continue;
      }
      const before = s.slice(Math.max(0, at - 2), at);
      const after = s.slice(runEnd, runEnd + 4);
      const date = DATE_AFTER.exec(after) ?? (prevIs("date") ? TIME_AFTER.exec(after) : null);
      if (date) {
        prevEnd = runEnd + date[0].length;
        prev = "date";
        continue;
      }
      // Codes, ranges, formulas, ordinals, list numbers: `0833-2433301`, `3+2`, `4.15`, `第3次`, `前10强`, `1.`.
      if (/[\d.\-－—~～/:：+＋A-Za-z#]$/.test(before) || /^\s*(?:[-－—~～/]\s*\d|[+＋])/.test(after) || /^[.．、](?!\d)/.test(after) || /(?:第|前|后)$/.test(before)) {
        prevEnd = runEnd;
        prev = "code";
        prevBase = null;
        continue;
      }
      const fail = (end: number) => {
        prevEnd = end;
        prev = "failed";
        prevBase = null;
      };
      // Brackets do not end a clause: `专业（含专业方向）布点148个` is one label.
      const clauseStart = Math.max(segmentStart, clauseFrom[at]);
      const labelStart = Math.max(clauseStart, prevEnd);
      let labelText = s.slice(labelStart, at);
      // Words glued to skipped digits belong to them (`全球前10强光伏企业`, `25个团队75人`), unless a
      // total restarts the phrase (`17所中职学校共有校内专任教师1886人`) or it reads as a phrase of its own.
      const glued = labelStart === prevEnd && !/^[、，,；;（(\s]/.test(labelText) && !/共有|共计|合计|总计|现有/.test(labelText);
      // `66个工种共培训6659人`: after a figure not read, 共 starts what this one counts.
      const restart = glued && prevIs("failed") ? labelText.search(/(?<!公)共(?![有计青建享同性])/) : -1;
      if (restart >= 0) labelText = labelText.slice(restart + 1);
      const tainted = glued && restart < 0 && (prevIs("code", "fact") || (prevIs("failed", "approx") && (labelText.length <= 3 || labelText.includes("、") || /^[中内里外]/.test(labelText))));
      // `…20余项（含一等奖2项）`: a part of an approximate figure has lost what it is part of.
      const orphan = prevIs("approx") && /^[，,（(\s]*(?:其中|含|包括)/.test(labelText);
      // A total over years or up to a date is no one year's value (`近三年…共优化调整47个专业`, `截至2024年…共857名`).
      // A target or plan (`力争到2027年建成…5个`) is no figure of what was done.
      if (targetAt.some((k) => k >= segmentStart && k < at)) {
        fail(runEnd);
        continue;
      }
      // A total over years or up to a date (`近三年…共优化调整47个专业`, `截至2024年底累计发放`) is kept under
      // its time scope (近三年…, 累计…): only a question that says so gets it.
      const inGroup = cumulativeAt.filter((c) => c.at >= segmentStart && c.at < at);
      // A multi-year word decides over an earlier 截至 (`截至2024年底，累计发放…`).
      // 近三年…累计: the years say more than 累计.
      const cumulative = inGroup.find((c) => c.scope?.startsWith("近")) ?? inGroup.filter((c) => c.scope !== null).pop() ?? inGroup.pop() ?? null;
      // `升学率从2021年的78%提高到80％`: 78% is the named year's value of 升学率, 80% the sentence's year's.
      const clauseText = s.slice(clauseStart, at);
      const fromStart = cumulative ? null : FROM_START.exec(clauseText);
      const toEnd = cumulative || fromStart ? null : TO_END.exec(clauseText);
      const moving = fromStart ?? toEnd;
      const unreadable = cumulative !== null && cumulative.scope === null;
      // `在省级职业院校技能大赛中获得5个一等奖`: the contest names the award; list items after it share it.
      const contestHere = contestOf(labelText);
      if (contestHere) contest = contestHere.contest;
      const inContestList = !contestHere && contest !== null && prevIs("fact") && /^[、，,和及]$/.test(labelText.trim());
      // `开设机电技术应用、会计事务等7个专业`: the examples go, the verb counts the noun after the figure.
      const examples = VERB_THEN_EXAMPLES.exec(labelText);
      // `招生、在校生、毕业生分别为11840人、31526人、9377人`: each figure takes its item.
      const each = RESPECTIVELY.exec(labelText.replace(/\s+/g, ""));
      if (each) {
        const items = each[1]!.split(/[、和及与]/).filter(Boolean);
        respectively = items.length >= 2 ? { items, verb: each[2]?.replace(/了$/, "") ?? "", next: 0 } : null;
      }
      const item = respectively && (each || (prevIs("fact") && /^[、，,和及]$/.test(labelText.trim()))) ? respectively.items[respectively.next++] : undefined;
      const itemVerb = respectively?.verb ?? "";
      if (respectively && respectively.next >= respectively.items.length) respectively = null;
      const plainReading = moving
        ? readLabel(moving[1]!, meta.entity)
        : item !== undefined
          ? readLabel(item + itemVerb, meta.entity)
          : contestHere
            ? { label: contestHere.contest + contestHere.award, kind: "plain" as const }
            : inContestList
              ? { label: contest!, kind: "plain" as const }
              : examples
                ? { label: examples[1]!, kind: "plain" as const }
                : tainted || orphan || unreadable
                  ? null
                  : readLabel(cumulative ? withoutCumulative(labelText) : labelText, meta.entity);
      const reading = plainReading && cumulative ? { ...plainReading, label: `${cumulative.scope}${plainReading.label}` } : plainReading;
      const fig = readFigure(s, at, Boolean(reading && /比$/.test(reading.label)));
      if (!fig) {
        fail(runEnd);
        continue;
      }
      // `2500余人`, `30多个`, `500人左右` are approximate: kept with their word, never stated as exact.
      // `500人以上`, `以内`, `以下` are bounds: no fact.
      const approxAfter = fig.approximate ? /^\s*(以上|左右|上下|以内|以下|多)/.exec(s.slice(fig.end))?.[1] : undefined;
      if (fig.approximate && (!reading || /^以/.test(approxAfter ?? ""))) {
        fail(fig.end);
        prev = "approx";
        continue;
      }
      const approxWord = fig.approximate ? (approxAfter ?? (/余/.test(fig.raw) ? "余" : "多")) : undefined;
      if (!reading || (fig.fractional && !/均/.test(reading.label))) {
        fail(fig.end);
        continue;
      }
      // After the figure: a clause end, or the noun it counts (`全市共7535名毕业生，`, `新增20个紧缺专业，`).
      const next = s.slice(fig.end).replace(/^\s*(?:左右|上下)/, "");
      // Where what this figure says ends: after the noun it counts, when that follows it (`5个一等奖`).
      let saidTo = fig.end;
      let label = reading.label;
      // (In a 分别 run, `620人和1350人`: the next figure follows, no noun.)
      if (next && !fromStart && !(item !== undefined && /^[和及与]/.test(next)) && !/^[，,。；;！？!?、）)（(：:\s]/.test(next)) {
        // `62名学子获得国家奖学金`: the people counted, then what they got or did — that is what is counted.
        const act = label === "" && reading.kind === "plain" && PEOPLE.test(fig.unit ?? "") ? ACT_AFTER.exec(next) : null;
        const counting = VERB_BEFORE_NOUN.test(label) || ((contestHere || inContestList) && !contestHere?.award);
        const noun = act ? null : (counting ? NOUN_IN_LIST : NOUN_AFTER).exec(next);
        // `以团体总分693分的成绩`: the figure is the score the label names.
        const score = reading.kind === "plain" && label !== "" && SCORE_AFTER.test(next);
        if (act) label = act[1] + act[2];
        else if (score) label = label.replace(/^(?:再次|再|又|仍|均)?以/, "");
        else if (!noun || /^的/.test(next) || reading.kind !== "plain") {
          fail(fig.end);
          continue;
        } else if (label === "") label = noun![1];
        else if (counting) label += noun![1];
        else {
          fail(fig.end);
          continue;
        }
        if (noun) saidTo = fig.end + (s.length - fig.end - next.length) + noun[1]!.length;
      }
      if (reading.kind !== "plain") {
        // `占专任教师比例为50.8%` and `增长61.3%` are about the figure just before.
        if (!prevBase) {
          fail(fig.end);
          continue;
        }
        label = `${labelBase(prevBase)}${label}`;
      }
      // A list item after `、` may lack the head of the item before (`生均公用经费公办学校2000元、民办学校700元`).
      if (prevIs("fact") && prevBase && /^、/.test(labelText) && reading.kind === "plain" && lacksListHead(prevBase, label)) {
        fail(fig.end);
        continue;
      }
      // `直接就业544人，就业率96.8%`: a rate right after the count it is the rate of.
      const rateStem = /^(.{2,4})率$/.exec(label)?.[1];
      if (rateStem && prevIs("fact") && prevBase && prevBase !== rateStem && prevBase.endsWith(rateStem) && !prevBase.includes("率")) label = `${prevBase}率`;
      // A clause that names the whole place again (`全市实际完成招生11900人`) is about all of it.
      const wholePlace = /(?:全市|全区|全县|全州|全省|全校)/.test(s.slice(clauseStart, at));
      const narrowing = GENERIC_LABELS.has(label) && !wholePlace ? narrowingWords(s.slice(segmentStart, at), meta.entity) : "";
      if (narrowing) {
        // `参加对口高考1103人，1094人上线，上线率为99.18%`: the group's first figure names what 上线 is of.
        const head = topic?.label ?? "";
        // Otherwise the words that narrow the group name the figure (民办完成率, “9+3”升学率): a question must say them.
        label = /^参加./.test(head) ? head.slice(2) + label : narrowing + label;
      }
      if (subject && !label.includes(subject)) label = `${subject}${label}`;
      if (!isUsableLabel(label)) {
        fail(fig.end);
        continue;
      }
      // `其中，…下达五通桥区2023年…补贴资金2.78万元`: a county of the report's region named in the figure's own
      // clause, even before its year, makes the figure that county's (the prefix may lengthen a usable label).
      const ownPlace = narrowing ? null : narrowingPlace(s.slice(clauseStart, at), meta.entity);
      if (ownPlace && !label.includes(ownPlace)) label = `${ownPlace}${label}`;
      const change = reading.kind === "change" || CHANGE_END_RE.test(label);
      const fromYear = fromStart?.[2] ? Number(fromStart[2]) : null;
      if (fromStart && fromYear === null) {
        fail(fig.end);
        continue;
      }
      // The to-value's year is the sentence's, not the from-year named inside the clause.
      // 上年度 (not as a comparison base: 较上年度) moves the report's year back by one when no year is named.
      const lastYear = meta.defaultYear !== null && LAST_YEAR.test(s.slice(segmentStart, at)) ? meta.defaultYear - 1 : meta.defaultYear;
      const toYear = toEnd?.[2] ? Number(toEnd[2]) : null;
      const y = fromYear ?? toYear ?? yearFor(toEnd ? years.filter((x) => x.start < clauseStart || x.start >= at) : years, at, segmentStart, change, lastYear);
      const offset = sent.start + at;
      const line = lineAt(p, offset);
      if (meta.lines && !cleanText(meta.lines[line - 1] ?? "").includes(fig.number.split(":")[0])) {
        fail(fig.end);
        continue;
      }
      out.push({
        id: `${meta.report}:${line}:text:${offset}`,
        entity: meta.entity,
        report: meta.report,
        table: null,
        tableNumber: null,
        tableId: null,
        indicator: label,
        path: [label],
        unit: fig.unit,
        column: y === null ? "" : `${y}年`,
        year: y,
        value: fig.value,
        raw: `${reading.qualifier ?? ""}${fig.raw}${approxAfter && !/余|多/.test(approxAfter) ? approxAfter : ""}`,
        ...(reading.qualifier || approxWord ? { qualifier: reading.qualifier ?? approxWord } : {}),
        line,
        source: "text",
        context: s.trim(),
        scope: `${p.title} ${sceneBefore} ${s.slice(scopeFrom, at)}`.replace(/\s+/g, " ").trim(),
      });
      prevEnd = saidTo;
      scopeFrom = saidTo;
      // A part after an approximate count (`500余项，其中…67项`) has lost what it is part of; after 约16:1 it has not.
      prev = approxWord ? "approx" : "fact";
      prevBase = label;
      topic ??= { label };
    }
  }
  return out;
}
