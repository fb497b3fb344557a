/** `/reload` (admins only): rebuilds the index from corpus/ without a restart. */
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { linesFromText } from "../markup.js";
import { sendLines, typing } from "../reply.js";

/** The admin feature. */
export function adminFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  let running: Promise<unknown> | null = null;

  c.command("reload", async (ctx) => {
    ctx.zb.command = "reload";
    const { config, engine, logger } = ctx.deps;
    const m = ctx.zb.t;
    if (!ctx.from || !config.adminIds.includes(ctx.from.id)) {
      ctx.zb.result = "denied";
      await sendLines(ctx, linesFromText(m.reloadAdminsOnly));
      return;
    }
    await sendLines(ctx, linesFromText(m.reloading));
    await typing(ctx);
    // Two admins pressing /reload at once share one rebuild.
    const job = (running ??= engine.reload().finally(() => (running = null)));
    try {
      const r = (await job) as Awaited<ReturnType<typeof engine.reload>>;
      ctx.zb.result = "reloaded";
      logger.info("index reloaded", { by: ctx.from.id, reports: r.reports, tables: r.tables, facts: r.facts, passages: r.passages, warnings: r.warnings.length });
      // The details are for whoever reads the log; the chat gets the counts.
      for (const w of r.warnings) logger.warn("report warning", { report: w.report, line: w.line, message: w.message });
      await sendLines(ctx, linesFromText(m.reloaded({ ...r, warnings: r.warnings.length })));
    } catch (err) {
      // A stop signal killed the rebuild (ChildAbandonedError): the admin is told to send it again.
      const stopped = err instanceof Error && err.name === "ChildAbandonedError";
      ctx.zb.result = stopped ? "reload:stopped" : "reload:failed";
      if (stopped) logger.warn("reload abandoned: the bot is stopping");
      else logger.error("reload failed", { err });
      await sendLines(ctx, linesFromText(stopped ? m.reloadStopped : m.reloadFailed(err instanceof Error ? err.message : String(err))));
    }
  });

  return c;
}
