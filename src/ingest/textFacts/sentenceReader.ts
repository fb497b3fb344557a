/**
 * Reads the figures of one sentence of running text, left to right, as named steps: where the
 * sentence's clauses and groups start (its layout), the digits that are no figure (years, names,
 * dates, codes), the label text before a figure and how it is read (a from/to, a 分别 run, a
 * contest, a verb's examples, a multi-year total), the noun a count comes before, the qualifiers
 * of the figure's own clause chain, and its year. The state between figures (the last label, the
 * group's topic, contest and 分别 items) lives in one reader per sentence.
 */

import type { Fact, Passage } from "../../types.js";
import { cleanText } from "../clean.js";
import { readSlots, withoutSlotWords } from "../../text/qualifiers.js";
import { CHANGE_VERB_SOURCE } from "../../text/vocabulary.js";
import { contestOf, isUsableLabel, labelBase, type LabelReading, readLabel } from "./labels.js";
import { type Figure, NUMBER_SOURCE, readFigure, yearMentions } from "./numbers.js";
import { GENERIC_LABELS, lacksListHead, namedSubject, NARROW_TOPIC, narrowingPlace } from "./scope.js";
import { lineAt, maskedRanges, type Sentence, yearFor, yearInfos, type YearInfo } from "./sentences.js";
import { chineseNumber } from "../structure/headings.js";

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
const VERB_BEFORE_NOUN = /^(?:新增|新设|新建|建成|组建|共建|开设|开发|建设|培养|引进|选出|评出|立项|优化调整|调整|淘汰|撤销|停招|荣获|获得|发展|帮带|派驻|设立|成立|新建|创建|出版|编写|建有|设置)$/;
/**
 * A verb then a list of examples (`开设机电技术应用、会计事务等`): the figure after counts what the verb did.
 * `共有A、B和C5所中等职业学校`: a having verb and the names counted; the noun after the figure says what.
 */
const VERB_THEN_EXAMPLES = new RegExp(`(${VERB_BEFORE_NOUN.source.slice(4, -2)})[^，,；;。]*等$|(?:共有|现有|拥有)[^，,；;。]*[、和及][^，,；;。]+$`);
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

/** The schools a count of 所 is of, when they are its clause's subject (`全州中等职业学校共有20所`). */
const SCHOOL_NOUN = /中等职业学校|中职学校|职业院校|职业学校/;
/** A part named only by a status, no noun (正式在编, 在岗, 兼职): it takes its whole's head noun. */
const STATUS_ONLY = /^(?:正式|专职|兼职|外聘|聘用|临时)?(?:在编|在岗|在职|编外|编内|专职|兼职|外聘|聘用)$/;
/** Head nouns a 其中 part may leave unsaid (`教师1576人，其中正式在编1331人`). */
const PART_HEAD = /(?:教师|学生|毕业生|学校|专业|班级|基地|企业)$/;

/**
 * After a counting verb's figure, a modifier ending in 的 before the noun counted, to the clause end:
 * `设立了15个涵盖思政、心理等类型的社团`, `淘汰27个不符合产业发展需求的专业`. No digits: the next item of a list
 * (`5个一等奖、9个…`) is no modifier.
 */
const MODIFIED_NOUN = /^[^，,。；;！？!?\d（）()]{1,30}的([\u4e00-\u9fff“”]{1,8})(?=[，,。；;！？）)]|$)/;

/** The noun of a MODIFIED_NOUN match with the modifier's qualifier words (省级示范的实训基地 → 省级实训基地). */
function modifiedNoun(m: RegExpExecArray): string {
  const modifier = m[0].slice(0, m[0].length - m[1]!.length - 1);
  const qualifiers = Object.values(readSlots(modifier)).map((slot) => slot.word);
  return qualifiers.join("") + m[1]!;
}

/** Words that are only a year (`，2023年`, `、2024年为`): a figure after them has the label of the one before. */
const YEAR_ONLY = /^[\s，,、]*(?:19|20)\d{2}\s*(?:年度|学年|年)(?:的)?(?:为|是|有|达)?\s*$/;

/**
 * A count's noun right before another count (`共8所学校30个教学团队参赛`, `5个赛点465名学生参加`, `18所职业学校的
 * 524名选手`): the first counts its noun, the second what follows it.
 */
const CHAIN_NOUN = /^([\u4e00-\u9fff]{1,6}?)的?\s*(?=\d)/;
/**
 * What a chain's counts did (`…30个教学团队参赛`): the first count is of its noun doing it (学校参赛). A chain
 * that says none of these is read for its last count only: `8所学校30个团队开发` does not say 8 is all the schools.
 */
const CHAIN_VERB = /参赛|参加|参与|获奖|入选|参训|报名|竞技|同台/;

/** A counting verb, then a count in Chinese numerals and the noun it counts, to the clause end (`开设八个专业`). */
const CHINESE_COUNT = new RegExp(`((?:${VERB_BEFORE_NOUN.source.slice(4, -2)})了?)([一二三四五六七八九十两]{1,3})([个所项门家名])([\\u4e00-\\u9fff“”]{1,8})(?=[，,。；;、！？!?]|$)`, "g");

/** Units that count people. */
const PEOPLE = /^(?:人|名|人次)$/;
/** After a count of people, what they got or did, to the clause end: `学子获得国家奖学金`, `学生参加技能大赛`. */
const ACT_AFTER = /^[\u4e00-\u9fff]{1,4}?(获得|荣获|获|取得|考取|享受|领取|参加|参与|通过)([\u4e00-\u9fff“”]{2,12}?)(?=共|[，,。；;！？]|$)/;
/**
 * After a count of people, the way they went on, to the school they entered: `其中6003名通过普通高考、
 * 对口升学等方式升入各类高一级学校深造` → 升入高一级学校 (各类 and 各级 only say "of every kind").
 */
const ENTERED_AFTER = /^[^，,。；;！？!?\d]{0,30}?(升入|考入)(?:各类|各级)?([\u4e00-\u9fff“”]{2,12}?)(?=深造|就读|学习|继续|[，,。；;！？]|$)/;
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

/** Multi-year words (`近三年`, `近年来`, `累计`, `历年`, `至今`): figures after them are totals over years. */
const CUMULATIVE = /近\s*([二两三四五六七八九十几\d]+)\s*年来?|近年来|累计|历年|至今/g;
/**
 * 截至 with 共 or 已 and a figure after it (`截至2024年，…已招收8届共857名`) counts up to a date, but over
 * what is left unsaid: no figure of it is read. Without them it dates a stock (`截至2024年底有14所`, also
 * `…13所（含已合并办学的…）`).
 */
const UP_TO_DATE = /(?:截至|截止)(?=[^；;。]*?(?:共|已)[^；;。]{0,12}\d)/g;

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

/** Where a sentence's clauses and `；` groups start at each offset, its years, names, multi-year words and targets. */
interface Layout {
  masks: [number, number][];
  years: YearInfo[];
  clauseFrom: Int32Array;
  groupFrom: Int32Array;
  cumulativeAt: { at: number; scope: string | null }[];
  targetAt: number[];
}

/** A sentence's layout, found in one pass: a long paragraph must not be rescanned for every figure. */
function layoutOf(s: string, defaultYear: number | null): Layout {
  const years = yearInfos(s, yearMentions(s.replace(/《[^》]*》/g, (x) => "＃".repeat(x.length))));
  const clauseFrom = new Int32Array(s.length + 1);
  const groupFrom = new Int32Array(s.length + 1);
  for (let i = 0, c = 0, g = 0; i <= s.length; i++) {
    clauseFrom[i] = c;
    groupFrom[i] = g;
    if (i === s.length) break;
    if ("，,：:；;".includes(s[i])) c = i + 1;
    if ("；;".includes(s[i])) g = i + 1;
  }
  return { masks: maskedRanges(s), years, clauseFrom, groupFrom, cumulativeAt: cumulativeMarks(s), targetAt: targetMarks(s, years, defaultYear) };
}

/** How the words before a figure were read, with what the next steps need of that reading. */
interface LabelRead {
  reading: LabelReading | null;
  labelText: string;
  clauseStart: number;
  fromStart: RegExpExecArray | null;
  toEnd: RegExpExecArray | null;
  /** The figure stands in a 分别 run (`620人和1350人`). */
  inRun: boolean;
  /** A contest or a verb before the figure counts the noun after it (`获得5个一等奖`). */
  counting: boolean;
}

/** Reads the figures of one sentence of a paragraph (see the module comment). */
export class SentenceReader {
  readonly facts: Fact[] = [];
  private readonly s: string;
  private readonly layout: Layout;
  private segmentStart = 0;
  private subject: string | null;
  private prevBase: string | null = null;
  /** The first figure of a clause group: what its headline figures are about. */
  private topic: { label: string } | null = null;
  /** The clauses before the group's first figure (`通过…七市职业教育联盟，`): the frame every figure of it stands in. */
  private frame = "";
  private prevEnd = 0;
  /** Where the words scoping the next figure start: the group's start, or the end of the last fact read in it. */
  private scopeFrom = 0;
  private prev: Prev = "none";
  /** The contest the group's awards are from, and the items a 分别 run stands for. */
  private contest: string | null = null;
  private respectively: { items: string[]; verb: string; next: number } | null = null;
  /** The figure a bracket after it breaks down (`双师型教师348人（初级130人、中级208人）`), while the bracket is open. */
  private bracketParent: string | null = null;
  /** The figure a 其中 in this group breaks down (`教师1576人，其中，正式在编1331人`). */
  private partsOf: string | null = null;
  /** The last figure counted the noun right before this one (`8所学校30个…`): this one counts the next noun. */
  private chainNext = false;
  /** The counting verb before such a chain (`建成5个实训基地12个实训室`), for each of its counts. */
  private chainVerb = "";

  constructor(
    private readonly p: Passage,
    private readonly sent: Sentence,
    /** The sentence before sets the scene (`在…技能大赛中，学校学生表现优异。并以团体总分693分…`). */
    private readonly sceneBefore: string,
    private readonly meta: TextFactMeta,
  ) {
    this.s = sent.text;
    this.layout = layoutOf(this.s, meta.defaultYear);
    this.subject = namedSubject(this.s, meta.entity);
  }

  /** Every figure of the sentence, in order. */
  read(): Fact[] {
    const digits = new RegExp(NUMBER_SOURCE, "g");
    let m: RegExpExecArray | null;
    while ((m = digits.exec(this.s))) {
      const at = m.index;
      if (at < this.prevEnd) continue;
      this.enterGroupAt(at);
      const runEnd = at + m[0].length;
      const skipTo = this.noFigure(at, runEnd);
      if (skipTo !== null) {
        digits.lastIndex = Math.max(digits.lastIndex, skipTo);
        continue;
      }
      this.figureAt(at, runEnd);
    }
    this.readChineseCounts();
    return this.facts;
  }

  /**
   * A count in Chinese numerals right after a counting verb (`开设八个专业`, `新建两个实训基地`). Nowhere
   * else: slogans (`三个一批`, `六大产业集群`) and bounds (`超八成`) print numerals too, and say no figure.
   */
  private readChineseCounts(): void {
    const s = this.s;
    for (const m of s.matchAll(CHINESE_COUNT)) {
      const at = m.index! + m[1]!.length;
      const value = chineseNumber(m[2]!.replace(/两/g, "二"));
      const noun = m[4]!;
      if (value === null || /^[一大]/.test(noun) || this.layout.masks.some(([a, b]) => at >= a && at < b)) continue;
      const segmentStart = this.layout.groupFrom[at]!;
      if (this.layout.targetAt.some((k) => k >= segmentStart && k < at)) continue;
      const label = `${m[1]!.replace(/了$/, "")}${noun}`;
      if (!isUsableLabel(label)) continue;
      const raw = `${m[2]}${m[3]}`;
      const fig: Figure = { start: at, end: at + raw.length, number: m[2]!, raw, value, unit: m[3] === "名" ? "人" : m[3]!, approximate: false };
      const offset = this.sent.start + at;
      const year = yearFor(this.layout.years, at, segmentStart, false, this.meta.defaultYear);
      this.facts.push(this.textFact(label, fig, { label, kind: "plain" }, undefined, undefined, year, lineAt(this.p, offset), offset, at));
    }
  }

  private prevIs(...kinds: Prev[]): boolean {
    return kinds.includes(this.prev);
  }

  private fail(end: number): void {
    this.chainNext = false;
    this.prevEnd = end;
    this.prev = "failed";
    this.prevBase = null;
  }

  /** A new clause group (after ；) has its own subject; a relative figure does not reach back over it. */
  private enterGroupAt(at: number): void {
    const start = this.layout.groupFrom[at]!;
    if (start <= this.segmentStart) return;
    this.segmentStart = start;
    this.scopeFrom = start;
    this.subject = namedSubject(this.s.slice(start), this.meta.entity);
    this.prevBase = null;
    this.topic = null;
    this.contest = null;
    this.respectively = null;
    this.bracketParent = null;
    this.partsOf = null;
  }

  /**
   * Digits that are no figure: a year, a quoted name, a date or time, a code, range, ordinal or list
   * number. Returns where reading goes on, or null for a figure.
   */
  private noFigure(at: number, runEnd: number): number | null {
    const s = this.s;
    const year = this.layout.years.find((y) => y.start === at);
    if (year) {
      // A comparison base stays in the label text (`本地就业率较2023年上升`), where it is read as such.
      if (!year.comparison) {
        this.prevEnd = year.end;
        this.prev = "year";
      }
      return year.end;
    }
    // Digits inside a quoted name (`“9+3”`, `《…2023—2025年…》`) are no figure; the name stays in the label.
    const mask = this.layout.masks.find(([a, b]) => at >= a && at < b);
    if (mask) return mask[1];
    const before = s.slice(Math.max(0, at - 2), at);
    const after = s.slice(runEnd, runEnd + 4);
    const date = DATE_AFTER.exec(after) ?? (this.prevIs("date") ? TIME_AFTER.exec(after) : null);
    if (date) {
      this.prevEnd = runEnd + date[0].length;
      this.prev = "date";
      return runEnd;
    }
    // Codes, ranges, formulas, ordinals, list numbers: `0833-2433301`, `3+2`, `4.15`, `第3次`, `前10强`, `1.`.
    if (/[\d.\-－—~～/:：+＋A-Za-z#]$/.test(before) || /^\s*(?:[-－—~～/]\s*\d|[+＋])/.test(after) || /^[.．、](?!\d)/.test(after) || /(?:第|前|后)$/.test(before)) {
      this.prevEnd = runEnd;
      this.prev = "code";
      this.prevBase = null;
      return runEnd;
    }
    return null;
  }

  /** Reads the figure whose digits start at `at` into a fact, or notes why it is none. */
  private figureAt(at: number, runEnd: number): void {
    // A target or plan (`力争到2027年建成…5个`) is no figure of what was done.
    if (this.layout.targetAt.some((k) => k >= this.segmentStart && k < at)) {
      this.fail(runEnd);
      return;
    }
    this.trackBracket(at);
    const read = this.labelBefore(at);
    const { reading } = read;
    const fig = readFigure(this.s, at, Boolean(reading && /比$/.test(reading.label)));
    if (!fig) {
      this.fail(runEnd);
      return;
    }
    // `2500余人`, `30多个`, `500人左右` are approximate: kept with their word, never stated as exact.
    // `500人以上`, `以内`, `以下` are bounds: no fact.
    const approxAfter = fig.approximate ? /^\s*(以上|左右|上下|以内|以下|多)/.exec(this.s.slice(fig.end))?.[1] : undefined;
    if (fig.approximate && (!reading || /^以/.test(approxAfter ?? ""))) {
      this.fail(fig.end);
      this.prev = "approx";
      return;
    }
    const approxWord = fig.approximate ? (approxAfter ?? (/余/.test(fig.raw) ? "余" : "多")) : undefined;
    if (!reading || (fig.fractional && !/均/.test(reading.label))) {
      this.fail(fig.end);
      return;
    }
    const counted = this.countedNoun(fig, read);
    if (!counted || (counted.chained && counted.label === "")) {
      this.fail(counted?.saidTo ?? fig.end);
      this.chainNext = counted?.chained === true;
      return;
    }
    // `全州中等职业学校共有20所`: the schools are the subject and what is counted.
    if (counted.label === "" && fig.unit === "所") counted.label = SCHOOL_NOUN.exec(read.labelText)?.[0] ?? "";
    const label = this.qualified(counted.label, reading, read, at);
    if (label === null) {
      this.fail(fig.end);
      return;
    }
    const change = reading.kind === "change" || CHANGE_END_RE.test(label);
    const fromYear = read.fromStart?.[2] ? Number(read.fromStart[2]) : null;
    if (read.fromStart && fromYear === null) {
      this.fail(fig.end);
      return;
    }
    const y = fromYear ?? this.yearOf(at, read, change);
    const offset = this.sent.start + at;
    const line = lineAt(this.p, offset);
    if (this.meta.lines && !cleanText(this.meta.lines[line - 1] ?? "").includes(fig.number.split(":")[0]!)) {
      this.fail(fig.end);
      return;
    }
    if (!this.topic) this.frame = this.s.slice(this.segmentStart, read.clauseStart);
    this.facts.push(this.textFact(label, fig, reading, approxAfter, approxWord, y, line, offset, at));
    this.chainNext = counted.chained === true;
    this.chainVerb = counted.verb ?? "";
    this.prevEnd = counted.saidTo;
    this.scopeFrom = counted.saidTo;
    // A part after an approximate count (`500余项，其中…67项`) has lost what it is part of; after 约16:1 it has not.
    this.prev = approxWord ? "approx" : "fact";
    this.prevBase = label;
    this.topic ??= { label };
  }

  /**
   * A bracket opened right after a figure breaks it down (`348人（初级130人、中级208人、高级10人）`); once it
   * closes, a share or change after it (`，占专任教师比例为30.71%`) is again about that figure.
   */
  private trackBracket(at: number): void {
    const between = this.s.slice(this.prevEnd, at);
    if (this.partsOf === null && this.prevIs("fact") && this.prevBase && /^[\s，,：:]*其中/.test(between)) this.partsOf = this.prevBase;
    if (this.bracketParent !== null && /[）)]/.test(between)) {
      this.prevBase = this.bracketParent;
      this.bracketParent = null;
    } else if (this.bracketParent === null && this.prevIs("fact") && this.prevBase && /^\s*[（(]/.test(between)) {
      this.bracketParent = this.prevBase;
    }
  }

  /** The words before the figure at `at` and how they read as its label. */
  private labelBefore(at: number): LabelRead {
    const s = this.s;
    // Brackets do not end a clause: `专业（含专业方向）布点148个` is one label.
    const clauseStart = Math.max(this.segmentStart, this.layout.clauseFrom[at]!);
    const labelStart = Math.max(clauseStart, this.prevEnd);
    // `在校生2022年4800人`: a year between the label and its figure; the label is before the year.
    const yearThenFigure = labelStart === this.prevEnd && this.prevIs("year") && /^\s*(?:的)?(?:为|是|有|达到?)?\s*$/.test(s.slice(labelStart, at));
    let labelText = s.slice(yearThenFigure ? Math.max(clauseStart, this.scopeFrom) : labelStart, at);
    // Words glued to skipped digits belong to them (`全球前10强光伏企业`, `25个团队75人`), unless a
    // total restarts the phrase (`17所中职学校共有校内专任教师1886人`) or it reads as a phrase of its own.
    const glued = labelStart === this.prevEnd && !/^[、，,；;（(\s]/.test(labelText) && !/共有|共计|合计|总计|现有/.test(labelText);
    // `66个工种共培训6659人`: after a figure not read, 共 starts what this one counts.
    const restart = glued && this.prevIs("failed") ? labelText.search(/(?<!公)共(?![有计青建享同性])/) : -1;
    if (restart >= 0) labelText = labelText.slice(restart + 1);
    // `8所学校30个教学团队`: the count after a chained one counts its own noun.
    const chainItem = glued && this.chainNext && this.prevIs("fact", "failed") && /^的?$/.test(labelText.trim());
    const tainted =
      !chainItem && glued && restart < 0 && (this.prevIs("code", "fact") || (this.prevIs("failed", "approx") && (labelText.length <= 3 || labelText.includes("、") || /^[中内里外]/.test(labelText))));
    // `…20余项（含一等奖2项）`: a part of an approximate figure has lost what it is part of.
    const orphan = this.prevIs("approx") && /^[，,（(\s]*(?:其中|含|包括)/.test(labelText);
    // A total over years or up to a date (`近三年…共优化调整47个专业`, `截至2024年底累计发放`) is kept under
    // its time scope (近三年…, 累计…): only a question that says so gets it. A multi-year word decides over
    // an earlier 截至 (`截至2024年底，累计发放…`); 近三年…累计: the years say more than 累计.
    const inGroup = this.layout.cumulativeAt.filter((c) => c.at >= this.segmentStart && c.at < at);
    const cumulative = inGroup.find((c) => c.scope?.startsWith("近")) ?? inGroup.filter((c) => c.scope !== null).pop() ?? inGroup.pop() ?? null;
    // `升学率从2021年的78%提高到80％`: 78% is the named year's value of 升学率, 80% the sentence's year's.
    const clauseText = s.slice(clauseStart, at);
    const fromStart = cumulative ? null : FROM_START.exec(clauseText);
    const toEnd = cumulative || fromStart ? null : TO_END.exec(clauseText);
    const moving = fromStart ?? toEnd;
    const unreadable = cumulative !== null && cumulative.scope === null;
    // `在省级职业院校技能大赛中获得5个一等奖`: the contest names the award; list items after it share it.
    const contestHere = contestOf(labelText);
    if (contestHere) this.contest = contestHere.contest;
    const inContestList = !contestHere && this.contest !== null && this.prevIs("fact") && /^[、，,和及]$/.test(labelText.trim());
    // `开设机电技术应用、会计事务等7个专业`: the examples go, the verb counts the noun after the figure.
    const examples = VERB_THEN_EXAMPLES.exec(labelText);
    const item = this.respectivelyItem(labelText);
    const plain = moving
      ? readLabel(moving[1]!, this.meta.entity)
      : item !== undefined
        ? readLabel(item, this.meta.entity)
        : contestHere
          ? { label: contestHere.contest + contestHere.award, kind: "plain" as const }
          : inContestList
            ? { label: this.contest!, kind: "plain" as const }
            : examples
              ? { label: examples[1] ?? "", kind: "plain" as const }
              : chainItem
                ? { label: this.chainVerb, kind: "plain" as const }
                : tainted || orphan || unreadable
                  ? null
                  : this.yearOnlyClause(at)
                    ? { label: this.prevBase!, kind: "plain" as const }
                    : readLabel(cumulative ? withoutCumulative(labelText) : labelText, this.meta.entity);
    const reading = plain && cumulative ? { ...plain, label: `${cumulative.scope}${plain.label}` } : plain;
    // (The verb decides before a multi-year prefix: 近年来停招9个专业.)
    const counting = Boolean(reading && (VERB_BEFORE_NOUN.test(plain?.label ?? "") || ((contestHere || inContestList) && !contestHere?.award)));
    return { reading, labelText, clauseStart, fromStart, toEnd, inRun: item !== undefined, counting };
  }

  /**
   * Only a year between the last figure and this one (`在校生4800人，2023年4980人`, `…4800人、2023年4980人`):
   * the label is elided, it is the same as the figure before's, for that year.
   */
  private yearOnlyClause(at: number): boolean {
    return this.prevBase !== null && this.prevIs("year") && YEAR_ONLY.test(this.s.slice(this.scopeFrom, at));
  }

  /**
   * `招生、在校生、毕业生分别为11840人、31526人、9377人`: each figure of the run takes its item (with the
   * run's change verb: `招生和在校生分别比上年增加620人和1350人`). undefined outside a run.
   */
  private respectivelyItem(labelText: string): string | undefined {
    const each = RESPECTIVELY.exec(labelText.replace(/\s+/g, ""));
    if (each) {
      const items = each[1]!.split(/[、和及与]/).filter(Boolean);
      this.respectively = items.length >= 2 ? { items, verb: each[2]?.replace(/了$/, "") ?? "", next: 0 } : null;
    }
    const run = this.respectively;
    if (!run || !(each || (this.prevIs("fact") && /^[、，,和及]$/.test(labelText.trim())))) return undefined;
    const item = run.items[run.next++];
    if (run.next >= run.items.length) this.respectively = null;
    return item === undefined ? undefined : item + run.verb;
  }

  /**
   * After the figure: a clause end, or the noun it counts (`全市共7535名毕业生，`, `新增20个紧缺专业，`,
   * `获得5个一等奖、`). The label with that noun, and where what the figure says ends; null when the
   * words after it make it no figure of its own (`97人的队伍`).
   */
  private countedNoun(fig: Figure, read: LabelRead): { label: string; saidTo: number; chained?: boolean; verb?: string } | null {
    const reading = read.reading!;
    const next = this.s.slice(fig.end).replace(/^\s*(?:左右|上下)/, "");
    let label = reading.label;
    let saidTo = fig.end;
    // (In a 分别 run, `620人和1350人`: the next figure follows, no noun.)
    if (!next || read.fromStart || (read.inRun && /^[和及与]/.test(next)) || /^[，,。；;！？!?、）)（(：:\s]/.test(next)) return { label, saidTo };
    // `62名学子获得国家奖学金`: the people counted, then what they got or did — that is what is counted.
    const act = label === "" && reading.kind === "plain" && PEOPLE.test(fig.unit ?? "") ? (ACT_AFTER.exec(next) ?? ENTERED_AFTER.exec(next)) : null;
    const modified = act || !read.counting ? null : MODIFIED_NOUN.exec(next);
    // (`来自全市12所学校的386名选手`: where they came from is no label of the count.)
    if (/^来自/.test(label) && CHAIN_NOUN.test(next)) label = "";
    const chainedNoun = act || modified || reading.kind !== "plain" || !(label === "" || read.counting) ? null : CHAIN_NOUN.exec(next);
    // (`66个工种共培训6659人` is no chain: 共培训 says what the next figure counts.)
    const chained = chainedNoun && !/[共计有为达是了和及与]/.test(chainedNoun[1]!) ? chainedNoun : null;
    const noun = act ? null : modified ? [modified[0], modifiedNoun(modified)] : chained ? [chained[0], chained[1]!] : (read.counting ? NOUN_IN_LIST : NOUN_AFTER).exec(next);
    // `以团体总分693分的成绩`: the figure is the score the label names.
    const score = reading.kind === "plain" && label !== "" && SCORE_AFTER.test(next);
    if (act) label = act[1]! + act[2]!;
    else if (score) label = label.replace(/^(?:再次|再|又|仍|均)?以/, "");
    else if (!noun || /^的/.test(next) || reading.kind !== "plain") return null;
    else if (label === "") label = noun[1]!;
    else if (read.counting) label += noun[1]!;
    else return null;
    if (noun) saidTo = fig.end + (this.s.length - fig.end - next.length) + (modified || chained ? noun[0]!.length : noun[1]!.length);
    if (chained) {
      // A verb before the chain (`建成5个实训基地12个实训室`) counts each of its nouns.
      if (read.counting) return { label, saidTo, chained: true, verb: reading.label };
      const verb = CHAIN_VERB.exec(next.slice(chained[0].length).split(/[，,。；;！？!?]/)[0] ?? "")?.[0];
      return verb ? { label: label + (verb === "同台" ? "参赛" : verb), saidTo, chained: true } : { label: "", saidTo, chained: true };
    }
    return { label, saidTo };
  }

  /**
   * The label with what its own clause chain says of it: the figure before it for a share or a change,
   * the rate's count, the group's narrowing topic, a named institution, a county of the region. null
   * when no usable label is left.
   */
  private qualified(counted: string, reading: LabelReading, read: LabelRead, at: number): string | null {
    const s = this.s;
    let label = counted;
    if (reading.kind !== "plain") {
      // `占专任教师比例为50.8%` and `增长61.3%` are about the figure just before.
      if (!this.prevBase) return null;
      label = `${labelBase(this.prevBase)}${label}`;
    }
    // `其中，正式在编1331人`: a part that names no head takes its whole's (教师): 正式在编教师.
    if (this.partsOf !== null && reading.kind === "plain") {
      const head = PART_HEAD.exec(this.partsOf)?.[0];
      if (head && STATUS_ONLY.test(label) && !label.includes(head)) label = `${label}${head}`;
    }
    // Inside a breakdown, an item that only qualifies (初级, 民办) is the parent figure's part: 初级…“双师型”教师.
    if (this.bracketParent !== null && reading.kind === "plain" && withoutSlotWords(label) === "" && label !== "") label = `${label}${this.bracketParent}`;
    // A list item after `、` may lack the head of the item before (`生均公用经费公办学校2000元、民办学校700元`).
    if (this.prevIs("fact") && this.prevBase && /^、/.test(read.labelText) && reading.kind === "plain" && lacksListHead(this.prevBase, label)) return null;
    // `直接就业544人，就业率96.8%`, `专业对口就业476人，对口率84.7%`: a rate right after the count it is the rate of.
    const rateStem = /^(.{2,4})率$/.exec(label)?.[1];
    if (
      rateStem &&
      this.prevIs("fact") &&
      this.prevBase &&
      this.prevBase !== rateStem &&
      (this.prevBase.endsWith(rateStem) || this.prevBase.endsWith(`${rateStem}就业`)) &&
      !this.prevBase.includes("率")
    )
      label = `${this.prevBase}率`;
    // A clause that names the whole place again (`全市实际完成招生11900人`) is about all of it.
    const wholePlace = /(?:全市|全区|全县|全州|全省|全校)/.test(s.slice(read.clauseStart, at));
    const narrowing = GENERIC_LABELS.has(label) && !wholePlace ? narrowingWords(s.slice(this.segmentStart, at), this.meta.entity) : "";
    if (narrowing) {
      // `参加对口高考1103人，1094人上线，上线率为99.18%`: the group's first figure names what 上线 is of.
      const head = this.topic?.label ?? "";
      // Otherwise the words that narrow the group name the figure (民办完成率, “9+3”升学率): a question must say them.
      label = /^参加./.test(head) ? head.slice(2) + label : narrowing + label;
    }
    if (this.subject && !label.includes(this.subject)) label = `${this.subject}${label}`;
    if (!isUsableLabel(label)) return null;
    // `其中，…下达五通桥区2023年…补贴资金2.78万元`: a county of the report's region named in the figure's own
    // clause, even before its year, makes the figure that county's (the prefix may lengthen a usable label).
    // (A county in a school's name, or in a list of names counted, is no such place: 施甸县职业高级中学、…5所.)
    const clause = s.slice(read.clauseStart, at);
    const ownPlace = narrowing || /[、]/.test(clause) ? null : narrowingPlace(clause, this.meta.entity);
    const inName = ownPlace !== null && new RegExp(`${ownPlace}(?:第[一二三四五六七八九十]|民族)?(?:职|技|卫|中等|高级|综合|师范|农业|财经|艺术)`).test(clause);
    if (ownPlace && !inName && !label.includes(ownPlace)) label = `${ownPlace}${label}`;
    return label;
  }

  /**
   * The year of a figure with no from-year: a to-value's named year, else the nearest year before it
   * (see yearFor; the to-value's is the sentence's, not the from-year inside its clause). 上年度 (not as a
   * comparison base: 较上年度) moves the report's year back by one when no year is named.
   */
  private yearOf(at: number, read: LabelRead, change: boolean): number | null {
    const { defaultYear } = this.meta;
    const lastYear = defaultYear !== null && LAST_YEAR.test(this.s.slice(this.segmentStart, at)) ? defaultYear - 1 : defaultYear;
    const toYear = read.toEnd?.[2] ? Number(read.toEnd[2]) : null;
    const years = this.layout.years;
    return toYear ?? yearFor(read.toEnd ? years.filter((x) => x.start < read.clauseStart || x.start >= at) : years, at, this.segmentStart, change, lastYear);
  }

  private textFact(
    label: string,
    fig: Figure,
    reading: LabelReading,
    approxAfter: string | undefined,
    approxWord: string | undefined,
    y: number | null,
    line: number,
    offset: number,
    at: number,
  ): Fact {
    const { meta } = this;
    return {
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
      context: this.s.trim(),
      // A frame already inside the words since the last figure is not said twice.
      scope: `${this.p.title} ${this.sceneBefore} ${this.scopeFrom > this.segmentStart ? this.frame : ""} ${this.s.slice(this.scopeFrom, at)}`.replace(/\s+/g, " ").trim(),
    };
  }
}
