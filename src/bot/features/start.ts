/**
 * `/start` (what the bot does and three tappable examples) and `/help` (examples of every kind
 * of question). Example buttons carry only an index into the examples the loaded reports give,
 * so they work after a restart too (and say "expired" if a reload changed them).
 */
import { Composer, InlineKeyboard } from "grammy";
import { answerQuestion } from "../answering.js";
import type { BotContext } from "../context.js";
import { EXAMPLES, type Lang } from "../i18n.js";
import { catalogueLines } from "../render.js";
import { ackCallback, sendLines } from "../reply.js";

/** The start/help feature. */
export function startFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command("start", async (ctx) => {
    ctx.zb.command = "start";
    const m = ctx.zb.t;
    if (ctx.match.trim() === "help") {
      ctx.zb.result = "help";
      await sendLines(ctx, catalogueLines(m.help(ctx.me.username)));
      return;
    }
    ctx.zb.result = "start";
    await sendLines(ctx, [...catalogueLines(m.intro(ctx.me.username)), [], ...catalogueLines([`<b>${m.examplesTitle}</b>`])], {
      keyboard: examplesKeyboard(examplesFor(ctx, ctx.zb.lang), ctx.zb.lang, m.tryInline),
    });
  });

  c.command("help", async (ctx) => {
    ctx.zb.command = "help";
    ctx.zb.result = "help";
    await sendLines(ctx, catalogueLines(ctx.zb.t.help(ctx.me.username)), { keyboard: examplesKeyboard(examplesFor(ctx, ctx.zb.lang), ctx.zb.lang, ctx.zb.t.tryInline) });
  });

  c.callbackQuery(/^ex:(zh|en):(\d)$/, async (ctx) => {
    ctx.zb.command = "example";
    const q = examplesFor(ctx, ctx.match[1] as Lang)[Number(ctx.match[2])];
    if (!q) return ackCallback(ctx, ctx.zb.t.expired);
    await ackCallback(ctx);
    await answerQuestion(ctx, q);
  });

  return c;
}

/**
 * Example questions made from the loaded reports (a figure, a comparison, a ranking they answer),
 * so they work for any corpus; the fixed list only when no report is loaded.
 */
export function examplesFor(ctx: BotContext, lang: Lang): string[] {
  const made = ctx.deps.engine.examples(lang);
  return made.length ? made : EXAMPLES[lang];
}

/** One button per example, then "use in any chat" (inline mode in the current chat). */
export function examplesKeyboard(examples: string[], lang: Lang, tryInline: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  examples.forEach((q, k) => kb.text(q.length > 40 ? `${q.slice(0, 39)}…` : q, `ex:${lang}:${k}`).row());
  if (examples[0]) kb.switchInlineCurrent(tryInline, examples[0]);
  return kb;
}
