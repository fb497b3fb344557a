/**
 * `/search` (passages) and `/case` (case studies): ranked hits with highlighted snippets, paged
 * in one message edited in place (`◀ 1/4 ▶`). The query and hits stay on the server; the
 * buttons carry only a short key.
 */
import { Composer } from "grammy";
import { searchAndSend, showPage } from "../answering.js";
import type { BotContext } from "../context.js";
import { linesFromText } from "../markup.js";
import { ackCallback, sendLines } from "../reply.js";

/** The search feature. */
export function searchFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  for (const [name, casesOnly] of [
    ["search", false],
    ["case", true],
  ] as const) {
    c.command(name, async (ctx) => {
      ctx.zb.command = name;
      const q = ctx.match.trim();
      if (!q) {
        ctx.zb.result = "usage";
        await sendLines(ctx, linesFromText(casesOnly ? ctx.zb.t.usageCase : ctx.zb.t.usageSearch));
        return;
      }
      await searchAndSend(ctx, q, casesOnly);
    });
  }

  c.callbackQuery(/^pg:([\w-]+):(\d+)$/, async (ctx) => {
    ctx.zb.command = "page";
    const key = ctx.match[1]!;
    const entry = ctx.deps.store.get(key);
    if (entry?.kind !== "search") {
      ctx.zb.result = "expired";
      return ackCallback(ctx, ctx.zb.t.expired);
    }
    ctx.zb.result = "page";
    try {
      await showPage(ctx, key, entry, Number(ctx.match[2]));
    } finally {
      await ackCallback(ctx);
    }
  });

  // The "2/4" button in the middle of the pager.
  c.callbackQuery("noop", async (ctx) => {
    ctx.zb.result = "noop";
    await ackCallback(ctx);
  });

  return c;
}
