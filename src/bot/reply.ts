/**
 * Sending and editing: split long texts into several messages, show "typing…", and treat the
 * harmless failures of the Bot API as no-ops ("message is not modified", a chat action or a
 * command menu the server does not support).
 */
import { GrammyError, type InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext } from "./context.js";
import { compactKeyboard, toHtml, type Line } from "./markup.js";
import { fitLines, MESSAGE_LIMIT, splitLines } from "./split.js";

/** How long an answer waits for its "typing…" call before computing (it never waits for a failure). */
const TYPING_WAIT_MS = 250;

/** True for Telegram's 400 "message is not modified" (an edit to identical text and buttons). */
export function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && /message is not modified/i.test(err.description);
}

/**
 * Shows "typing…" in the update's chat. Never throws and never waits long: a server that does not
 * support sendChatAction (or is slow) must not delay or stop the answer.
 */
export async function typing(ctx: BotContext): Promise<void> {
  if (ctx.chat === undefined) return;
  const call = ctx.replyWithChatAction("typing").then(
    () => undefined,
    (err: unknown) => ctx.deps.logger.debug("typing failed", { err }),
  );
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, TYPING_WAIT_MS);
    timer.unref?.();
  });
  await Promise.race([call, wait]);
  clearTimeout(timer);
}

/** Options of {@link sendLines}. */
export interface SendOptions {
  /** Buttons, put under the last message. */
  keyboard?: InlineKeyboard;
}

/**
 * Sends lines as HTML, split into as many messages as the 4096 limit needs (on line
 * boundaries). In groups the first message replies to the question.
 *
 * @returns the messages sent, in order
 */
export async function sendLines(ctx: BotContext, lines: Line[], opts: SendOptions = {}): Promise<Message.TextMessage[]> {
  const chunks = splitLines(lines, MESSAGE_LIMIT);
  if (chunks.length === 0) chunks.push([[{ text: "…" }]]);
  const sent: Message.TextMessage[] = [];
  const quote = ctx.message && ctx.chat?.type !== "private" ? ctx.message.message_id : undefined;
  for (let k = 0; k < chunks.length; k++) {
    const last = k === chunks.length - 1;
    sent.push(
      await ctx.reply(toHtml(chunks[k]!), {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(last && compactKeyboard(opts.keyboard) ? { reply_markup: compactKeyboard(opts.keyboard) } : {}),
        ...(k === 0 && quote !== undefined ? { reply_parameters: { message_id: quote, allow_sending_without_reply: true } } : {}),
      }),
    );
  }
  return sent;
}

/**
 * Edits the message a button was pressed on to `lines` (cut to one message: a page edited in
 * place cannot be split) and `keyboard`; editing to identical content is a no-op.
 */
export async function editLines(ctx: BotContext, lines: Line[], keyboard?: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(toHtml(fitLines(lines, MESSAGE_LIMIT)), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(compactKeyboard(keyboard) ? { reply_markup: compactKeyboard(keyboard) } : {}),
    });
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}

/** Answers a callback query, ignoring failures (it may be too old to answer: the user still sees the result). */
export async function ackCallback(ctx: BotContext, text?: string): Promise<void> {
  if (!ctx.callbackQuery) return;
  try {
    await ctx.answerCallbackQuery(text ? { text } : undefined);
  } catch (err) {
    ctx.deps.logger.debug("answerCallbackQuery failed", { err });
  }
}
