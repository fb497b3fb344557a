/**
 * Commands are read in any case: Telegram clients send `/START` or `/Help` as typed, while grammY
 * matches command names exactly. The command word (not the `@botname` or the arguments) is
 * lower-cased before the features see the message.
 */
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/** Middleware lower-casing a leading command's name. */
export function commandCase(): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const msg = ctx.message;
    const e = msg?.entities?.[0];
    if (msg?.text && e?.type === "bot_command" && e.offset === 0) {
      const word = msg.text.slice(0, e.length);
      const at = word.indexOf("@");
      const name = at < 0 ? word : word.slice(0, at);
      // ASCII only, so the entity's offsets stay right.
      if (/^\/[A-Za-z0-9_]+$/.test(name) && name !== name.toLowerCase()) msg.text = name.toLowerCase() + msg.text.slice(name.length);
    }
    return next();
  };
}
