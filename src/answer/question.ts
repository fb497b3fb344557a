import type { AskContext, Intent } from "../types.js";
import type { Loaded } from "./state.js";
import { translateQuery } from "../search/glossary.js";
import { readSlots, withoutSlotWords } from "../text/qualifiers.js";
import { CHANGE_VERB_SOURCE, COUNTERS, STANDARD_TABLE_SOURCE } from "../text/vocabulary.js";
import { answering, matchIndicators, normalizeLabel, type IndicatorMatch } from "./indicators.js";
import { replyLang, type Lang } from "./reply.js";
import { applySynonyms } from "./synonyms.js";
import { findTable } from "./tableView.js";
import { cleanTyped, detectIntent, parseYears, RECENT_YEARS_SOURCE, toHalfWidth, toSimplified, type EntityMatch, type UnknownEntity } from "./understand/index.js";
import { conjoinedWith, ENGLISH_WORDS, unknownPlaceWords } from "./understand/unknownPlaces.js";
import { pinyinToChinese } from "./understand/pinyinWords.js";
import { continuesPrevious } from "./understand/followUp.js";
import { subjectRowMatches } from "./subjectRows.js";
import { preferUnit } from "./figures.js";
import { parseSchoolName } from "../places/schools.js";

/**
 * What a question asks: its reports (and the schools or counties it names inside them), years,
 * indicator candidates, the tables it names, its intent, and the words to search for. Follow-ups
 * fill what they leave out from the previous answer's context.
 */

/** What the question was understood to ask, before answering. */
export interface Understood {
  question: string;
  /** Simplified, half-width question; same length as the typed one, so spans line up. */
  text: string;
  lang: Lang;
  reports: string[];
  /** Reports named only through a school or county inside them (鹤山职校): their region-wide figures are not its. */
  subjectOnly: Map<string, string>;
  /** The named school's (or county's) own rows in a region's report that answer the indicator (subjectRows.ts), by report. */
  subjectRows: Map<string, IndicatorMatch[]>;
  unknown: string[];
  years: number[];
  yearsExplicit: boolean;
  /** The question's indicator words, synonyms applied. */
  indicatorQuery: string;
  /** For a relative year (去年, 近两年) asked of reports of different years: each report's own years. */
  yearsByReport: Map<string, number[]>;
  /** Tables the question names ("教学资源表", "表6"), when it names any. */
  tableIds: Set<string> | null;
  matches: IndicatorMatch[];
  /** Rows that matched but leave words of the question unexplained (the best first): suggestions, never answers. */
  partial: IndicatorMatch[];
  /** The words the best partial row leaves unexplained, when no row explains them all. */
  leftover: string[];
  intent: Intent;
  casesOnly: boolean;
  /** Text for passage search: the question without report names and years (school and county names kept). */
  searchText: string;
  /** True when the question asked to compute (推算, 算一下, calculate): a derived figure may then answer it (derived.ts). */
  derive?: boolean;
  /** Names the words left pointing at reports of different entities (遂宁 for two of its schools): the answer asks which. */
  ambiguous: AmbiguousName[];
  /** Names that fit one report fully and others in part (遂宁: 遂宁市职业技术学校, not 遂宁市安居职业高级中学): answered from the first, the others named beside it. */
  alsoMeant: AmbiguousName[];
}

/** A name in the question that stays ambiguous: its span and the reports it could mean, the best fit first. */
export interface AmbiguousName {
  matched: string;
  start: number;
  end: number;
  reports: string[];
}

/** Question words and particles that say nothing about which indicator is asked for. */
const FILLER_ZH = new RegExp(
  `[发花配买评拿给用办建获开设出派送收交投引]了(?=多少|几)|(?<=\\s)比(?=\\s)|(?:${CHANGE_VERB_SOURCE}|多|少)了?(?=多少|几|\\s*$)|请问|(?<![\\u4e00-\\u9fff])请|(?<![\\u4e00-\\u9fff])那么?(?=[\\u4e00-\\u9fff])|帮我|帮忙|查一下|查下|查查|那边|这边|那里|这里|咋样|怎样|多大|多长|多高|报告里面|报告里|报告中|的报告|报告|现在|目前|具体|大概|大约|查询|告诉我|我想知道|想知道|是多少|有多少|为多少|多少|有几[个所名门项位]|有几|几[个所名门项位]|几|是什么|什么|吗|呢|吧|啊|呀|么|？|！|，|。|、|；|分别是|分别|各是|比一下|比比|比较|对比|相比|变化|怎么样|如何|情况|数据|数字|指标|一下|里面|表里|表中|里的|中的|上的|发放了|发放|排名|排行|排序|最高|最低|最多|最少|最大|最小|哪个地区|哪个报告|哪个|哪里|各地区|各地|地区|[四五六]个|所有|的|了|和|与|及|(?<![\\u4e00-\\u9fff])跟(?![\\u4e00-\\u9fff])`,
  "g",
);
const FILLER_EN =
  /\b(?:vs\.?|versus|compared?|with|and|between|how\s+many|how\s+much|what\s+(?:is|was|were|are)|what|which|in|the|of|for|did|does|do|was|were|is|are|a|an|there|to|on|have|has|had|get|got|its|their|at|about|same|also|then|so)\b|[?!,.:;]/gi;

/**
 * "多少亩", "多少分", "多少平方米": the unit asked in, which no row label prints (学时 is one: it stays); and "有几所中职学校",
 * where the measure word stands before the noun it counts. Both go before matching.
 */
const ASKED_MEASURE = new RegExp(
  [
    "有?(?:多少|几)(?:万元|平方米|平方|亩|分|小时|天)",
    `有?(?:多少|几)[${COUNTERS.join("")}](?=[\\u4e00-\\u9fff]{2})`,
    // At the end, a counter the label never prints (发表论文多少篇, 配了几台): 个, 所, 项, 门, 名, 册 and 次 there
    // are read by the indicator's own ending (专业有多少个 → 专业数).
    `有?(?:多少|几)[${COUNTERS.filter((c) => !"个所项门名册次".includes(c)).join("")}](?=[^\\u4e00-\\u9fff]|$)`,
  ].join("|"),
  "g",
);

/** The unit a question asks in ("多少人" → 人), a tie-breaker between rows. */
function askedUnit(text: string): string | null {
  const m = /(?:多少|几)(个|名|所|人|万元|元|册|项|门|位|亩|平方米|分|学时|人次)/.exec(text);
  if (!m) return null;
  return m[1] === "名" || m[1] === "位" ? "人" : m[1];
}

/** Removes character spans from a string (replacing them with spaces, so later spans keep their places). */
export function blankSpans(s: string, spans: [number, number][]): string {
  if (!spans.length) return s;
  const blank = new Uint8Array(s.length);
  for (const [a, b] of spans) blank.fill(1, Math.max(0, a), Math.min(b, s.length));
  let out = "";
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j < s.length && blank[j] === blank[i]) j++;
    out += blank[i] ? " ".repeat(j - i) : s.slice(i, j);
    i = j;
  }
  return out;
}

const STANDARD_NAMES = new RegExp(STANDARD_TABLE_SOURCE);

/** Tables the question names, within the asked reports; the words naming them are returned for removal. */
function requestedTables(state: Loaded, text: string, reports: string[], tableRequested: string | null): { ids: Set<string> | null; span: string | null } {
  const numbered = /表\s*\d+(?:[-－]\d+)?/.exec(text)?.[0] ?? null;
  const named = STANDARD_NAMES.exec(text)?.[0] ?? null;
  const words = numbered ?? named ?? tableRequested;
  if (!words) return { ids: null, span: null };
  const pool = state.tableHeadsOf(reports);
  const ids = new Set<string>();
  for (const report of reports.length ? reports : [...new Set(pool.map((t) => t.report))]) {
    const own = pool.filter((t) => t.report === report);
    if (numbered && !named) {
      // 表6 may exist twice (body and appendix); keep every table with that number.
      for (const t of own) if (t.number?.replace(/\s/g, "") === numbered.replace(/\s/g, "")) ids.add(t.id);
    } else {
      const t = findTable(own, words);
      if (t) ids.add(t.id);
    }
  }
  return { ids: ids.size ? ids : null, span: words };
}

/** The last few years as a span (近三年, 最近两年, 近年来): the time scope of a multi-year total. */
const RECENT_YEARS = new RegExp(`${RECENT_YEARS_SOURCE}来?|近年来`);

/** A name that points into a report's region (a school, a county) rather than at the report itself. */
export function bySubject(m: EntityMatch): boolean {
  return (m.via === "place" || m.via === "school") && !!m.subject;
}

/**
 * Reads a question in named steps: who it asks about (reports, places without one, a follow-up's
 * context), when (years), what (indicator words, tables, words to search for), and which rows answer.
 */
export function understand(state: Loaded, question: string, previous: AskContext | undefined): Understood {
  const typed = cleanTyped(question);
  const text = toHalfWidth(toSimplified(typed));
  const who = readWho(state, text, previous);
  const when = readWhen(state, text, who);
  const what = readWhat(state, text, who, when);
  const rows = matchRows(state, text, who, when, what);
  // The coverage rule: a row that leaves a word of the question unexplained is not the answer
  // while another row explains them all; when none does, nothing is stated and the word is named.
  const partial = rows.matches.filter((m) => m.leftover.length);
  const answered = answering(rows.matches);
  const leftover = answered.length ? [] : [...new Set(partial.flatMap((m) => (m === partial[0] ? m.leftover : [])))];
  const matches = preferUnit(answered, askedUnit(text));
  const years = rows.years;
  const detected = detectIntent(text, { entityCount: who.entityCount, yearCount: years.length, hasIndicator: matches.length > 0 });
  let intent = detected.intent;
  if (rows.indicatorFromContext && (intent === "passage" || intent === "unknown")) intent = who.context?.intent === "rank" ? "rank" : "figure";
  return {
    question: typed,
    text,
    lang: replyLang(typed),
    reports: when.reports,
    subjectOnly: who.subjectOnly,
    subjectRows: rows.subjectRows,
    unknown: who.unknown,
    years,
    yearsByReport: when.yearsByReport,
    yearsExplicit: when.parsed.explicit || when.yearsFromContext,
    indicatorQuery: rows.indicatorQuery,
    tableIds: what.tables.ids,
    matches,
    partial,
    leftover,
    intent,
    casesOnly: detected.casesOnly,
    searchText: what.searchText,
    ambiguous: who.ambiguous,
    alsoMeant: who.alsoMeant,
  };
}

/** Who a question asks about: the reports it names (or a follow-up's), places without a report, and the context it continues. */
interface Who {
  resolved: ReturnType<Loaded["resolver"]["resolve"]>;
  places: ReturnType<typeof placesWithoutReport>;
  /** The previous answer's context, when the question continues it (understand/followUp.ts). */
  context: AskContext | undefined;
  reports: string[];
  unknown: string[];
  entitiesFromContext: boolean;
  /** How many things are named: a name several reports share (遂宁 for every 遂宁 school) is one. */
  entityCount: number;
  subjectOnly: Map<string, string>;
  ambiguous: AmbiguousName[];
  alsoMeant: AmbiguousName[];
}

function readWho(state: Loaded, text: string, previous: AskContext | undefined): Who {
  const resolved = state.resolver.resolve(text);
  let reports = [...new Set(resolved.matches.map((m) => m.report))];
  const places = placesWithoutReport(text, resolved);
  // The conversation rule (understand/followUp.ts): only an elliptical question or a reply continues the previous answer.
  const bare = blankSpans(text, [
    ...resolved.matches.map((m): [number, number] => [m.start, m.end]),
    ...places.all.map((u): [number, number] => [u.start, u.end]),
    ...parseYears(text, { reportYear: null, latestDataYear: null }).spans,
  ]);
  const context = previous && continuesPrevious({ text, residual: bare.replace(FILLER_EN, " ").replace(FILLER_ZH, " "), isReply: !!previous.isReply }) ? previous : undefined;
  const unknown = [...new Set(places.unknown.map((u) => u.name))];
  let entitiesFromContext = false;
  if (!reports.length && !unknown.length && context?.entities.length) {
    reports = context.entities.map((e) => state.reportByEntity.get(e) ?? e).filter((r) => state.metaByReport.has(r));
    entitiesFromContext = reports.length > 0;
  }
  // A name several reports share (遂宁 for every 遂宁 school) names one thing: no comparison is asked.
  const perSpan = new Map<string, number>();
  for (const m of resolved.matches) perSpan.set(`${m.start}:${m.end}`, (perSpan.get(`${m.start}:${m.end}`) ?? 0) + 1);
  const sharedExtra = [...perSpan.values()].reduce((n, k) => n + k - 1, 0);
  const entityCount = entitiesFromContext ? reports.length : Math.max(Math.min(reports.length, 1), reports.length - sharedExtra);
  const { ambiguous, alsoMeant } = entitiesFromContext ? { ambiguous: [], alsoMeant: [] } : sharedNames(state, resolved.matches);
  // The reports a fully fitting name leaves out are not asked about.
  if (alsoMeant.length) {
    const left = new Set(alsoMeant.flatMap((a) => a.reports));
    reports = reports.filter((r) => !left.has(r));
  }
  const subjects = resolved.matches.filter(bySubject).map((m) => ({ report: m.report, name: m.subject! }));
  // The narrower name wins: 乐山峨眉山市 asks about 峨眉山市, whose figures 乐山's report may not give apart.
  const subjectOnly = new Map(subjects.filter((s) => state.metaByReport.get(s.report)?.kind !== "school").map((s) => [s.report, s.name]));
  return { resolved, places, context, reports, unknown, entitiesFromContext, entityCount, subjectOnly, ambiguous, alsoMeant };
}

/** When: the years asked (each report's own for a relative year), and the reports of an edition asked for. */
interface When {
  parsed: ReturnType<typeof parseYears>;
  reports: string[];
  years: number[];
  yearsByReport: Map<string, number[]>;
  yearsFromContext: boolean;
}

function readWhen(state: Loaded, text: string, who: Who): When {
  let reports = who.reports;
  const ref = state.metaByReport.get(reports[0] ?? "") ?? null;
  const parsed = parseYears(text, { reportYear: ref?.reportYear ?? null, latestDataYear: ref?.latestDataYear ?? null });
  // 2023年报告: the report of that edition (of those named, or of all), for the years it covers.
  if (parsed.reportYears.length) {
    const pool = reports.length ? reports : state.reportNames;
    const editions = pool.filter((r) => parsed.reportYears.includes(state.metaByReport.get(r)?.reportYear ?? -1));
    if (editions.length) reports = editions;
  }
  // 去年 is each report's own last year: 乐山's 2024 report and 吕梁's 2023 one mean 2023 and 2022.
  const yearsByReport = new Map<string, number[]>();
  if (parsed.relative && reports.length > 1) {
    for (const r of reports) {
      const m = state.metaByReport.get(r);
      yearsByReport.set(r, parseYears(text, { reportYear: m?.reportYear ?? null, latestDataYear: m?.latestDataYear ?? null }).years);
    }
  }
  const fromContext = !parsed.years.length && !!who.context?.years.length;
  return { parsed, reports, years: fromContext ? who.context!.years : parsed.years, yearsByReport, yearsFromContext: fromContext };
}

/** What: the question's indicator words, the tables it names, and the words to search passages for. */
interface What {
  indicatorQuery: string;
  tables: { ids: Set<string> | null; span: string | null };
  searchText: string;
}

function readWhat(state: Loaded, text: string, who: Who, when: When): What {
  const { resolved, places } = who;
  // A place-like word the gazetteer does not know, beside a named report (藏彝区 in 乐山藏彝区9+3在校学生), is part
  // of what is asked: it stays in the indicator words, so only a row that names it answers.
  const indicatorPlaces = places.all.filter((u) => !places.wordTopics.includes(u));
  const spans: [number, number][] = [...resolved.matches.map((m): [number, number] => [m.start, m.end]), ...indicatorPlaces.map((u): [number, number] => [u.start, u.end]), ...when.parsed.spans];
  let residual = blankSpans(text, spans);
  // Search keeps the words naming a school or county (鹤山职校, 孝义): the report filter has the region,
  // those words find the passage; the region's own name would only match everything in its report.
  const searchSpans = [
    ...resolved.matches.filter((m) => !bySubject(m)).map((m): [number, number] => [m.start, m.end]),
    ...places.all.map((u): [number, number] => [u.start, u.end]),
    ...when.parsed.spans,
  ];
  // A place that is a topic of the named report (赴港交流, "exchanges with Hong Kong") is searched for, by its Chinese name.
  const searchText = keywordText(`${blankSpans(text, searchSpans)} ${places.topics.map((t) => t.zh ?? t.name).join(" ")}`);
  const preIntent = detectIntent(text, { entityCount: who.entityCount, yearCount: when.years.length, hasIndicator: true });
  const tables = requestedTables(state, residual, when.reports, preIntent.tableRequested);
  if (tables.span) residual = residual.replace(tables.span, " ");
  residual = residual.replace(/表\s*\d+(?:[-－]\d+)?/g, " ");
  // Pinyin indicator words (biyesheng renshu) in the catalogue's Chinese; English words stay for the synonyms.
  if (/[a-z]{4}/i.test(residual)) residual = pinyinToChinese(residual, state.pinyin, (w) => ENGLISH_WORDS.has(w.toLowerCase()));
  const indicatorQuery = applySynonyms(residual.replace(ASKED_MEASURE, " ")).replace(FILLER_EN, " ").replace(FILLER_ZH, " ").replace(/\s+/g, "");
  return { indicatorQuery, tables, searchText };
}

/** Which rows: the matches (not yet filtered by the coverage rule), with what a follow-up or a time scope changed of the question. */
interface Rows {
  matches: IndicatorMatch[];
  indicatorQuery: string;
  indicatorFromContext: boolean;
  subjectRows: Map<string, IndicatorMatch[]>;
  years: number[];
}

function matchRows(state: Loaded, text: string, who: Who, when: When, what: What): Rows {
  const { reports } = when;
  const context = who.context;
  let { indicatorQuery } = what;
  let years = when.years;
  let indicatorFromContext = false;
  const tableIds = what.tables.ids;
  const candidates = state.lookup(reports, tableIds ? (e) => e.tableId !== null && tableIds.has(e.tableId) : undefined);
  let matches = indicatorQuery ? matchIndicators(indicatorQuery, candidates) : [];
  if (!matches.length && tableIds) matches = indicatorQuery ? matchIndicators(indicatorQuery, state.lookup(reports)) : [];
  // A follow-up that only qualifies (民办的呢, "and the provincial ones?") asks for the previous indicator, qualified.
  const qualifiesOnly = !!indicatorQuery && Object.keys(readSlots(indicatorQuery)).length > 0 && withoutSlotWords(normalizeLabel(indicatorQuery)).length <= 1;
  if (context?.indicator && (qualifiesOnly || (!matches.length && normalizeLabel(indicatorQuery).length <= 1))) {
    indicatorQuery = qualifiesOnly ? `${indicatorQuery}${context.indicator}` : context.indicator;
    matches = matchIndicators(indicatorQuery, state.lookup(reports));
    // Qualified, it is still a figure question: nothing found is said as such, naming the qualifier.
    indicatorFromContext = matches.length > 0 || qualifiesOnly;
  }
  // A school named inside a region's report may have rows of its own there (学校 | 在校生数 | …).
  const subjectRows = new Map<string, IndicatorMatch[]>();
  const reportsBySubject = new Map<string, string[]>();
  for (const [report, subject] of who.subjectOnly) reportsBySubject.set(subject, [...(reportsBySubject.get(subject) ?? []), report]);
  for (const [subject, inReports] of reportsBySubject) for (const [report, own] of subjectRowMatches(state, inReports, subject, indicatorQuery)) subjectRows.set(report, own);
  for (const report of who.subjectOnly.keys()) {
    const own = subjectRows.get(report);
    if (own) matches = [...own, ...matches.filter((m) => m.entry.report !== report)];
  }
  // 近三年新增了多少个紧缺专业: a span of recent years may be the time scope a sentence's total is printed
  // under (近三年新增紧缺专业), not a list of years. Asked so only when nothing answers the years.
  const recent = RECENT_YEARS.exec(text)?.[0];
  if (recent && indicatorQuery && !answering(matches).length) {
    const scoped = answering(matchIndicators(`${recent}${indicatorQuery}`, candidates)).filter((m) => m.entry.slots.timeScope);
    if (scoped.length) {
      matches = scoped;
      indicatorQuery = `${recent}${indicatorQuery}`;
      years = [];
    }
  }
  return { matches, indicatorQuery, indicatorFromContext, subjectRows, years };
}

/**
 * A school's name is its place and a suffix (遂宁市职业技术学校), or says more than the question's place
 * words: a stem of its own (遂宁市安居职业高级中学, 遂宁乙甲市职业技术学校) or a narrower place
 * (遂宁市船山职业高级中学 is 船山区's). Named by its place (`matched` starts with it, or is its pinyin:
 * Suining), the first fits fully and the others in part. A Latin name the report is given (a manifest
 * alias or English name) fits fully; a report of any other kind fits as its name does.
 */
function fitsFully(state: Loaded, m: EntityMatch): boolean {
  const meta = state.metaByReport.get(m.report);
  if (meta?.kind !== "school" || ((m.via === "alias" || m.via === "english") && /[A-Za-z]/.test(m.matched))) return true;
  const parts = parseSchoolName(toSimplified(meta.entity));
  if (parts?.stem !== "") return false;
  // A school's Latin name other than its own is its place's pinyin (the resolver's Latin tables).
  if (m.via === "pinyin") return true;
  const home = parts.places[parts.places.length - 1]?.places ?? [];
  const words = toSimplified(m.matched);
  return home.some((p) => words.startsWith(p.name) || (!!p.short && words.startsWith(p.short)));
}

/**
 * Spans whose matches name more than one entity (editions of one entity's report are no choice). When
 * exactly one entity fits fully (see fitsFully) it answers and the others are `alsoMeant`; otherwise the
 * name is ambiguous. Reports are listed by how much of their name the question's words cover (遂宁
 * covers more of 遂宁市职业技术学校 than of 遂宁市安居职业高级中学), then by name.
 */
function sharedNames(state: Loaded, matches: EntityMatch[]): { ambiguous: AmbiguousName[]; alsoMeant: AmbiguousName[] } {
  const bySpan = new Map<string, EntityMatch[]>();
  for (const m of matches) bySpan.set(`${m.start}:${m.end}`, [...(bySpan.get(`${m.start}:${m.end}`) ?? []), m]);
  const ambiguous: AmbiguousName[] = [];
  const alsoMeant: AmbiguousName[] = [];
  for (const ms of bySpan.values()) {
    if (new Set(ms.map((m) => m.entity)).size < 2) continue;
    const cover = (m: EntityMatch) => m.matched.length / Math.max(1, m.entity.length);
    const sorted = [...ms].sort((a, b) => cover(b) - cover(a) || a.entity.localeCompare(b.entity, "zh") || a.report.localeCompare(b.report));
    const known = sorted.filter((m) => state.metaByReport.has(m.report));
    const span = { matched: ms[0]!.matched, start: ms[0]!.start, end: ms[0]!.end };
    const full = new Set(known.filter((m) => fitsFully(state, m)).map((m) => m.entity));
    if (full.size === 1) {
      const [entity] = full;
      const others = [...new Set(known.filter((m) => m.entity !== entity).map((m) => m.report))];
      if (others.length) alsoMeant.push({ ...span, reports: others });
      continue;
    }
    const reports = [...new Set(known.map((m) => m.report))];
    if (reports.length > 1) ambiguous.push({ ...span, reports });
  }
  return { ambiguous, alsoMeant };
}

/**
 * The context a follow-up is read in, with what would leak into it taken out (the rule, docs/DESIGN.md
 * "Follow-ups"):
 * - a question that names a place and an indicator of its own (江门的月收入呢 after 吕梁2022年在校生) is a new
 *   question: it inherits nothing, not even the year;
 * - a follow-up that names another place (江门的, 江门呢) keeps the previous year only when that place's report
 *   has figures for it; otherwise it asks for the place's latest year, and the answer says the year was not given.
 *   A year the follow-up types itself (江门2022年的) is always the one asked.
 *
 * @example scopeContext(state, "江门的", { entities: ["吕梁市"], years: [2022], … }) // { …, years: [] }
 */
export function scopeContext(state: Loaded, question: string, previous: AskContext | undefined): AskContext | undefined {
  if (!previous) return previous;
  const fresh = understand(state, question, undefined);
  if (!fresh.reports.length) return previous;
  // 民办的呢 only qualifies the previous indicator: that is no indicator of its own.
  const qualifiesOnly = Object.keys(readSlots(fresh.indicatorQuery)).length > 0 && withoutSlotWords(normalizeLabel(fresh.indicatorQuery)).length <= 1;
  if (fresh.matches.length && !qualifiesOnly) return undefined;
  if (fresh.years.length || !previous.years.length) return previous;
  const covered = fresh.reports.every((r) => {
    const has = state.metaByReport.get(r)?.dataYears ?? [];
    return previous.years.every((y) => has.includes(y));
  });
  return covered ? previous : { ...previous, years: [] };
}

/**
 * The places a question names that have no report: the gazetteer's (成都, Hong Kong) and place-like
 * words it does not know (火星市, 某职业学校, Atlantis). Beside a named report, one is a thing compared
 * only when it is conjoined with it (成都和乐山); otherwise it is a topic of that report (江门 赴港 交流).
 */
function placesWithoutReport(
  text: string,
  resolved: ReturnType<Loaded["resolver"]["resolve"]>,
): { all: UnknownEntity[]; unknown: UnknownEntity[]; topics: UnknownEntity[]; wordTopics: UnknownEntity[] } {
  const named: [number, number][] = resolved.matches.map((m) => [m.start, m.end]);
  const read: [number, number][] = [...named, ...resolved.unknown.map((u): [number, number] => [u.start, u.end]), ...parseYears(text, { reportYear: null, latestDataYear: null }).spans];
  const words = unknownPlaceWords(text, read);
  const all = [...resolved.unknown, ...words];
  if (!named.length) return { all, unknown: all, topics: [], wordTopics: [] };
  // A place-like word right after a report's name (乐山藏彝区, 乐山 藏彝区) names a part of it, not a second
  // place: places compared are joined by 和, 与, vs.
  const partOfNamed = (u: UnknownEntity) => words.includes(u) && named.some(([, e]) => e <= u.start && !text.slice(e, u.start).trim());
  const unknown = all.filter((u) => conjoinedWith(text, u, named) && !partOfNamed(u));
  const topics = all.filter((u) => !unknown.includes(u));
  // Of the topics, those only shaped like a place name (no gazetteer place): words of the indicator.
  return { all, unknown, topics, wordTopics: topics.filter((u) => words.includes(u)) };
}

/** The words to search for: the question's Chinese, plus Chinese for its English words. */
export function keywordText(residual: string): string {
  return `${residual} ${translateQuery(residual)}`.replace(/\s+/g, " ").trim();
}

/** Words that ask for case studies, taken out of the words to search for. */
export const CASE_WORDS = /典型案例|案例|case studies|case study|cases?/gi;
