/**
 * Every button press is answered exactly once. Telegram shows a spinner on the button until
 * answerCallbackQuery is called, and a second call fails: so the first answer wins (a later one —
 * say the error boundary's apology after a feature already acknowledged — is a no-op), and a press
 * that nothing answered is acknowledged when its handling ends.
 */
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/** Middleware: once-only answerCallbackQuery, and a silent acknowledgement if none was sent. */
export function answerEveryCallback(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!ctx.callbackQuery) return next();
    let answered = false;
    const answer = ctx.answerCallbackQuery.bind(ctx);
    ctx.answerCallbackQuery = (...args: Parameters<typeof answer>) => {
      if (answered) return Promise.resolve(true);
      answered = true;
      if (ctx.zb) ctx.zb.callbackAnswered = true;
      return answer(...args);
    };
    try {
      await next();
    } finally {
      if (!answered) await ctx.answerCallbackQuery().catch((err: unknown) => ctx.deps?.logger.debug("answerCallbackQuery failed", { err }));
    }
  };
}
