import type { Alternative, Answer, AnswerFact, AskContext, Intent, PassageHit, ReportMeta } from "../types.js";
import type { Loaded } from "./engine.js";
import { change, findVariants, pickFigure, preferCoverage, toAnswerFact, yearsWithValues, type Gap, type Picked } from "./figures.js";
import { matchIndicators, normalizeLabel, type IndicatorMatch } from "./indicators.js";
import { compareReply, figureReply, formatSource, formatValue, passagesReply, rankReply, replyLang, reportLabel, type Lang } from "./reply.js";
import { translateQuery } from "../search/glossary.js";
import { applySynonyms } from "./synonyms.js";
import { findTable, renderTable } from "./tableView.js";
import { detectIntent, parseYears, toHalfWidth, toSimplified } from "./understand/index.js";

/**
 * Understands a question and answers it from the loaded index: the one place that decides
 * what kind of answer a question gets. Every answer is built from facts and passages that were
 * read from a report; when none fits, the answer says what was looked for and what is nearest.
 */

/** What the question was understood to ask, before answering. */
interface Understood {
  question: string;
  /** Simplified, half-width question; same length as the typed one, so spans line up. */
  text: string;
  lang: Lang;
  reports: string[];
  /** Places or schools named inside a report's region (孝义, 鹤山职校): search terms. */
  subjects: { report: string; name: string }[];
  /** Reports named only through such a place or school: their region-wide figures are not the place's. */
  subjectOnly: Map<string, string>;
  unknown: string[];
  years: number[];
  yearsExplicit: boolean;
  /** The question's indicator words, synonyms applied. */
  indicatorQuery: string;
  /** Tables the question names ("教学资源表", "表6"), when it names any. */
  tableIds: Set<string> | null;
  matches: IndicatorMatch[];
  intent: Intent;
  casesOnly: boolean;
  /** Text for passage search: the question without entity names and years. */
  searchText: string;
  fromContext: { entities: boolean; years: boolean; indicator: boolean };
}

/** Question words and particles that say nothing about which indicator is asked for. */
const FILLER_ZH =
  /请问|请|帮我|帮忙|查一下|查查|查询|告诉我|我想知道|想知道|是多少|有多少|为多少|多少|有几[个所名门项位]|有几|几[个所名门项位]|几|是什么|什么|吗|呢|吧|啊|呀|么|？|！|，|。|、|；|分别是|分别|各是|比一下|比比|比较|对比|相比|变化|怎么样|如何|情况|数据|数字|指标|一下|里面|表里|表中|里的|中的|上的|发放了|发放|排名|排行|排序|最高|最低|最多|最少|最大|最小|哪个地区|哪个报告|哪个|哪里|各地区|各地|地区|[四五六]个|所有|的|了|和|与|及|跟/g;
const FILLER_EN = /\b(?:vs\.?|versus|compared?|with|and|between|how\s+many|how\s+much|what\s+(?:is|was|were|are)|what|which|in|the|of|for|did|does|do|was|were|is|are|a|an|there|to|on)\b|[?!,.:;]/gi;

/** The unit a question asks in ("多少人" → 人), a tie-breaker between rows. */
function askedUnit(text: string): string | null {
  const m = /(?:多少|几)(个|名|所|人|元|万元|册|项|门|位)/.exec(text);
  if (!m) return null;
  return m[1] === "名" || m[1] === "位" ? "人" : m[1];
}

/** Removes character spans from a string (replacing them with spaces, so later spans keep their places). */
function blankSpans(s: string, spans: [number, number][]): string {
  const chars = s.split("");
  for (const [a, b] of spans) for (let i = a; i < b && i < chars.length; i++) chars[i] = " ";
  return chars.join("");
}

const STANDARD_NAMES = /人才培养质量计分卡|计分卡|满意度调查表|教学资源表|服务贡献表|国际影响表|落实政策表/;

/** Tables the question names, within the asked reports; the words naming them are returned for removal. */
function requestedTables(state: Loaded, text: string, reports: string[], tableRequested: string | null): { ids: Set<string> | null; span: string | null } {
  const numbered = /表\s*\d+(?:[-－]\d+)?/.exec(text)?.[0] ?? null;
  const named = STANDARD_NAMES.exec(text)?.[0] ?? null;
  const words = numbered ?? named ?? tableRequested;
  if (!words) return { ids: null, span: null };
  const pool = state.data.tables.filter((t) => !reports.length || reports.includes(t.report));
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

function understand(state: Loaded, question: string, context: AskContext | undefined): Understood {
  const typed = question.replace(/\s+/g, " ").trim();
  const text = toHalfWidth(toSimplified(typed));
  const lang = replyLang(typed);
  const resolved = state.resolver.resolve(text);
  let reports = [...new Set(resolved.matches.map((m) => m.report))];
  const unknown = [...new Set(resolved.unknown.map((u) => u.name))];
  const fromContext = { entities: false, years: false, indicator: false };
  if (!reports.length && !unknown.length && context?.entities.length) {
    reports = context.entities.map((e) => state.reportByEntity.get(e) ?? e).filter((r) => state.metaByReport.has(r));
    fromContext.entities = reports.length > 0;
  }
  const bySubject = (m: (typeof resolved.matches)[number]) => (m.via === "place" || m.via === "school") && !!m.subject;
  const subjects = resolved.matches.filter(bySubject).map((m) => ({ report: m.report, name: m.subject! }));
  const direct = new Set(resolved.matches.filter((m) => !bySubject(m)).map((m) => m.report));
  const subjectOnly = new Map(subjects.filter((s) => !direct.has(s.report) && state.metaByReport.get(s.report)?.kind !== "school").map((s) => [s.report, s.name]));
  const ref = state.metaByReport.get(reports[0] ?? "") ?? null;
  const parsedYears = parseYears(text, { reportYear: ref?.reportYear ?? null, latestDataYear: ref?.latestDataYear ?? null });
  let years = parsedYears.years;
  if (!years.length && context?.years.length) {
    years = context.years;
    fromContext.years = true;
  }

  const spans: [number, number][] = [...resolved.matches.map((m): [number, number] => [m.start, m.end]), ...resolved.unknown.map((u): [number, number] => [u.start, u.end]), ...parsedYears.spans];
  let residual = blankSpans(text, spans);
  // Search keeps the words naming a school or county (鹤山职校, 孝义): the report filter has the region,
  // those words find the passage; the region's own name would only match everything in its report.
  const searchSpans = [...resolved.matches.filter((m) => !bySubject(m)).map((m): [number, number] => [m.start, m.end]), ...resolved.unknown.map((u): [number, number] => [u.start, u.end]), ...parsedYears.spans];
  const searchText = keywordText(blankSpans(text, searchSpans));
  const preIntent = detectIntent(text, { entityCount: reports.length, yearCount: years.length, hasIndicator: true });
  const tables = requestedTables(state, residual, reports, preIntent.tableRequested);
  if (tables.span) residual = residual.replace(tables.span, " ");
  residual = residual.replace(/表\s*\d+(?:[-－]\d+)?/g, " ");
  let indicatorQuery = applySynonyms(residual).replace(FILLER_EN, " ").replace(FILLER_ZH, " ").replace(/\s+/g, "");

  const candidates = state.catalog.filter((e) => (!reports.length || reports.includes(e.report)) && (!tables.ids || (e.tableId !== null && tables.ids.has(e.tableId))));
  let matches = indicatorQuery ? matchIndicators(indicatorQuery, candidates) : [];
  if (!matches.length && tables.ids) matches = indicatorQuery ? matchIndicators(indicatorQuery, state.catalog.filter((e) => !reports.length || reports.includes(e.report))) : [];
  if (!matches.length && context?.indicator && normalizeLabel(indicatorQuery).length <= 1) {
    indicatorQuery = context.indicator;
    matches = matchIndicators(indicatorQuery, state.catalog.filter((e) => !reports.length || reports.includes(e.report)));
    fromContext.indicator = matches.length > 0;
  }
  const unit = askedUnit(text);
  if (unit && matches.length > 1) {
    // "多少人" settles a near-tie between a count and a rate.
    const best = matches[0].score;
    matches = matches.map((m) => (m.score >= best - 0.08 && m.entry.facts[0]?.unit === unit ? { ...m, score: m.score + 0.04 } : m)).sort((a, b) => b.score - a.score);
  }
  const detected = detectIntent(text, { entityCount: reports.length, yearCount: years.length, hasIndicator: matches.length > 0 });
  let intent = detected.intent;
  if (fromContext.indicator && (intent === "passage" || intent === "unknown")) intent = context?.intent === "rank" ? "rank" : "figure";
  return {
    question: typed,
    text,
    lang,
    reports,
    subjects,
    subjectOnly,
    unknown,
    years,
    yearsExplicit: parsedYears.explicit || fromContext.years,
    indicatorQuery,
    tableIds: tables.ids,
    matches,
    intent,
    casesOnly: detected.casesOnly,
    searchText,
    fromContext,
  };
}

/** The words to search for: the question's Chinese, plus Chinese for its English words. */
function keywordText(residual: string): string {
  return `${residual} ${translateQuery(residual)}`.replace(/\s+/g, " ").trim();
}

/**
 * Passage search as a person means it: only in the reports the query names, without their names
 * as search words, preferring case studies when it says 案例. The bot's /search and /case use it.
 */
export function searchPassages(state: Loaded, query: string, opts: { casesOnly?: boolean; limit?: number } = {}): PassageHit[] {
  const text = toHalfWidth(toSimplified(query.replace(/\s+/g, " ").trim()));
  const resolved = state.resolver.resolve(text);
  const reports = [...new Set(resolved.matches.map((m) => m.report))];
  const direct = resolved.matches.filter((m) => !((m.via === "place" || m.via === "school") && m.subject));
  const years = parseYears(text, { reportYear: null, latestDataYear: null });
  const words = keywordText(blankSpans(text, [...direct.map((m): [number, number] => [m.start, m.end]), ...years.spans]));
  const wantsCases = opts.casesOnly || /案例|case/i.test(text);
  const clean = wantsCases ? words.replace(CASE_WORDS, " ") : words;
  const limit = opts.limit ?? 10;
  let hits = state.search.search(clean, { reports, casesOnly: opts.casesOnly, preferCases: wantsCases, limit });
  // A place named only as a place ("成都 升学") has no report: search them all for it.
  if (!hits.length && resolved.unknown.length) hits = state.search.search(clean, { limit, extraTerms: resolved.unknown.map((u) => u.name) });
  return hits;
}

const CASE_WORDS = /典型案例|案例|case studies|case study|cases?/gi;

/** Answers one question; `context` is a previous answer's `understood`, for follow-ups. */
export function planAnswer(state: Loaded, question: string, context?: AskContext): Answer {
  const t0 = performance.now();
  const u = understand(state, question, context);
  const answer = route(state, u);
  answer.ms = Math.round((performance.now() - t0) * 1000) / 1000;
  return answer;
}

function route(state: Loaded, u: Understood): Answer {
  if (!u.question || u.intent === "help") return helpAnswer(state, u);
  if (u.unknown.length && !u.reports.length) return noReportAnswer(state, u);
  switch (u.intent) {
    case "passage":
      // "江门 接收国外留学生人数" names a figure the reports lack: say so, then show passages.
      if (!u.matches.length && looksLikeIndicator(u.indicatorQuery)) return notFoundAnswer(state, u, []);
      return passageAnswer(state, u);
    case "case":
      return passageAnswer(state, u);
    case "table":
      return tableAnswer(state, u);
    case "rank":
      if (u.matches.length) return rankAnswer(state, u);
      return notFoundAnswer(state, u, []);
    default:
      if (u.matches.length) return figureAnswer(state, u);
      if (u.intent === "unknown" && !u.indicatorQuery) return helpAnswer(state, u);
      return u.indicatorQuery ? notFoundAnswer(state, u, []) : passageAnswer(state, u);
  }
}

/** Words that name a measure (…人数, …率, …经费): a question about one wants a figure. */
function looksLikeIndicator(q: string): boolean {
  return /(?:人数|数量|人次|率|比例|占比|满意度|经费|金额|收入|投入|值|面积|学时)$/.test(q);
}

function base(u: Understood, state: Loaded, intent: Intent): Answer {
  const entities = u.reports.map((r) => state.metaByReport.get(r)?.entity ?? r);
  return {
    question: u.question,
    intent,
    facts: [],
    passages: [],
    reply: "",
    understood: {
      entities,
      years: u.years,
      indicator: u.matches[0]?.entry.indicator ?? null,
      intent,
      unknownEntities: u.unknown,
      // Passage answers list their keywords; figure answers need not load the passage index for them.
      keywords: intent === "passage" || intent === "case" ? state.search.keywords(u.searchText) : [],
      yearDefaulted: !u.yearsExplicit,
    },
    alternatives: [],
    variants: [],
    changes: [],
    ms: 0,
  };
}

function metaOf(state: Loaded, report: string): ReportMeta | undefined {
  return state.metaByReport.get(report);
}

function figureAnswer(state: Loaded, u: Understood): Answer {
  const reports = u.reports.length ? u.reports : [...new Set(u.matches.map((m) => m.entry.report))];
  // "江门 月收入 变化" names no years: compare the two latest the row has.
  let years: (number | null)[] = u.years.length ? u.years : [null];
  if (!u.years.length && u.intent === "change" && reports.length === 1) {
    const top = u.matches.find((m) => m.entry.report === reports[0]);
    const ys = top ? yearsWithValues(top.entry, metaOf(state, reports[0])) : [];
    if (ys.length >= 2) years = ys.slice(-2);
  }
  const picked: Picked[] = [];
  const gaps: Gap[] = [];
  const subjectNotes: string[] = [];
  for (const report of reports) {
    const meta = metaOf(state, report);
    const subject = u.subjectOnly.get(report);
    const ordered = preferCoverage(u.matches, report, years.filter((y): y is number => y !== null), meta);
    for (const year of years) {
      const r = pickFigure(ordered, report, year, meta);
      if (subject && r.picked) {
        // A figure of the whole region is not the named school's or county's.
        subjectNotes.push(u.lang === "zh" ? `报告没有「${subject}」单独的数字；${meta?.entity ?? report}全市（区）的是 ${formatValue(r.picked.fact)}（${formatSource(toAnswerFact(r.picked.fact), u.lang)}）。` : `The report gives no separate figure for ${subject}; for ${meta?.entity ?? report} as a whole it is ${formatValue(r.picked.fact)} (${formatSource(toAnswerFact(r.picked.fact), u.lang)}).`);
        continue;
      }
      if (r.picked) picked.push(r.picked);
      else if (r.gap) gaps.push(r.gap);
    }
  }
  const multi = reports.length > 1 || years.length > 1;
  const intent: Intent = multi ? (u.intent === "change" ? "change" : "compare") : "figure";
  const answer = base(u, state, intent);
  if (!picked.length) return notFoundAnswer(state, u, gaps, subjectNotes);
  answer.facts = picked.map((p) => toAnswerFact(p.fact));
  answer.understood.indicator = picked[0].entry.indicator;
  answer.understood.years = [...new Set(picked.map((p) => p.fact.year).filter((y): y is number => y !== null))];
  answer.alternatives = alternativesFor(state, u, picked[0]);
  const gapLines = gaps.map((g) => gapSentence(state, u, g));
  if (!multi) {
    answer.variants = findVariants(picked[0], state.catalog, metaOf(state, picked[0].entry.report)).map(toAnswerFact);
    answer.reply = figureReply(answer.facts[0], answer.variants, { lang: u.lang, yearDefaulted: !u.yearsExplicit });
  } else {
    for (const report of reports) {
      const own = picked.filter((p) => p.entry.report === report && p.fact.year !== null).sort((a, b) => a.fact.year! - b.fact.year!);
      if (own.length < 2) continue;
      const first = own[0];
      const last = own[own.length - 1];
      const c = change(first.fact, last.fact);
      if (c) answer.changes.push({ entity: first.fact.entity, indicator: first.fact.indicator, from: first.fact.value as number, to: last.fact.value as number, fromYear: first.fact.year!, toYear: last.fact.year!, ...c });
    }
    answer.reply = compareReply(answer.facts, answer.changes, u.lang, gapLines);
  }
  if (subjectNotes.length) answer.reply += `\n${subjectNotes.join("\n")}`;
  if (u.unknown.length) answer.reply += `\n${u.lang === "zh" ? `（没有「${u.unknown.join("、")}」的报告。）` : `(There is no report for ${u.unknown.join(", ")}.)`}`;
  // "遂宁 优秀毕业生" names a row but may be after the story: add the passages too.
  if (!FIGURE_CUE.test(u.text)) {
    answer.passages = state.search.search(u.searchText, { reports: u.reports, limit: 3 });
    if (answer.passages.length) answer.reply += `\n${passagesReply(answer.passages, u.lang, u.lang === "zh" ? "相关段落：" : "Related passages:")}`;
  }
  return answer;
}

/** Words that ask for a number: without one, a question that matches a row may still be after text. */
const FIGURE_CUE = /多少|几|是多少|数|率|比|额|值|收入|经费|面积|满意度|vs|对比|变化|how\s+many|how\s+much|what\s+(?:is|was|were)|number|rate|ratio|income|salary/i;

/** Close alternative readings: other rows that matched almost as well (offered as buttons). */
function alternativesFor(state: Loaded, u: Understood, picked: Picked): Alternative[] {
  const out: Alternative[] = [];
  const seen = new Set([picked.entry.leaf + picked.entry.columnLabel]);
  const entity = metaOf(state, picked.entry.report)?.entity ?? "";
  const year = picked.fact.year ? `${picked.fact.year}年 ` : "";
  for (const m of u.matches) {
    if (m.score < picked.score - 0.15 || out.length >= 3) break;
    const id = m.entry.leaf + m.entry.columnLabel;
    if (seen.has(id) || m.entry.report !== picked.entry.report) continue;
    seen.add(id);
    const label = `${m.entry.path[m.entry.path.length - 1]}${m.entry.columnLabel ? `·${m.entry.columnLabel}` : ""}${m.entry.table ? `（${m.entry.table}）` : ""}`;
    out.push({ label, question: `${entity} ${year}${m.entry.table ?? ""} ${m.entry.path[m.entry.path.length - 1]}${m.entry.columnLabel ? ` ${m.entry.columnLabel}` : ""}`.replace(/\s+/g, " ").trim() });
  }
  return out;
}

function gapSentence(state: Loaded, u: Understood, g: Gap): string {
  const entity = metaOf(state, g.report)?.entity ?? g.report;
  const what = g.entry ? g.entry.indicator : u.indicatorQuery;
  const year = g.year ?? "";
  if (u.lang === "en") {
    if (g.reason === "missing") return `${entity} ${year} ${what}: the report prints no value for that year (${g.entry?.table ?? "running text"}, ${g.report} line ${g.entry?.facts[0]?.line ?? "?"}).`;
    if (g.reason === "no-year") return `${entity} ${year} ${what}: not in the reports; it has figures for ${g.availableYears.join(", ") || "no year"}.`;
    return `${entity}: no figure for "${what}" in the report.`;
  }
  if (g.reason === "missing") {
    const cell = g.entry?.facts.find((f) => (f.year ?? null) === g.year) ?? g.entry?.facts[0];
    return `${entity} ${year}年 ${what}：报告中该项未填写（印为“${cell?.raw || "空白"}”，${g.entry?.table ?? "正文"}，${g.report} 第${cell?.line ?? "?"}行）。`;
  }
  if (g.reason === "no-year") return `${entity} ${year}年 ${what}：报告中没有这一年的数字，该项只有 ${g.availableYears.join("、") || "—"} 年的数据。`;
  return `${entity}：报告中没有「${what}」的数字。`;
}

function notFoundAnswer(state: Loaded, u: Understood, gaps: Gap[], notes: string[] = []): Answer {
  const answer = base(u, state, u.intent === "rank" || u.intent === "compare" || u.intent === "change" ? u.intent : "figure");
  const lines: string[] = [];
  if (gaps.length) lines.push(...gaps.map((g) => gapSentence(state, u, g)));
  else if (!notes.length) {
    const who = u.reports.map((r) => metaOf(state, r)?.entity ?? r).join("、") || (u.lang === "zh" ? "各报告" : "the reports");
    lines.push(u.lang === "zh" ? `报告中没有找到 ${who}${u.years.length ? ` ${u.years.join("、")}年` : ""} 的「${u.indicatorQuery || u.searchText}」。` : `Not in the reports: ${who}${u.years.length ? ` ${u.years.join(", ")}` : ""} "${u.indicatorQuery || u.searchText}".`);
  }
  lines.push(...notes);
  const near = nearestIndicators(state, u);
  if (near.length) {
    lines.push(u.lang === "zh" ? "相近的指标：" : "Nearest indicators:");
    for (const n of near) lines.push(`• ${n.label}`);
    answer.alternatives = near;
  }
  answer.passages = state.search.search(u.searchText, { reports: u.reports, limit: 3 });
  if (answer.passages.length) lines.push(passagesReply(answer.passages, u.lang, u.lang === "zh" ? "相关段落：" : "Related passages:"));
  answer.reply = lines.join("\n");
  return answer;
}

/** Rows whose names come closest to what was asked, for a "not found" reply. */
function nearestIndicators(state: Loaded, u: Understood): Alternative[] {
  if (!u.indicatorQuery) return [];
  const pool = state.catalog.filter((e) => (!u.reports.length || u.reports.includes(e.report)) && e.source === "table");
  const seen = new Set<string>();
  const out: Alternative[] = [];
  for (const m of matchIndicators(u.indicatorQuery, pool, 0.25)) {
    const meta = metaOf(state, m.entry.report);
    const name = m.entry.path[m.entry.path.length - 1];
    const key = `${m.entry.report}${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const years = yearsWithValues(m.entry, meta);
    out.push({ label: `${meta?.entity ?? ""} ${name}（${m.entry.table ?? ""}${years.length ? `，${years.join("、")}年` : ""}）`, question: `${meta?.entity ?? ""} ${years[years.length - 1] ?? ""}年 ${m.entry.table ?? ""} ${name}` });
    if (out.length >= 3) break;
  }
  return out;
}

function rankAnswer(state: Loaded, u: Understood): Answer {
  const answer = base(u, state, "rank");
  const reports = u.reports.length >= 2 ? u.reports : state.data.reports.map((r) => r.report);
  const query = u.indicatorQuery;
  const rows: Picked[] = [];
  const missing: string[] = [];
  for (const report of reports) {
    const matches = matchIndicators(query, state.catalog.filter((e) => e.report === report && (!u.tableIds || (e.tableId !== null && u.tableIds.has(e.tableId)))));
    const r = pickFigure(matches, report, u.years[0] ?? null, metaOf(state, report));
    if (r.picked && sortKey(r.picked.fact.value) !== null) rows.push(r.picked);
    else missing.push(metaOf(state, report)?.entity ?? report);
  }
  if (!rows.length) return notFoundAnswer(state, u, []);
  const ascending = /最少|最低|最小|最差|倒数|least|lowest|fewest|smallest/i.test(u.text);
  rows.sort((a, b) => (sortKey(a.fact.value)! - sortKey(b.fact.value)!) * (ascending ? 1 : -1));
  answer.facts = rows.map((p) => toAnswerFact(p.fact));
  const kinds = new Set(rows.map((p) => metaOf(state, p.entry.report)?.kind));
  const notes: string[] = [];
  if (kinds.has("school") && kinds.size > 1) notes.push(u.lang === "zh" ? "注意：遂宁市职业技术学校是一所学校的报告，其他是全市（区）的数字，不宜直接比较。" : "Note: one report is a single school's, the others are whole regions: not like for like.");
  if (missing.length) notes.push(u.lang === "zh" ? `没有这项数字的报告：${missing.join("、")}。` : `No such figure in: ${missing.join(", ")}.`);
  const years = new Set(rows.map((p) => p.fact.year));
  if (years.size > 1) notes.push(u.lang === "zh" ? "各报告的年份不同，见括号。" : "The reports' years differ (in brackets).");
  answer.reply = rankReply(answer.facts, u.lang, notes.join("\n") || null);
  return answer;
}

/** A number to rank by: the value itself, or x for a ratio printed "x:1" (生师比 17.6:1). */
function sortKey(v: AnswerFact["value"]): number | null {
  if (typeof v === "number") return v;
  const m = typeof v === "string" ? /^(\d+(?:\.\d+)?)[:：]1$/.exec(v) : null;
  return m ? Number(m[1]) : null;
}

function passageAnswer(state: Loaded, u: Understood): Answer {
  const answer = base(u, state, u.intent === "case" ? "case" : "passage");
  const text = u.casesOnly || u.intent === "case" ? u.searchText.replace(CASE_WORDS, " ") : u.searchText;
  const opts = { reports: u.reports, limit: 5 };
  let hits: PassageHit[] = [];
  if (u.intent === "case") hits = state.search.search(text, { ...opts, casesOnly: true });
  if (!hits.length) hits = state.search.search(text, { ...opts, preferCases: u.intent === "case" });
  answer.passages = hits;
  const who = u.reports.map((r) => metaOf(state, r)?.entity ?? r).join("、");
  const header = hits.length
    ? u.lang === "zh"
      ? `${who ? `${who}：` : ""}找到 ${hits.length} 条相关${u.intent === "case" ? "案例" : "内容"}：`
      : `${who ? `${who}: ` : ""}${hits.length} matching ${u.intent === "case" ? "case studies" : "passages"}:`
    : u.lang === "zh"
      ? `报告中没有找到与「${u.searchText}」相关的内容。`
      : `Nothing in the reports matches "${u.searchText}".`;
  answer.reply = passagesReply(hits, u.lang, header);
  if (u.unknown.length) answer.reply = `${noReportSentence(state, u)}\n${answer.reply}`;
  return answer;
}

function tableAnswer(state: Loaded, u: Understood): Answer {
  const answer = base(u, state, "table");
  const ids = u.tableIds ? [...u.tableIds] : [];
  const table = ids.length ? state.data.tables.find((t) => t.id === ids[0]) : null;
  if (!table) {
    const list = state.data.tables.filter((t) => !u.reports.length || u.reports.includes(t.report));
    answer.reply = (u.lang === "zh" ? "要看哪张表？\n" : "Which table?\n") + list.slice(0, 30).map((t) => `• ${metaOf(state, t.report)?.entity ?? ""} ${t.number ?? ""} ${t.title ?? ""}`).join("\n");
    return answer;
  }
  answer.reply = renderTable(table);
  return answer;
}

function noReportSentence(state: Loaded, u: Understood): string {
  const have = state.data.reports.map(reportLabel).join("、");
  return u.lang === "zh" ? `没有「${u.unknown.join("、")}」的报告。现有报告：${have}。` : `There is no report for ${u.unknown.join(", ")}. Reports available: ${have}.`;
}

function noReportAnswer(state: Loaded, u: Understood): Answer {
  const answer = base(u, state, u.intent);
  // No figures for a place without a report, but the reports may still mention it (香港研学, 凉山春蕾班).
  answer.passages = state.search.search(u.searchText, { limit: 3, extraTerms: u.unknown });
  const lines = [noReportSentence(state, u)];
  if (answer.passages.length) lines.push(passagesReply(answer.passages, u.lang, u.lang === "zh" ? "报告中提到它的段落：" : "Passages that mention it:"));
  answer.reply = lines.join("\n");
  return answer;
}

function helpAnswer(state: Loaded, u: Understood): Answer {
  const answer = base(u, state, "help");
  const names = state.data.reports.map((r) => r.entity).join("、");
  answer.reply =
    u.lang === "zh"
      ? `我能回答这些报告里的问题：${names}。\n例如：\n• 遂宁 2024 升学人数\n• 江门 月收入 2023 vs 2024\n• 哪个地区2024年升入本科人数最多\n• 璧山 宿舍 案例`
      : `I answer questions about these reports: ${names}.\nFor example:\n• Suining 2024 升学人数\n• How many Leshan graduates went on to further study in 2024?\n• Jiangmen monthly income 2023 vs 2024`;
  return answer;
}

export type { AnswerFact };
