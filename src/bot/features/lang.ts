/** `/lang`: 中文 or English replies, remembered per user. */
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { messages, parseLang, type Lang } from "../i18n.js";
import { linesFromText } from "../markup.js";
import { ackCallback, editLines, sendLines } from "../reply.js";

/** The language feature. */
export function langFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command("lang", async (ctx) => {
    ctx.zb.command = "lang";
    const chosen = parseLang(ctx.match);
    if (chosen && ctx.from) {
      setLang(ctx, chosen);
      ctx.zb.result = `lang:${chosen}`;
      await sendLines(ctx, linesFromText(ctx.zb.t.langSet));
      return;
    }
    ctx.zb.result = "lang:prompt";
    const kb = new InlineKeyboard().text("中文", "lang:zh").text("English", "lang:en");
    await sendLines(ctx, linesFromText(ctx.zb.t.langPrompt), { keyboard: kb });
  });

  c.callbackQuery(/^lang:(zh|en)$/, async (ctx) => {
    ctx.zb.command = "lang";
    const chosen = ctx.match[1] as Lang;
    setLang(ctx, chosen);
    ctx.zb.result = `lang:${chosen}`;
    await ackCallback(ctx, ctx.zb.t.langSet);
    await editLines(ctx, linesFromText(ctx.zb.t.langSet));
  });

  return c;
}

function setLang(ctx: BotContext, lang: Lang): void {
  if (ctx.from) ctx.deps.store.setLang(ctx.from.id, lang);
  ctx.zb.lang = lang;
  ctx.zb.t = messages(lang);
}
