/**
 * The allow-list (`ALLOWED_CHAT_IDS`): when set, the bot serves only the listed chats (a user's
 * private chat has the user's id; inline queries, which have no chat, are checked by user id).
 * Anyone else gets one short polite refusal per chat per {@link REFUSAL_WINDOW_MS}, and silence
 * otherwise (a button press is still answered, so it does not spin).
 */
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { windowCounter } from "./windowCounter.js";

/** A refused chat hears the refusal once in this time (10 minutes). */
export const REFUSAL_WINDOW_MS = 10 * 60 * 1000;

/** Whether the update's chat (or, with no chat, its user) is allowed. */
export function isAllowed(ctx: BotContext, allowed: number[] | null): boolean {
  if (allowed === null) return true;
  const id = ctx.chat?.id ?? ctx.from?.id;
  return id !== undefined && allowed.includes(id);
}

/** Middleware: passes allowed updates on, refuses the rest politely. */
export function allowlist(allowed: number[] | null, now?: () => number): MiddlewareFn<BotContext> {
  const refusals = windowCounter({ windowMs: REFUSAL_WINDOW_MS, ...(now ? { now } : {}) });
  return async (ctx, next) => {
    if (isAllowed(ctx, allowed)) return next();
    ctx.zb.result = "refused";
    const first = refusals.hit(String(ctx.chat?.id ?? ctx.from?.id)) === 1;
    const text = ctx.zb.t.refused;
    if (ctx.inlineQuery) {
      await ctx.answerInlineQuery([], { cache_time: 300, is_personal: true, button: { text: ctx.zb.t.inlinePrivate, start_parameter: "private" } });
    } else if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text });
    } else if (ctx.chat && first) {
      await ctx.reply(text);
    }
  };
}
