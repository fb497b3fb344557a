/**
 * The catch-all, registered last: a did-you-mean for unknown commands meant for this bot, and a
 * hint for non-text messages in a private chat. Anything else (group chatter) gets silence.
 */
import { Composer } from "grammy";
import { didYouMean } from "../commands.js";
import type { BotContext } from "../context.js";
import { leadingCommand } from "../filters/addressed.js";
import { linesFromText } from "../markup.js";
import { ackCallback, sendLines } from "../reply.js";

/** The fallback feature. */
export function fallbackFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.on("message", async (ctx) => {
    const msg = ctx.message;
    const cmd = leadingCommand(msg);
    const isPrivate = ctx.chat.type === "private";
    if (cmd) {
      // In a group, "/foo" may be for another bot: answer only "/foo@thisbot".
      const forMe = cmd.target !== null && cmd.target.toLowerCase() === ctx.me.username.toLowerCase();
      if (!isPrivate && !forMe) {
        ctx.zb.result = "ignored";
        return;
      }
      ctx.zb.command = cmd.name;
      ctx.zb.result = "unknown-command";
      await sendLines(ctx, linesFromText(ctx.zb.t.unknownCommand(cmd.name, didYouMean(cmd.name))));
      return;
    }
    if (isPrivate && msg.text === undefined) {
      ctx.zb.result = "not-text";
      await sendLines(ctx, linesFromText(ctx.zb.t.textOnly));
      return;
    }
    ctx.zb.result = "ignored";
  });

  // A button this version does not know (an older release's callback data).
  c.on("callback_query", async (ctx) => {
    ctx.zb.result = "expired";
    await ackCallback(ctx, ctx.zb.t.expired);
  });

  return c;
}
