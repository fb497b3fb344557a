/**
 * Inline mode: `@bot 遂宁 2024 升学人数` in any chat lists answers to send into it — the
 * answer, the answers to its close alternatives, then matching passages; 50 at most. An inline
 * result is one message and cannot be split, so each is cut cleanly to fit.
 */
import { Composer } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import type { Answer } from "../../types.js";
import type { BotContext } from "../context.js";
import type { Messages } from "../i18n.js";
import { t, toHtml, type Line } from "../markup.js";
import { clip, factTitle, renderAnswer, renderHit, sourceLabel, tableLabel } from "../render.js";
import { fitLines, MESSAGE_LIMIT } from "../split.js";

/** Telegram's limit on results per answerInlineQuery. */
export const INLINE_LIMIT = 50;
/** Alternatives answered for an inline query (each costs an engine call). */
const INLINE_ALTERNATIVES = 4;

/** The inline feature. */
export function inlineFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.on("inline_query", async (ctx) => {
    ctx.zb.command = "inline";
    const q = ctx.inlineQuery.query.trim();
    const m = ctx.zb.t;
    if (!q) {
      ctx.zb.result = "inline:empty";
      await ctx.answerInlineQuery([], { cache_time: 300, button: { text: m.inlineHelp, start_parameter: "help" } });
      return;
    }
    const results = await inlineResults(ctx, q);
    ctx.zb.result = `inline:${results.length}`;
    await ctx.answerInlineQuery(results, {
      cache_time: 60,
      ...(results.length === 0 ? { button: { text: m.inlineNoAnswer, start_parameter: "help" } } : {}),
    });
  });

  return c;
}

/** The results for one inline query, best first, at most {@link INLINE_LIMIT}. */
export async function inlineResults(ctx: BotContext, q: string): Promise<InlineQueryResultArticle[]> {
  const { engine, offThread } = ctx.deps;
  // In the answer pool's worker threads when the bot has them, so the update loop is never held.
  const ask = (question: string): Promise<Answer> => (offThread ? offThread.ask(question) : Promise.resolve(engine.ask(question)));
  const m = ctx.zb.t;
  const out: InlineQueryResultArticle[] = [];
  const seen = new Set<string>();
  const addAnswer = (a: Answer, id: string): void => {
    const f = a.facts[0];
    if (!f) return;
    const sig = `${f.report}:${f.line}:${f.column}`;
    if (seen.has(sig)) return;
    seen.add(sig);
    out.push(article(id, clip(factTitle(f, m), 120), clip(`${tableLabel(f, m)} · ${sourceLabel(f, m)}`, 120), renderAnswer(a, m), m));
  };

  const answer = await ask(q);
  addAnswer(answer, "a");
  if (answer.facts.length === 0 && answer.passages.length === 0 && answer.reply.trim()) {
    out.push(article("r", clip(answer.reply.split("\n")[0] ?? q, 120), q, renderAnswer(answer, m), m));
  }
  for (const [k, alt] of answer.alternatives.slice(0, INLINE_ALTERNATIVES).entries()) {
    try {
      addAnswer(await ask(alt.question), `alt${k}`);
    } catch (err) {
      ctx.deps.logger.debug("inline alternative failed", { err });
    }
  }
  const hits = answer.passages.length > 0 ? answer.passages : offThread ? await offThread.search(q, { limit: INLINE_LIMIT }) : engine.search(q, { limit: INLINE_LIMIT });
  hits.forEach((h, k) => {
    out.push(article(`p${k}`, clip(h.title || h.caseLabel || h.entity, 120), clip(`${h.entity} · ${h.snippet || h.text}`, 160), renderHit(h, m, 3500, undefined, true), m));
  });
  return out.slice(0, INLINE_LIMIT);
}

function article(id: string, title: string, description: string, lines: Line[], m: Messages): InlineQueryResultArticle {
  return {
    type: "article",
    id,
    title: title || "…",
    description,
    input_message_content: {
      message_text: toHtml(fitLines(lines, MESSAGE_LIMIT, [t(m.truncated)])),
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    },
  };
}
