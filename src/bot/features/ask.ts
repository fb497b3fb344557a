/**
 * Questions: `/ask …`, any text in a private chat, a mention in a group, and follow-ups (a reply
 * to one of the bot's answers is asked in that answer's context: "2023年呢？" after a Suining
 * 2024 answer asks about Suining 2023). Also the buttons under an answer: whole row, whole
 * table, alternatives, related passages.
 */
import { Composer } from "grammy";
import type { AskContext } from "../../types.js";
import { answerQuestion, searchAndSend, sendPassageList } from "../answering.js";
import type { BotContext } from "../context.js";
import { isReplyToMe, leadingCommand, mentionsMe, stripMention } from "../filters/addressed.js";
import { linesFromText } from "../markup.js";
import { findRow, renderRow } from "../render.js";
import { ackCallback, sendLines, typing } from "../reply.js";
import type { AnswerEntry } from "../store.js";
import { sendTable } from "./tables.js";

/** The ask feature. */
export function askFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  // A private chat is one conversation: a typed question is asked in the context of the chat's last
  // answer, and the engine's conversation rule decides whether it continues it (2023年呢？) or not.
  const lastInChat = new Map<number, AskContext>();
  const remember = (chatId: number, context: AskContext) => {
    lastInChat.delete(chatId);
    lastInChat.set(chatId, context);
    if (lastInChat.size > MAX_CHATS_REMEMBERED) lastInChat.delete(lastInChat.keys().next().value!);
  };

  c.command("ask", async (ctx) => {
    ctx.zb.command = "ask";
    const q = ctx.match.trim();
    if (!q) {
      ctx.zb.result = "usage";
      await sendLines(ctx, linesFromText(ctx.zb.t.usageAsk));
      return;
    }
    await answerQuestion(ctx, q, replyContext(ctx));
  });

  // /summary 遂宁 2024: the report's snapshot (answer/snapshot.ts), asked as 遂宁 2024 概况 so follow-ups act on it.
  c.command("summary", async (ctx) => {
    ctx.zb.command = "summary";
    const q = ctx.match.trim();
    if (!q) {
      ctx.zb.result = "usage";
      await sendLines(ctx, linesFromText(ctx.zb.t.usageSummary));
      return;
    }
    const english = /[a-z]{2,}/i.test(q) && !/[\u4e00-\u9fff]/.test(q);
    const context = await answerQuestion(ctx, `${q} ${english ? "overview" : "概况"}`);
    if (ctx.chat.type === "private") remember(ctx.chat.id, context);
  });

  c.on("message:text", async (ctx, next) => {
    const msg = ctx.message;
    if (leadingCommand(msg)) return next(); // an unknown command: the fallback answers it
    const me = ctx.me;
    let question = msg.text;
    if (isReplyToMe(msg, me.id)) {
      ctx.zb.command = "follow-up";
    } else if (ctx.chat.type !== "private") {
      if (!mentionsMe(msg, me.username)) return next();
      question = stripMention(question, me.username);
    }
    question = question.trim();
    if (!question) {
      ctx.zb.result = "usage";
      await sendLines(ctx, linesFromText(ctx.zb.t.usageAsk));
      return;
    }
    const replied = replyContext(ctx);
    const typedFollowUp = !replied && ctx.chat.type === "private" ? lastInChat.get(ctx.chat.id) : undefined;
    const context = await answerQuestion(ctx, question, replied ?? typedFollowUp);
    if (ctx.chat.type === "private") remember(ctx.chat.id, context);
  });

  // The whole row, or the whole table, a figure came from.
  c.callbackQuery(/^(row|tbl):([\w-]+)$/, async (ctx) => {
    const wholeTable = ctx.match[1] === "tbl";
    ctx.zb.command = wholeTable ? "table" : "row";
    const entry = answerEntry(ctx, ctx.match[2]!);
    if (!entry) return ackCallback(ctx, ctx.zb.t.expired);
    const f = entry.facts[0];
    if (f?.source !== "table" || !f.tableId) return ackCallback(ctx, ctx.zb.t.noTable);
    await ackCallback(ctx);
    await typing(ctx);
    const table = ctx.deps.engine.table(f.tableId);
    const row = table && !wholeTable ? findRow(table, f.line) : undefined;
    if (!table || (!wholeTable && !row)) {
      ctx.zb.result = `${ctx.zb.command}:none`;
      await sendLines(ctx, linesFromText(ctx.zb.t.rowNotFound));
      return;
    }
    ctx.zb.result = ctx.zb.command;
    if (row) await sendLines(ctx, renderRow(table, row, f.entity, ctx.zb.t, f.line));
    else await sendTable(ctx, table);
  });

  c.callbackQuery(/^alt:([\w-]+):(\d+)$/, async (ctx) => {
    ctx.zb.command = "alternative";
    const entry = answerEntry(ctx, ctx.match[1]!);
    const alt = entry?.alternatives[Number(ctx.match[2])];
    if (!alt) return ackCallback(ctx, ctx.zb.t.expired);
    await ackCallback(ctx);
    await answerQuestion(ctx, alt.question);
  });

  c.callbackQuery(/^rel:([\w-]+)$/, async (ctx) => {
    ctx.zb.command = "related";
    const entry = answerEntry(ctx, ctx.match[1]!);
    if (!entry) return ackCallback(ctx, ctx.zb.t.expired);
    await ackCallback(ctx);
    if (entry.passages && entry.passages.length > 0) {
      ctx.zb.result = "passages";
      await sendPassageList(ctx, { kind: "search", query: entry.question, casesOnly: false, hits: entry.passages, page: 0, context: entry.context });
      return;
    }
    const query = entry.keywords.length > 0 ? entry.keywords.join(" ") : entry.question;
    await searchAndSend(ctx, query, false);
  });

  return c;
}

/** Private chats whose last answer is kept for typed follow-ups (the oldest forgotten first). */
const MAX_CHATS_REMEMBERED = 10_000;

/** The context of the bot message this message replies to, if the bot still has it: a reply continues it whatever it says. */
function replyContext(ctx: BotContext): AskContext | undefined {
  const msg = ctx.message;
  if (!msg?.reply_to_message || !isReplyToMe(msg, ctx.me.id)) return undefined;
  const entry = ctx.deps.store.byMessage(msg.chat.id, msg.reply_to_message.message_id);
  if ((entry?.kind === "answer" || entry?.kind === "search") && entry.context) return { ...entry.context, isReply: true };
  return undefined;
}

function answerEntry(ctx: BotContext, key: string): AnswerEntry | undefined {
  const e = ctx.deps.store.get(key);
  if (e?.kind !== "answer") {
    ctx.zb.result = "expired";
    return undefined;
  }
  return e;
}
