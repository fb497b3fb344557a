import type { Answer, AskContext, AskedQuestion, PassageHit } from "../types.js";
import type { Loaded } from "./state.js";
import { derivedAnswer, figureAnswer, notFoundAnswer, rankAnswer, withDerivedNote } from "./figureAnswers.js";
import { asksToDerive, derivedSentence, printedShare, withoutDeriveWords } from "./derived.js";
import { blankSpans, bySubject, CASE_WORDS, keywordText, scopeContext, understand, type Understood } from "./question.js";
import { onPrevious, reorder, replayed } from "./onPrevious.js";
import { helpAnswer, noReportAnswer, noReportSentence, passageAnswer, tableAnswer } from "./textAnswers.js";
import { cleanTyped, parseYears, toHalfWidth, toSimplified } from "./understand/index.js";
import { splitPresentation } from "./understand/presentation.js";
import { replyLang } from "./reply.js";
import { englishName } from "./englishName.js";
import { smallTalkAnswer } from "./smallTalk.js";
import { asksSnapshot, snapshotAnswer } from "./snapshot.js";
import { ambiguousAnswer, withAlsoMeant } from "./ambiguous.js";
import { smallTalkKind } from "./understand/smallTalk.js";

/**
 * Understands a question and answers it from the loaded index: the one place that decides
 * what kind of answer a question gets. Every answer is built from facts and passages that were
 * read from a report; when none fits, the answer says what was looked for and what is nearest.
 */

/**
 * Passage search as a person means it: only in the reports the query names, without their names
 * as search words, preferring case studies when it says 案例. The bot's /search and /case use it.
 */
export function searchPassages(state: Loaded, query: string, opts: { casesOnly?: boolean; limit?: number } = {}): PassageHit[] {
  const text = toHalfWidth(toSimplified(cleanTyped(query)));
  const resolved = state.resolver.resolve(text);
  const reports = [...new Set(resolved.matches.map((m) => m.report))];
  const direct = resolved.matches.filter((m) => !bySubject(m));
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

/** Answers one question; `context` is a previous answer's `understood`, for follow-ups. */
export function planAnswer(state: Loaded, question: string, context?: AskContext): Answer {
  const t0 = performance.now();
  // "画个图表" / "导出成Excel" say how to show the answer, not what to look up.
  const shown = splitPresentation(question);
  // 推算, 算一下: the question may be answered by a figure computed from printed ones (derived.ts), marked so.
  const derive = asksToDerive(shown.question);
  if (derive) shown.question = withoutDeriveWords(shown.question);
  // 画个图, 更多, 只看乐山, 从高到低, 乐山呢 after cases: the last answer's question again, changed (onPrevious.ts).
  const act = onPrevious(state, shown.question, shown.wants, context, derive);
  const asked: AskedQuestion = act?.kind === "replay" ? act.asked : { question: act?.question ?? shown.question, ...(context ? { context: slotsOf(context) } : {}) };
  const u = act?.kind === "replay" ? replayed(state, asked) : understand(state, asked.question, scopeContext(state, asked.question, context));
  // "画一个图表" alone leaves no Chinese to tell the reply's language by.
  if (shown.wants && replyLang(question) === "zh" && act?.kind !== "replay") u.lang = "zh";
  if (derive) {
    u.derive = true;
    // "算一下" alone leaves no Chinese to tell the reply's language by.
    if (replyLang(question) === "zh") u.lang = "zh";
  }
  let answer = act?.kind === "replay" && asked.page ? pagedAnswer(state, u, asked.page) : route(state, u);
  // 升学人数占毕业生人数的比例 that no row prints: computed on request, else offered as a note.
  if (!answer.facts.length && !answer.smallTalk && (answer.intent === "figure" || answer.intent === "passage") && !answer.notes?.length) {
    const share = printedShare(state, u);
    if (share && derive) answer = derivedAnswer(state, u, share);
    else if (share) withDerivedNote(answer, derivedSentence(share, u.lang, false));
  }
  if (u.alsoMeant.length && !answer.smallTalk) answer = withAlsoMeant(state, u, answer);
  if (asked.order) answer = reorder(answer, asked.order, u.lang);
  answer.understood.asked = asked;
  if (u.lang === "en") answer.reply = englishNames(state, answer);
  {
    const names = Object.fromEntries(
      [...new Set([...answer.facts.map((f) => f.report), ...answer.passages.map((p) => p.report)])]
        .map((r) => state.metaByReport.get(r))
        .flatMap((m) => {
          const english = m ? englishName(m) : null;
          return m && english ? [[m.entity, english] as const] : [];
        }),
    );
    if (Object.keys(names).length) answer.entityNames = names;
  }
  // 成都和乐山…: the report named is answered, and the place without one is said to have none.
  if (u.unknown.length && u.reports.length) answer.reply = `${noReportSentence(state, u)}\n${answer.reply}`;
  // The published originals of what is cited, when the manifest gives them: a reader in a meeting opens the report.
  const cited = [...new Set([...answer.facts.map((f) => f.report), ...answer.passages.map((p) => p.report)])];
  const sources = cited.flatMap((r) => {
    const m = state.metaByReport.get(r);
    return m?.url ? [{ report: r, entity: m.entity, url: m.url }] : [];
  });
  if (sources.length) {
    answer.sources = sources;
    answer.reply += `\n${sources.map((x) => (u.lang === "zh" ? `原文：${x.entity} ${x.url}` : `Original: ${x.entity} ${x.url}`)).join("\n")}`;
  }
  if (shown.wants) {
    answer.wants = shown.wants;
    if (shown.wants === "export") answer.exportAs = /csv/i.test(question) ? "csv" : "xlsx";
    // A chart or file of the last answer keeps its question: the file's title and the reply's language.
    if (act?.kind !== "replay") answer.question = cleanTyped(question);
  }
  answer.ms = Math.round((performance.now() - t0) * 1000) / 1000;
  return answer;
}

/** 更多 after passages or cases: their next page; after figures: the passages about them, a page at a time. */
function pagedAnswer(state: Loaded, u: Understood, page: number): Answer {
  if (u.intent === "passage" || u.intent === "case") return passageAnswer(state, u, page);
  return passageAnswer(state, { ...u, intent: "passage" }, page - 1);
}

/**
 * An English reply names the reports in English (the manifest's `english`: Jiangmen, Leshan; else a place's pinyin,
 * englishName.ts), not 江门市; the
 * tables and indicators stay as printed, for the citation. Snippets (indented lines) are the reports' own words.
 *
 * @example "Change (江门市 2023→2024): +41" → "Change (Jiangmen 2023→2024): +41"
 */
function englishNames(state: Loaded, answer: Answer): string {
  const names = [...new Set([...answer.facts.map((f) => f.report), ...answer.passages.map((p) => p.report), ...state.reportNames])]
    .map((r) => state.metaByReport.get(r))
    .flatMap((m) => {
      // Only the names the reply says (a pinyin name costs a look-up; the corpus may hold thousands of reports).
      const english = m?.entity && answer.reply.includes(m.entity) ? englishName(m) : null;
      return m && english ? [{ entity: m.entity, english }] : [];
    })
    .sort((a, b) => b.entity.length - a.entity.length);
  if (!names.length) return answer.reply;
  return answer.reply
    .split("\n")
    .map((line) => (/^\s{3}/.test(line) ? line : names.reduce((l, m) => l.replaceAll(m.entity, m.english!), line)))
    .join("\n");
}

/** A context's slots, without the question it answered: what a replayed question is read in. */
function slotsOf(context: AskContext): AskContext {
  const { asked: _asked, ...slots } = context;
  return slots;
}

function route(state: Loaded, u: Understood): Answer {
  if (!u.question || u.intent === "help") return helpAnswer(state, u);
  // 谢谢, 再见, 今天天气怎么样: a friendly line and examples, not "not in the reports".
  const talk = !u.reports.length && !u.unknown.length && !u.matches.length && !u.years.length ? smallTalkKind(u.text) : null;
  if (talk) return smallTalkAnswer(state, u, talk);
  if (u.unknown.length && !u.reports.length) return noReportAnswer(state, u);
  // A name that stays ambiguous is asked about, not answered from a report picked for it; a passage
  // search may run over all of them (its header names them).
  if (u.ambiguous.length && u.intent !== "passage" && u.intent !== "case") return ambiguousAnswer(state, u);
  // 遂宁 2024 概况: the report's key indicators, each cited.
  if (asksSnapshot(u)) return snapshotAnswer(state, u);
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
      if (u.intent === "unknown") {
        // Text that names nothing the reports know and finds nothing near it (asdfghqwerty) is not a question.
        const nothing = notFoundAnswer(state, u, []);
        return nothing.passages.length || nothing.alternatives.length ? nothing : smallTalkAnswer(state, u, "nonsense");
      }
      return u.indicatorQuery ? notFoundAnswer(state, u, []) : passageAnswer(state, u);
  }
}

/** Words that name a measure (…人数, …率, …经费): a question about one wants a figure. */
function looksLikeIndicator(q: string): boolean {
  return /(?:人数|数量|人次|率|比例|占比|满意度|经费|金额|收入|投入|值|面积|学时)$/.test(q);
}
