/**
 * `/table` (one of a report's tables, or the list of a report's tables as buttons) and
 * `/reports` (every report, its entity and years).
 */
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { linesFromText } from "../markup.js";
import { renderReports, renderTable, renderTableList } from "../render.js";
import { ackCallback, sendLines, typing } from "../reply.js";

/** Most tables offered as buttons under a list. */
const MAX_TABLE_BUTTONS = 24;

/** The tables feature. */
export function tablesFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command("reports", async (ctx) => {
    ctx.zb.command = "reports";
    ctx.zb.result = "reports";
    await sendLines(ctx, renderReports(ctx.deps.engine.reports(), ctx.zb.t));
  });

  c.command("table", async (ctx) => {
    ctx.zb.command = "table";
    const q = ctx.match.trim();
    const { engine, store } = ctx.deps;
    const m = ctx.zb.t;
    if (!q) {
      ctx.zb.result = "usage";
      await sendLines(ctx, [...linesFromText(m.usageTable), [], ...renderReports(engine.reports(), m)]);
      return;
    }
    await typing(ctx);
    const table = engine.table(q);
    if (table) {
      ctx.zb.result = "table";
      const entity = engine.reports().find((r) => r.report === table.report)?.entity ?? table.report;
      await sendLines(ctx, renderTable(table, entity, m));
      return;
    }
    const list = engine.tables(q);
    if (list.length === 0) {
      ctx.zb.result = "table:none";
      await sendLines(ctx, linesFromText(m.tableNotFound(q)));
      return;
    }
    ctx.zb.result = "tables";
    const shown = list.slice(0, MAX_TABLE_BUTTONS);
    const key = store.put({ kind: "tables", ids: shown.map((s) => s.id) });
    const kb = new InlineKeyboard();
    shown.forEach((_s, k) => {
      kb.text(String(k + 1), `tb:${key}:${k}`);
      if (k % 6 === 5) kb.row();
    });
    await sendLines(ctx, renderTableList(list[0]!.entity, list, m, shown.length), { keyboard: kb });
  });

  c.callbackQuery(/^tb:([\w-]+):(\d+)$/, async (ctx) => {
    ctx.zb.command = "table";
    const entry = ctx.deps.store.get(ctx.match[1]!);
    const id = entry?.kind === "tables" ? entry.ids[Number(ctx.match[2])] : undefined;
    const table = id ? ctx.deps.engine.table(id) : null;
    if (!table) {
      ctx.zb.result = "expired";
      return ackCallback(ctx, ctx.zb.t.expired);
    }
    await ackCallback(ctx);
    ctx.zb.result = "table";
    const entity = ctx.deps.engine.reports().find((r) => r.report === table.report)?.entity ?? table.report;
    await sendLines(ctx, renderTable(table, entity, ctx.zb.t));
  });

  return c;
}
