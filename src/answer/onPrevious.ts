import type { Answer, AskContext, AskedQuestion } from "../types.js";
import type { Loaded } from "./state.js";
import { sortKey } from "./figureAnswers.js";
import { understand, type Understood } from "./question.js";
import { compareReply, rankReply } from "./reply.js";
import { findTable } from "./tableView.js";
import { readAction } from "./understand/followUp.js";
import { cleanTyped, toHalfWidth, toSimplified } from "./understand/index.js";

/**
 * Follow-ups that act on the last answer rather than ask something new: 画个图 / 导出Excel (show it again, as a
 * chart or a file), 更多 / 下一页 (its next page), 只看乐山 / 只要2024年 (a narrowing), 从高到低 / 按…排序 (an
 * order), and, after passages, cases or a ranking, the same question for another place or year (乐山呢,
 * 那2023年呢). One rule for the CLI chat and the bot: the previous answer's context carries the question it
 * answered (`asked`), and such a follow-up is that question asked again with the follow-up's changes.
 *
 * The rule: a follow-up acts on the last answer when, once its action words (readAction), presentation words,
 * places and years are read, nothing is left (no indicator, no table, no place without a report), and either it
 * has an action word, or the last answer was passages or cases (another place or year: the same search) or a
 * ranking (another year: the same ranking). Anything else is an ordinary follow-up (question.ts) or a new question.
 */

/** What a follow-up does with the previous answer. */
export type OnPrevious =
  /** Ask the previous question again, with these changes. */
  | { kind: "replay"; asked: AskedQuestion }
  /** Ask this text (the follow-up without its narrowing word) as an ordinary follow-up. */
  | { kind: "ask"; question: string };

/** Words that only lead into an elliptical follow-up (那, 那么, and, what about) or close it (的). */
const LEAD_WORDS = /那么?|那个|再看看?|看看|看一下|换成|改成|换个|同样|也|的|\b(?:and|what|how|about|then|in|for|of|the|please|it|this|that|them)\b|[\s\p{P}\p{S}]/giu;

/**
 * Whether the follow-up `question` (presentation words already taken out; `wants` what they asked for)
 * acts on the answer `context` is of, and how; null when it does not.
 *
 * @example onPrevious(state, "    ", "chart", ctx) // { kind: "replay", asked: ctx.asked } — 画个图 after any answer
 * @example onPrevious(state, "   ", null, ctxOfNotPrinted, true) // { kind: "replay", … } — 推算一下 after "not printed"
 * @example onPrevious(state, "乐山呢", null, ctxOfCases) // { kind: "replay", asked: { …, reports: ["leshan-2024.txt"] } }
 */
export function onPrevious(state: Loaded, question: string, wants: "chart" | "export" | null, context: AskContext | undefined, derive = false): OnPrevious | null {
  const prev = context?.asked;
  if (!prev || context.intent === "help") return null;
  const action = readAction(toHalfWidth(toSimplified(cleanTyped(question))));
  // What the follow-up names, read on its own (no context): places, years, and whether anything else is left.
  const named = understand(state, action.rest, undefined);
  const ownWords = named.indicatorQuery.replace(LEAD_WORDS, "");
  if (ownWords || named.unknown.length || named.tableIds) return null;
  const reports = named.reports.length ? named.reports : undefined;
  const years = named.years.length && named.yearsExplicit ? named.years : undefined;
  // 推算一下 / 算一下 / calculate it (derive: its words already taken out) asks for the last answer computed.
  const acts = !!wants || derive || action.more || !!action.order || action.narrow;
  // Passages, cases, a table and a snapshot are asked again as they were for another place or year (乐山呢 after
  // 遂宁的计分卡 is 乐山's 计分卡; 2023年呢 after 遂宁 2024 概况 is its 2023 snapshot).
  const textual = context.intent === "passage" || context.intent === "case" || context.intent === "table" || context.intent === "snapshot";
  if (!acts && !((textual && (reports || years)) || (context.intent === "rank" && years && !reports))) return null;
  // A figure answer narrowed or moved to a place it did not show needs its rows found there: an ordinary follow-up.
  const shown = new Set(context.entities.map((e) => state.reportByEntity.get(e) ?? e));
  // A ranking across all reports names none: every report was in it.
  const elsewhere = !(context.intent === "rank" && !shown.size) && reports?.some((r) => !shown.has(r));
  if (reports && !textual && (elsewhere || (context.intent === "rank" && reports.length < 2))) return { kind: "ask", question: action.rest };
  const asked: AskedQuestion = { ...prev };
  if (reports) asked.reports = reports;
  if (years) asked.years = years;
  if (reports || years) delete asked.page;
  if (action.more) asked.page = (prev.page ?? 0) + 1;
  if (action.order) asked.order = action.order;
  return { kind: "replay", asked };
}

/** The previous question read again, with the changes follow-ups made to it. */
export function replayed(state: Loaded, asked: AskedQuestion): Understood {
  const u = understand(state, asked.question, asked.context);
  if (asked.reports) {
    const keep = new Set(asked.reports);
    u.reports = asked.reports;
    u.matches = u.matches.filter((m) => keep.has(m.entry.report));
    for (const r of u.subjectOnly.keys()) if (!keep.has(r)) u.subjectOnly.delete(r);
  }
  // A table asked again for another report is that report's table of the same name (its 计分卡, its 表3).
  if (asked.reports && u.tableIds) {
    const old = [...u.tableIds].map((id) => state.tableById(id)).filter((t) => !!t);
    const again = asked.reports.flatMap((r) =>
      old.flatMap((t) => {
        const head = findTable(state.tableHeadsOf([r]), t.standard ?? t.title ?? t.number ?? "");
        return head ? [head.id] : [];
      }),
    );
    u.tableIds = again.length ? new Set(again) : null;
  }
  if (asked.years) {
    u.years = asked.years;
    u.yearsExplicit = true;
    u.yearsByReport = new Map();
  }
  return u;
}

/** The figures of an answer put in the order asked (从高到低, 从低到高), and its reply written again in it. */
export function reorder(answer: Answer, order: "asc" | "desc", lang: "zh" | "en"): Answer {
  if (answer.facts.length < 2 || (answer.intent !== "rank" && answer.intent !== "compare" && answer.intent !== "change")) return answer;
  const sign = order === "asc" ? 1 : -1;
  // Figures without a number to order by (blank, text) go last, in the order they were.
  answer.facts = [...answer.facts].sort((a, b) => {
    const x = sortKey(a.value);
    const y = sortKey(b.value);
    if (x === null || y === null) return Number(x === null) - Number(y === null);
    return (x - y) * sign;
  });
  const notes = answer.notes ?? [];
  answer.reply = answer.intent === "rank" ? rankReply(answer.facts, lang, notes.join("\n") || null) : compareReply(answer.facts, answer.changes, lang, notes);
  return answer;
}
