/**
 * `/table` (one of a report's tables, or the list of a report's tables as buttons),
 * `/reports` (every report, its entity and years), and the CSV / Excel buttons under a table.
 */
import { Composer, InlineKeyboard } from "grammy";
import type { Table } from "../../types.js";
import { entityOf } from "../answering.js";
import type { BotContext } from "../context.js";
import type { Messages } from "../i18n.js";
import { sendTableFile } from "../media.js";
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
      await sendTable(ctx, table);
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
    await sendTable(ctx, table);
  });

  // CSV / Excel: the table as a document.
  c.callbackQuery(/^xp:(csv|xlsx):([\w-]+):(\d+)$/, async (ctx) => {
    const format = ctx.match[1] === "csv" ? "csv" : "xlsx";
    ctx.zb.command = `export:${format}`;
    const entry = ctx.deps.store.get(ctx.match[2]!);
    const id = entry?.kind === "tables" ? entry.ids[Number(ctx.match[3])] : undefined;
    const table = id ? ctx.deps.engine.table(id) : null;
    if (!table) {
      ctx.zb.result = "expired";
      return ackCallback(ctx, ctx.zb.t.expired);
    }
    await ackCallback(ctx);
    const sent = await sendTableFile(ctx, table, entityOf(ctx, table.report), format);
    ctx.zb.result = sent ? format : `${format}:too-large`;
  });

  return c;
}

/** A table as text, with its CSV and Excel buttons. */
export async function sendTable(ctx: BotContext, table: Table): Promise<void> {
  const key = ctx.deps.store.put({ kind: "tables", ids: [table.id] });
  await sendLines(ctx, renderTable(table, entityOf(ctx, table.report), ctx.zb.t), { keyboard: exportKeyboard(key, ctx.zb.t) });
}

/** The CSV and Excel buttons for the one table stored under `key`. */
export function exportKeyboard(key: string, m: Messages): InlineKeyboard {
  return new InlineKeyboard().text(m.btnCsv, `xp:csv:${key}:0`).text(m.btnExcel, `xp:xlsx:${key}:0`);
}
