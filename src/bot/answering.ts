/**
 * The two ways the bot shows results, shared by commands, plain questions, buttons and
 * follow-ups: an answer (figures with their source and buttons) and a paged passage list
 * (one message edited in place, `◀ 1/4 ▶`).
 */
import { InlineKeyboard } from "grammy";
import type { Answer, AskContext, PassageHit } from "../types.js";
import type { BotContext } from "./context.js";
import { messages, type Messages } from "./i18n.js";
import { replyLang } from "../answer/reply.js";
import { noChartSentence } from "../chart/chartData.js";
import { tooLong } from "../answer/questionLimit.js";
import { smallTalkLead } from "../answer/smallTalk.js";
import { linesFromText, i as italic, t, textLength, type Line } from "./markup.js";
import { chartFor, drawChart, fitsCaption, sendAnswerFile, sendPhoto, sendTableFile } from "./media.js";
import { clip, pageCount, renderAnswer, renderPassagePage, renderTable, SNIPPET_MAX } from "./render.js";
import { editLines, sendLines, typing } from "./reply.js";
import { MESSAGE_LIMIT } from "./split.js";
import type { SearchEntry } from "./store.js";

/** Hits fetched for a paged list (4 pages of 5). */
export const SEARCH_LIMIT = 20;

/** Most alternative readings offered as buttons. */
const MAX_ALTERNATIVES = 4;

/** The AskContext part of an answer's `understood`: what a follow-up inherits. */
export function contextOf(a: Answer): AskContext {
  const u = a.understood;
  return { entities: [...u.entities], years: [...u.years], indicator: u.indicator, intent: u.intent, ...(u.asked ? { asked: u.asked } : {}) };
}

/**
 * Asks the engine and sends the answer: figures with source and buttons, or a paged passage
 * list when the question asked for passages or cases, or the engine's reply.
 *
 * @param context the previous answer's context, for a follow-up
 * @returns this answer's context, for the next question
 */
export async function answerQuestion(ctx: BotContext, question: string, context?: AskContext): Promise<AskContext> {
  const { engine, store, offThread } = ctx.deps;
  const notice = tooLong(question);
  if (notice) {
    // The CLI's limit: a pasted page gets a short notice, not seconds of work and an echo of itself.
    ctx.zb.result = "too-long";
    await sendLines(ctx, linesFromText(notice));
    return context ?? { entities: [], years: [], indicator: null, intent: "unknown" };
  }
  await typing(ctx);
  const answer = offThread ? await offThread.ask(question, context) : engine.ask(question, context);
  // An English question gets an English answer, whatever the user's language; a bare 2023 or 画个图 keeps it, and so
  // does what is no question (asdfgh from a Chinese user is answered in Chinese).
  if (ctx.zb.lang === "zh" && !answer.smallTalk && /[a-z]{2,}/i.test(question) && replyLang(question) === "en") {
    ctx.zb.lang = "en";
    ctx.zb.t = messages("en");
  }
  const m = ctx.zb.t;

  if (answer.facts.length === 0 && answer.passages.length > 0 && (answer.intent === "passage" || answer.intent === "case")) {
    ctx.zb.result = answer.intent === "case" ? "cases" : "passages";
    // 更多 or 乐山呢 acting on the last search is titled with what was searched, not with the follow-up's words.
    const asked = answer.understood.asked;
    const replayed = !!asked && asked.question.trim() !== question.trim();
    await sendPassageList(ctx, {
      kind: "search",
      query: replayed ? [...answer.understood.entities, ...answer.understood.keywords].join(" ") : question,
      casesOnly: answer.intent === "case",
      hits: answer.passages,
      page: 0,
      context: contextOf(answer),
    });
    return contextOf(answer);
  }

  ctx.zb.result = answer.facts.length > 0 ? answer.intent : `${answer.intent}:none`;
  const key = store.put({
    kind: "answer",
    question,
    context: contextOf(answer),
    facts: answer.facts,
    alternatives: answer.alternatives.slice(0, MAX_ALTERNATIVES),
    keywords: answer.understood.keywords,
    ...(answer.facts.length === 0 && answer.passages.length > 0 ? { passages: answer.passages } : {}),
  });
  const lines = answerLines(ctx, answer);
  // One figure exports the table it stands in; several (a comparison, a ranking) export themselves (sendAnswerFile).
  const exportId = answer.tableId ?? (answer.wants === "export" && answer.intent === "figure" && answer.facts[0]?.source === "table" ? answer.facts[0].tableId : null);
  const exportKey = exportId ? store.put({ kind: "tables", ids: [exportId] }) : null;
  const keyboard = answerKeyboard(answer, key, m, exportKey);
  const chart = chartFor(answer);
  if (chart && !chart.ok && answer.wants === "chart") lines.push([], [italic(noChartSentence(chart.reason, ctx.zb.lang))]);
  // Any answer with figures exports them (a comparison, a ranking); only text has nothing to export.
  if (answer.wants === "export" && !exportId && !answer.facts.length) lines.push([], [italic(m.exportOnlyTables)]);
  const png = chart?.ok ? await drawChart(ctx, chart.chart) : null;
  if (png && fitsCaption(lines)) {
    // The chart with the answer as its caption: one message, the buttons under it.
    const photo = await sendPhoto(ctx, png, lines, keyboard);
    store.bind(photo.chat.id, photo.message_id, key);
  } else {
    const sent = await sendLines(ctx, lines, { keyboard });
    for (const msg of sent) store.bind(msg.chat.id, msg.message_id, key);
    if (png && chart?.ok) {
      const photo = await sendPhoto(ctx, png, [[italic(chart.chart.title)], [italic(chart.chart.subtitle)]]);
      store.bind(photo.chat.id, photo.message_id, key);
    }
  }
  if (answer.wants === "export" && exportId) {
    const table = engine.table(exportId);
    if (table) await sendTableFile(ctx, table, entityOf(ctx, table.report), answer.exportAs ?? "xlsx");
  } else if (answer.wants === "export") await sendAnswerFile(ctx, answer, answer.exportAs ?? "xlsx");
  return contextOf(answer);
}

/** An answer's text: a table answer in the same form as /table, anything else as {@link renderAnswer}. */
function answerLines(ctx: BotContext, answer: Answer): Line[] {
  // Small talk in the user's own language (asdfgh from a Chinese user gets Chinese); the examples are the buttons.
  if (answer.smallTalk) return [[t(smallTalkLead(answer.smallTalk, ctx.zb.lang))], ...(answer.alternatives.length ? [[t(ctx.zb.t.examplesTitle)]] : [])];
  const table = answer.tableId ? ctx.deps.engine.table(answer.tableId) : null;
  if (table && answer.facts.length === 0) return renderTable(table, entityOf(ctx, table.report), ctx.zb.t);
  return renderAnswer(answer, ctx.zb.t);
}

/** The entity a report is about, for captions and file names. */
export function entityOf(ctx: BotContext, report: string): string {
  return ctx.deps.engine.reports().find((r) => r.report === report)?.entity ?? report;
}

/**
 * Buttons under an answer: whole row / table, close alternatives, related passages; CSV and
 * Excel when it shows a table (`exportKey`: a stored one-table list).
 */
export function answerKeyboard(a: Answer, key: string, m: Messages, exportKey: string | null = null): InlineKeyboard | undefined {
  const kb = new InlineKeyboard();
  let any = false;
  if (exportKey) {
    kb.text(m.btnCsv, `xp:csv:${exportKey}:0`).text(m.btnExcel, `xp:xlsx:${exportKey}:0`).row();
    any = true;
  }
  const f = a.facts[0];
  // A snapshot's figures stand in several tables: no one row or table is "its".
  if (f && f.source === "table" && a.intent !== "snapshot") {
    kb.text(m.btnRow, `row:${key}`).text(m.btnTable, `tbl:${key}`).row();
    any = true;
  }
  a.alternatives.slice(0, MAX_ALTERNATIVES).forEach((alt, k) => {
    kb.text(clip(alt.label || alt.question, 48), `alt:${key}:${k}`).row();
    any = true;
  });
  if (a.facts.length > 0 || a.passages.length > 0) {
    kb.text(m.btnRelated, `rel:${key}`);
    any = true;
  }
  // The published report each cited figure or passage comes from, when the manifest gives it.
  for (const src of (a.sources ?? []).slice(0, 2)) {
    kb.row().url(m.btnSource(src.entity), src.url);
    any = true;
  }
  return any ? kb : undefined;
}

/** Runs a passage (or case) search and sends the first page, or says nothing matched. */
export async function searchAndSend(ctx: BotContext, query: string, casesOnly: boolean): Promise<void> {
  const notice = tooLong(query);
  if (notice) {
    ctx.zb.result = "too-long";
    await sendLines(ctx, linesFromText(notice));
    return;
  }
  await typing(ctx);
  const { engine, offThread } = ctx.deps;
  const hits = offThread ? await offThread.search(query, { casesOnly, limit: SEARCH_LIMIT }) : engine.search(query, { casesOnly, limit: SEARCH_LIMIT });
  if (hits.length === 0) {
    ctx.zb.result = casesOnly ? "cases:none" : "passages:none";
    const m = ctx.zb.t;
    await sendLines(ctx, linesFromText(casesOnly ? m.noCases(query) : m.noPassages(query)));
    return;
  }
  ctx.zb.result = casesOnly ? "cases" : "passages";
  await sendPassageList(ctx, { kind: "search", query, casesOnly, hits, page: 0 });
}

/** Stores a list and sends its first page with `◀ 1/n ▶` buttons. */
export async function sendPassageList(ctx: BotContext, entry: SearchEntry): Promise<void> {
  const { store } = ctx.deps;
  const key = store.put(entry);
  const sent = await sendLines(ctx, pageLines(entry, entry.page, ctx.zb.t), { keyboard: pageKeyboard(key, entry.page, pageCount(entry.hits.length)) });
  for (const msg of sent) store.bind(msg.chat.id, msg.message_id, key);
}

/** Shows page `page` of a stored list in the message the button is on. */
export async function showPage(ctx: BotContext, key: string, entry: SearchEntry, page: number): Promise<void> {
  const pages = pageCount(entry.hits.length);
  const p = ((page % pages) + pages) % pages;
  entry.page = p;
  await editLines(ctx, pageLines(entry, p, ctx.zb.t), pageKeyboard(key, p, pages));
}

/** `◀ 1/4 ▶` (wrapping around); none for a single page. The middle button does nothing. */
export function pageKeyboard(key: string, page: number, pages: number): InlineKeyboard | undefined {
  if (pages <= 1) return undefined;
  return new InlineKeyboard()
    .text("◀", `pg:${key}:${(page - 1 + pages) % pages}`)
    .text(`${page + 1}/${pages}`, "noop")
    .text("▶", `pg:${key}:${(page + 1) % pages}`);
}

/** A page that fits one message: snippets are shortened until it does (a page cannot be split). */
function pageLines(entry: { query: string; casesOnly: boolean; hits: PassageHit[] }, page: number, m: Messages): Line[] {
  const query = clip(entry.query, 60);
  for (let max = SNIPPET_MAX; ; max = Math.floor(max * 0.7)) {
    const lines = renderPassagePage({ ...entry, query }, page, m, max);
    if (textLength(lines) <= MESSAGE_LIMIT || max < 40) return lines;
  }
}
