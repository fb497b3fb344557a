/**
 * The per-user rate limit (`RATE_LIMIT` updates per `RATE_LIMIT_WINDOW_SECONDS`). Past the limit a
 * user's messages get one notice per window and are dropped; a button press past it is still
 * answered (with the notice as a toast), so no button keeps spinning. Inline queries are exempt:
 * Telegram sends one per keystroke and caches the answers.
 */
import type { MiddlewareFn } from "grammy";
import type { RateLimitConfig } from "../../config.js";
import type { BotContext } from "../context.js";
import { windowCounter } from "./windowCounter.js";

/** Middleware enforcing `config` (limit 0: no limit). */
export function rateLimit(config: RateLimitConfig, now?: () => number): MiddlewareFn<BotContext> {
  if (config.limit === 0) return (_ctx, next) => next();
  const counter = windowCounter({ windowMs: config.windowMs, ...(now ? { now } : {}) });
  // Message notices counted apart: a press past the limit (a toast) must not use up the chat notice.
  const notices = windowCounter({ windowMs: config.windowMs, ...(now ? { now } : {}) });
  return async (ctx, next) => {
    if (ctx.inlineQuery || !ctx.from) return next();
    const hits = counter.hit(String(ctx.from.id));
    if (hits <= config.limit) return next();
    ctx.zb.result = "rate-limited";
    const text = ctx.zb.t.rateLimited;
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
      else if (ctx.chat && notices.hit(String(ctx.from.id)) === 1) await ctx.reply(text);
    } catch (err) {
      ctx.deps.logger.debug("rate-limit notice failed", { err });
    }
  };
}
