import type { Alternative, Answer, AnswerFact, Intent } from "../types.js";
import type { Loaded } from "./state.js";
import { base, metaOf } from "./answerBase.js";
import { change, findVariants, pickFigure, preferCoverage, toAnswerFact, yearsWithValues, type Gap, type Picked } from "./figures.js";
import { CHANGE_VERB_SOURCE, COUNTERS } from "../text/vocabulary.js";
import { answering, grams, matchIndicators, narrowerMatches, normalizeLabel, type IndicatorEntry } from "./indicators.js";
import type { Understood } from "./question.js";
import { derivedSentence, fromPrintedChange, type Derived } from "./derived.js";
import { compareReply, figureReply, formatSource, formatValue, passagesReply, rankReply } from "./reply.js";

/**
 * Answers that are figures: one, several side by side with their changes, a ranking across
 * reports, or "not in the reports" with what is nearest.
 */

export function figureAnswer(state: Loaded, u: Understood): Answer {
  const reports = u.reports.length ? u.reports : [...new Set(u.matches.map((m) => m.entry.report))];
  // "江门 月收入 变化" names no years: compare the two latest the row has.
  let years: (number | null)[] = u.years.length ? u.years : [null];
  if (!u.years.length && u.intent === "change" && reports.length === 1) {
    const top = u.matches.find((m) => m.entry.report === reports[0]);
    const ys = top ? yearsWithValues(top.entry, metaOf(state, reports[0])) : [];
    if (ys.length >= 2) years = ys.slice(-2);
  }
  let picked: Picked[] = [];
  const gaps: Gap[] = [];
  const subjectNotes: string[] = [];
  for (const report of reports) {
    const meta = metaOf(state, report);
    let subject = u.subjectOnly.get(report);
    // A region's table may list the named school row by row: its own figure, not the region's.
    const own = subject ? (u.subjectRows.get(report) ?? []) : [];
    if (own.length) subject = undefined;
    const reportYears: (number | null)[] = u.yearsByReport.get(report) ?? years;
    const ordered = preferCoverage(
      own.length ? own : u.matches,
      report,
      reportYears.filter((y): y is number => y !== null),
      meta,
    );
    for (const year of reportYears) {
      const r = pickFigure(ordered, report, year, meta);
      if (subject && r.picked) {
        // A figure of the whole region is not the named school's or county's.
        subjectNotes.push(
          u.lang === "zh"
            ? `报告没有「${subject}」单独的数字；${meta?.entity ?? report}全市（区）的是 ${formatValue(r.picked.fact)}（${formatSource(toAnswerFact(r.picked.fact), u.lang)}）。`
            : `The report gives no separate figure for ${subject}; for ${meta?.entity ?? report} as a whole it is ${formatValue(r.picked.fact)} (${formatSource(toAnswerFact(r.picked.fact), u.lang)}).`,
        );
        continue;
      }
      if (r.picked) picked.push(r.picked);
      else if (r.gap) gaps.push(r.gap);
    }
  }
  const multi = reports.length > 1 || years.length > 1;
  const intent: Intent = multi ? (u.intent === "change" ? "change" : "compare") : "figure";
  const answer = base(u, state, intent);
  // "比上年增加多少": a change the report prints itself comes first, before the one computed from two stocks;
  // it answers even when no stock is printed for the years asked.
  let printed = u.intent === "change" ? printedChanges(state, u, reports) : [];
  if (!picked.length && printed.length) [picked, printed] = [printed, []];
  if (!picked.length) {
    // No stock printed for the year asked, but the next year's and the change against it are: a derived figure,
    // the answer only when the question asked to compute, else a note beside "not printed".
    const derived = reports.length === 1 && gaps.length === 1 && !subjectNotes.length ? fromPrintedChange(state, u, gaps[0]!) : null;
    if (derived && u.derive) return derivedAnswer(state, u, derived);
    const none = notFoundAnswer(state, u, gaps, subjectNotes);
    if (derived) withDerivedNote(none, derivedSentence(derived, u.lang, false));
    return none;
  }
  answer.facts = picked.map((p) => toAnswerFact(p.fact));
  answer.understood.indicator = picked[0].entry.indicator;
  answer.understood.years = [...new Set(picked.map((p) => p.fact.year).filter((y): y is number => y !== null))];
  answer.alternatives = alternativesFor(state, u, picked[0]);
  const gapLines = gaps.map((g) => gapSentence(state, u, g));
  const across: string[] = [];
  if (!multi) {
    answer.variants = findVariants(picked[0], state.catalogOf([picked[0].entry.report]), metaOf(state, picked[0].entry.report)).map(toAnswerFact);
    answer.reply = figureReply(answer.facts[0], answer.variants, { lang: u.lang, yearDefaulted: !u.yearsExplicit });
    if (answer.alternatives.length) {
      const names = answer.alternatives.map((a) => a.label).join(u.lang === "zh" ? "；" : "; ");
      answer.reply += `\n${u.lang === "zh" ? `也可能是问：${names}` : `Did you mean: ${names}`}`;
    }
  } else {
    for (const report of reports) {
      const own = picked.filter((p) => p.entry.report === report && p.fact.year !== null).sort((a, b) => a.fact.year! - b.fact.year!);
      if (own.length < 2) continue;
      const first = own[0];
      const last = own[own.length - 1];
      const c = change(first.fact, last.fact);
      if (c)
        answer.changes.push({
          entity: first.fact.entity,
          indicator: first.fact.indicator,
          from: first.fact.value as number,
          to: last.fact.value as number,
          fromYear: first.fact.year!,
          toYear: last.fact.year!,
          ...c,
        });
    }
    // A comparison of reports carries what a ranking carries: the difference and ratio, the caveats.
    const caveat = schoolAmongRegions(state, [...new Set(picked.map((p) => p.entry.report))], u.lang);
    across.push(...acrossReports(answer.facts, u.lang), ...(caveat ? [caveat] : []));
    answer.reply = compareReply(answer.facts, answer.changes, u.lang, [...gapLines, ...across]);
  }
  if (printed.length) {
    answer.facts = [...printed.map((p) => toAnswerFact(p.fact)), ...answer.facts];
    answer.reply = `${printed.map((p) => figureReply(toAnswerFact(p.fact), [], { lang: u.lang, yearDefaulted: false })).join("\n")}\n${answer.reply}`;
  }
  const notes = [...(multi ? gapLines : []), ...across, ...subjectNotes];
  if (notes.length) answer.notes = notes;
  if (subjectNotes.length) answer.reply += `\n${subjectNotes.join("\n")}`;
  if (u.unknown.length) answer.reply += `\n${u.lang === "zh" ? `（没有「${u.unknown.join("、")}」的报告。）` : `(There is no report for ${u.unknown.join(", ")}.)`}`;
  // "遂宁 优秀毕业生" names a row but may be after the story: add the passages too.
  if (!FIGURE_CUE.test(u.text)) {
    answer.passages = state.search.search(u.searchText, { reports: u.reports, limit: 3 });
    if (answer.passages.length) answer.reply += `\n${passagesReply(answer.passages, u.lang, u.lang === "zh" ? "相关段落：" : "Related passages:")}`;
  }
  return answer;
}

/** An answer whose figure was computed from printed ones, because the question asked to compute: marked, never a printed fact. */
export function derivedAnswer(state: Loaded, u: Understood, d: Derived): Answer {
  const answer = base(u, state, "figure");
  answer.reply = derivedSentence(d, u.lang, true);
  answer.notes = [answer.reply];
  answer.understood.years = d.year ? [d.year] : [];
  return answer;
}

/** A derived figure offered beside "not printed": after the reply's first line, and among the notes. */
export function withDerivedNote(answer: Answer, note: string): void {
  const [first, ...rest] = answer.reply.split("\n");
  answer.reply = [first, note, ...rest].join("\n");
  answer.notes = [...(answer.notes ?? []), note];
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
    out.push({
      label,
      question: `${entity} ${year}${m.entry.table ?? ""} ${m.entry.path[m.entry.path.length - 1]}${m.entry.columnLabel ? ` ${m.entry.columnLabel}` : ""}`.replace(/\s+/g, " ").trim(),
    });
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

/** The counter left after 多少 (双师型教师多少人 → 双师型教师人) says how it is counted, not what: not repeated back. */
const TRAILING_COUNTER = new RegExp(`(?<=[\\u4e00-\\u9fff]{2})(?:人|${COUNTERS.join("|")})$`);

/** What the question asked for, as said back in a not-found reply. */
function askedWhat(u: Understood): string {
  return u.indicatorQuery.replace(TRAILING_COUNTER, "");
}

export function notFoundAnswer(state: Loaded, u: Understood, gaps: Gap[], notes: string[] = []): Answer {
  const answer = base(u, state, u.intent === "rank" || u.intent === "compare" || u.intent === "change" ? u.intent : "figure");
  const lines: string[] = [];
  const broad = broaderRows(state, u);
  const who = u.reports.map((r) => metaOf(state, r)?.entity ?? r).join("、") || (u.lang === "zh" ? "各报告" : "the reports");
  if (gaps.length) lines.push(...gaps.map((g) => gapSentence(state, u, g)));
  else if (u.leftover.length && !notes.length) {
    // A qualifier no row carries (本科 in 本科升学人数 where only 升学人数 is printed): say which word.
    const words = u.leftover.map((w) => `「${w}」`).join(u.lang === "zh" ? "、" : ", ");
    lines.push(
      u.lang === "zh"
        ? `报告中没有找到 ${who}${u.years.length ? ` ${u.years.join("、")}年` : ""} 的「${askedWhat(u)}」：没有哪一项指标说到${words}。`
        : `Not in the reports: ${who}${u.years.length ? ` ${u.years.join(", ")}` : ""} "${askedWhat(u)}" — no figure there says ${words}.`,
    );
  } else if (broad.length >= 2 && !notes.length) {
    // "江门 满意度" names several rows at once: ask which, rather than say it is missing.
    lines.push(u.lang === "zh" ? `报告中有几项「${u.indicatorQuery}」，请选一项：` : `The report has several "${u.indicatorQuery}" figures; which one?`);
  } else if (!notes.length) {
    lines.push(
      u.lang === "zh"
        ? `报告中没有找到 ${who}${u.years.length ? ` ${u.years.join("、")}年` : ""} 的「${askedWhat(u) || u.searchText}」。`
        : `Not in the reports: ${who}${u.years.length ? ` ${u.years.join(", ")}` : ""} "${askedWhat(u) || u.searchText}".`,
    );
  }
  lines.push(...notes);
  // Broader rows that left a word unexplained are offered to choose from, never as the answer; so are
  // narrower ones (省级认定“双师型”教师 for 双师型教师), with the words that make them narrower.
  const narrower = broad.length >= 2 || u.partial.length ? [] : narrowerIndicators(state, u);
  const near =
    broad.length >= 2 && !u.leftover.length
      ? broad
      : u.partial.length
        ? asAlternatives(
            state,
            u.partial.map((m) => m.entry),
            3,
          )
        : narrower.length
          ? narrower
          : nearestIndicators(state, u);
  if (near.length) {
    if (near === narrower) lines.push(u.lang === "zh" ? "报告只给出更窄口径的数字：" : "The reports give only narrower figures:");
    else if (near !== broad) lines.push(u.lang === "zh" ? "相近的指标：" : "Nearest indicators:");
    for (const n of near) lines.push(`• ${n.label}`);
    answer.alternatives = near;
  }
  answer.passages = state.search.search(u.searchText, { reports: u.reports, limit: 3 });
  if (answer.passages.length) lines.push(passagesReply(answer.passages, u.lang, u.lang === "zh" ? "相关段落：" : "Related passages:"));
  answer.reply = lines.join("\n");
  return answer;
}

/**
 * The changes the reports print themselves (`全日制在校生数较上年增加1162人`) for a question asking how much
 * something changed: rows answering the question's words with its change verb (增加 when it names none),
 * in the question's last year.
 */
const BASE_YEAR_ONLY = /[比较](?:上一?年度?|去年|上一?学年|前一年)/;

function printedChanges(state: Loaded, u: Understood, reports: readonly string[]): Picked[] {
  const verb = new RegExp(CHANGE_VERB_SOURCE).exec(u.text)?.[0] ?? "增加";
  const endsInChange = new RegExp(`${CHANGE_VERB_SOURCE}(?:人数|人次|数)?$`);
  // "比上年增加多少" names the base year (上年), not the year asked: the change is the latest one.
  const year = BASE_YEAR_ONLY.test(u.text) && u.years.length < 2 ? null : (u.years[u.years.length - 1] ?? null);
  const out: Picked[] = [];
  for (const report of reports) {
    const matches = answering(matchIndicators(`${u.indicatorQuery}${verb}`, state.lookup([report]))).filter((m) => endsInChange.test(m.entry.leaf));
    const r = pickFigure(matches, report, year, metaOf(state, report));
    if (r.picked) out.push(r.picked);
  }
  return out;
}

/** Rows whose names come closest to what was asked, for a "not found" reply. */
function nearestIndicators(state: Loaded, u: Understood): Alternative[] {
  if (!u.indicatorQuery) return [];
  return asAlternatives(
    state,
    matchIndicators(
      u.indicatorQuery,
      state.lookup(u.reports, (e) => e.source === "table"),
      0.25,
    ).map((m) => m.entry),
    3,
  );
}

/** Rows narrower than asked (a qualifier the question did not say), as suggestions. */
function narrowerIndicators(state: Loaded, u: Understood): Alternative[] {
  if (!u.indicatorQuery) return [];
  return asAlternatives(
    state,
    narrowerMatches(u.indicatorQuery, state.lookup(u.reports)).map((m) => m.entry),
    3,
  );
}

/** Reports looked through at a time for broader rows: the first few that have them are shown. */
const BROADER_CHUNK = 50;

/** Table rows whose names contain the question's words whole (满意度 → 在校生满意度, 家长满意度, …). */
function broaderRows(state: Loaded, u: Understood): Alternative[] {
  const q = normalizeLabel(u.indicatorQuery);
  if ([...q].length < 2) return [];
  // Over every report of a database store, the stored labels say first whether any row could be broader.
  const labels = u.reports.length ? null : state.data.entries?.leaves();
  if (labels && ![...labels].some((l) => l.includes(q) && l !== q)) return [];
  const accept = (e: IndicatorEntry) => e.source === "table" && e.leaf.includes(q) && e.leaf !== q && !e.columnLabel;
  const first = grams(q).values().next().value;
  if (!first) return asAlternatives(state, state.catalogOf(u.reports).filter(accept), BROADER_SHOWN);
  // A label holding q holds each of q's bigrams: the entries under its first one are all there are to
  // look at, in catalogue order, report by report; a few reports at a time until enough are found
  // (reading every report's catalogue took seconds at 1,000 reports).
  const reports = u.reports.length ? u.reports : state.reportNames;
  const rows: IndicatorEntry[] = [];
  let shown: Alternative[] = [];
  for (let i = 0; i < reports.length && shown.length < BROADER_SHOWN; i += BROADER_CHUNK) {
    rows.push(...state.lookup(reports.slice(i, i + BROADER_CHUNK), accept).sharingGrams(new Set([first])));
    shown = asAlternatives(state, rows, BROADER_SHOWN);
  }
  return shown;
}

/** Broader rows offered at most. */
const BROADER_SHOWN = 6;

/** One button per distinct row name, with the years it has, asking for its latest year. */
function asAlternatives(state: Loaded, entries: IndicatorEntry[], limit: number): Alternative[] {
  const seen = new Set<string>();
  const out: Alternative[] = [];
  for (const e of entries) {
    const meta = metaOf(state, e.report);
    const name = e.path[e.path.length - 1];
    const key = `${e.report}${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const years = yearsWithValues(e, meta);
    out.push({
      label: `${meta?.entity ?? ""} ${name}（${e.table ?? "正文"}${years.length ? `，${years.join("、")}年` : ""}）`,
      question: `${meta?.entity ?? ""} ${years[years.length - 1] ?? ""}年 ${e.table ?? ""} ${name}`,
    });
    if (out.length >= limit) break;
  }
  return out;
}

export function rankAnswer(state: Loaded, u: Understood): Answer {
  const answer = base(u, state, "rank");
  const reports = u.reports.length >= 2 ? u.reports : state.reportNames;
  const query = u.indicatorQuery;
  const rows: Picked[] = [];
  const missing: string[] = [];
  for (const report of reports) {
    const tableIds = u.tableIds;
    // The coverage rule holds per report: a row that leaves a word unexplained is not ranked.
    const matches = answering(matchIndicators(query, state.lookup([report], tableIds ? (e) => e.tableId !== null && tableIds.has(e.tableId) : undefined)));
    const r = pickFigure(matches, report, u.years[0] ?? null, metaOf(state, report));
    if (r.picked && sortKey(r.picked.fact.value) !== null) rows.push(r.picked);
    else missing.push(metaOf(state, report)?.entity ?? report);
  }
  if (!rows.length) return notFoundAnswer(state, u, []);
  const ascending = /最少|最低|最小|最差|倒数|least|lowest|fewest|smallest/i.test(u.text);
  rows.sort((a, b) => (sortKey(a.fact.value)! - sortKey(b.fact.value)!) * (ascending ? 1 : -1));
  answer.facts = rows.map((p) => toAnswerFact(p.fact));
  const notes: string[] = [];
  const caveat = schoolAmongRegions(
    state,
    rows.map((p) => p.entry.report),
    u.lang,
  );
  if (caveat) notes.push(caveat);
  if (missing.length) notes.push(u.lang === "zh" ? `没有这项数字的报告：${missing.join("、")}。` : `No such figure in: ${missing.join(", ")}.`);
  const years = new Set(rows.map((p) => p.fact.year));
  if (years.size > 1) notes.push(u.lang === "zh" ? "各报告的年份不同，见括号。" : "The reports' years differ (in brackets).");
  answer.reply = rankReply(answer.facts, u.lang, notes.join("\n") || null);
  if (notes.length) answer.notes = notes;
  return answer;
}

/**
 * The school-vs-region caveat, one rule for rankings and comparisons: figures of a single school's report beside
 * whole regions' are not like for like. Null when the reports are all of one kind.
 */
export function schoolAmongRegions(state: Loaded, reports: readonly string[], lang: "zh" | "en"): string | null {
  const unique = [...new Set(reports)];
  const kinds = new Set(unique.map((r) => metaOf(state, r)?.kind));
  if (!kinds.has("school") || kinds.size < 2) return null;
  // Named from the reports compared: which are a single school's, and how many.
  const schools = unique.filter((r) => metaOf(state, r)?.kind === "school").map((r) => metaOf(state, r)?.entity ?? r);
  return lang === "zh"
    ? `注意：${schools.join("、")}是${schools.length > 1 ? "学校" : "一所学校"}的报告，其他是全市（区、县）的数字，不宜直接比较。`
    : `Note: ${schools.join(", ")} ${schools.length > 1 ? "are single schools'" : "is a single school's"} report${schools.length > 1 ? "s" : ""}, the others are whole regions: not like for like.`;
}

/**
 * What a comparison of reports says beside its figures, as a ranking does: the difference and the ratio of two
 * reports' figures (per year, or across the two years given when each report has one), and a note when the
 * years compared differ (吕梁 2022 beside 江门 2024). Only figures in the same unit are set against each other.
 */
export function acrossReports(facts: readonly AnswerFact[], lang: "zh" | "en"): string[] {
  const reports = [...new Set(facts.map((f) => f.report))];
  if (reports.length !== 2) return [];
  const lines: string[] = [];
  const own = reports.map((r) => facts.filter((f) => f.report === r && typeof f.value === "number"));
  const pairs: [AnswerFact, AnswerFact][] = [];
  for (const a of own[0]!) {
    const b = own[1]!.find((f) => f.year === a.year);
    if (b) pairs.push([a, b]);
  }
  if (!pairs.length && own[0]!.length === 1 && own[1]!.length === 1) {
    const [a, b] = [own[0]![0]!, own[1]![0]!];
    pairs.push([a, b]);
    if (a.year !== b.year)
      lines.push(
        lang === "zh"
          ? `注意：年份不同（${a.entity} ${a.year ?? "?"}年，${b.entity} ${b.year ?? "?"}年），两者报告中没有同一年的数字。`
          : `Note: the years differ (${a.entity} ${a.year ?? "?"}, ${b.entity} ${b.year ?? "?"}); the reports give no figure of the same year for both.`,
      );
  }
  for (const [a, b] of pairs) {
    if (a.unit !== b.unit) continue;
    const x = a.value as number;
    const y = b.value as number;
    const [hi, lo] = x >= y ? [a, b] : [b, a];
    const diff = Math.round(Math.abs(x - y) * 10000) / 10000;
    const ratio = (lo.value as number) > 0 ? Math.round(((hi.value as number) / (lo.value as number)) * 100) / 100 : null;
    const unit = a.unit === "%" ? " 个百分点" : a.unit ? ` ${a.unit}` : "";
    const year = a.year === b.year && a.year ? (lang === "zh" ? `${a.year}年 ` : `${a.year} `) : "";
    lines.push(
      lang === "zh"
        ? `差距（${year}${hi.entity} 比 ${lo.entity}）：多 ${diff}${unit}${ratio !== null && a.unit !== "%" ? `，是其 ${ratio} 倍` : ""}（计算，报告未直接给出）`
        : `Difference (${year}${hi.entity} over ${lo.entity}): ${diff}${a.unit === "%" ? " percentage points" : unit}${ratio !== null && a.unit !== "%" ? `, ${ratio} times` : ""} (computed, not printed in the reports)`,
    );
  }
  return lines;
}

/** A number to rank by: the value itself, or x for a ratio printed "x:1" (生师比 17.6:1). */
export function sortKey(v: AnswerFact["value"]): number | null {
  if (typeof v === "number") return v;
  const m = typeof v === "string" ? /^(\d+(?:\.\d+)?)[:：]1$/.exec(v) : null;
  return m ? Number(m[1]) : null;
}
