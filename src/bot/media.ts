/**
 * Sending what is not text: an answer's chart as a photo, and a table as a CSV or Excel document.
 * Everything stays inside Telegram's limits (photo 10 MB, caption 1024 characters, document
 * 50 MB); a chart that cannot be drawn (no CJK font, a renderer error) is logged and the text
 * answer goes out alone.
 */
import { BotStoppingError } from "./handBack.js";
import { InputFile, type InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { chartOf, type ChartData, type ChartResult } from "../chart/chartData.js";
import { toCsv } from "../export/csv.js";
import { answerFileName, answerGrid } from "../export/answerGrid.js";
import { exportFileName } from "../export/fileName.js";
import { tableGrid } from "../export/tableGrid.js";
import type { Answer, Table } from "../types.js";
import type { BotContext } from "./context.js";
import { compactKeyboard, t, textLength, toHtml, type Line } from "./markup.js";
import { fitLines } from "./split.js";

/** Telegram's limits for what this module sends. */
export const MEDIA_LIMITS = {
  /** Characters of a caption, after entity parsing. */
  caption: 1024,
  /** Bytes of a photo. */
  photo: 10 * 1024 * 1024,
  /** Bytes of a document sent by a bot. */
  document: 50 * 1024 * 1024,
} as const;

/** Intents whose answers are drawn as a chart without being asked. */
const CHARTED = new Set<Answer["intent"]>(["compare", "change", "rank"]);

/**
 * The chart an answer gets in the bot: comparisons, changes and rankings always, any other answer
 * when the question asked for one ("画个图表"); null when it gets none and did not ask.
 */
export function chartFor(answer: Answer): ChartResult | null {
  if (!CHARTED.has(answer.intent) && answer.wants !== "chart") return null;
  return chartOf(answer);
}

/** Draws a chart to PNG, or null (logged) when it cannot be drawn or is too large to send. */
export async function drawChart(ctx: BotContext, chart: ChartData): Promise<Buffer | null> {
  try {
    // In a worker thread when the bot has them: drawing takes a few hundred ms of synchronous work.
    const offThread = ctx.deps.offThread;
    const png = offThread ? await offThread.drawChart(chart) : (await (await import("../chart/render.js")).renderChart(chart)).png;
    if (png.length > MEDIA_LIMITS.photo) {
      ctx.deps.logger.warn("chart too large to send", { bytes: png.length });
      return null;
    }
    return png;
  } catch (err) {
    // Stopping: the whole answer is handed back (the next start sends it with its chart).
    if (err instanceof BotStoppingError) throw err;
    ctx.deps.logger.warn("chart not drawn", { err });
    return null;
  }
}

/** True when lines fit in a caption. */
export function fitsCaption(lines: Line[]): boolean {
  return textLength(lines) <= MEDIA_LIMITS.caption;
}

/**
 * Sends a photo with `lines` as its HTML caption (cut to the caption limit) and buttons; in groups
 * it replies to the question, like text answers do.
 */
export async function sendPhoto(ctx: BotContext, png: Buffer, lines: Line[], keyboard?: InlineKeyboard): Promise<Message.PhotoMessage> {
  const quote = ctx.message && ctx.chat?.type !== "private" ? ctx.message.message_id : undefined;
  return ctx.replyWithPhoto(new InputFile(png, "chart.png"), {
    caption: toHtml(fitLines(lines, MEDIA_LIMITS.caption)),
    parse_mode: "HTML",
    ...(compactKeyboard(keyboard) ? { reply_markup: compactKeyboard(keyboard) } : {}),
    ...(quote !== undefined ? { reply_parameters: { message_id: quote, allow_sending_without_reply: true } } : {}),
  });
}

/** File formats a table is exported in. */
export type ExportFormat = "csv" | "xlsx";

/** Sends a table as a CSV (UTF-8 with BOM) or Excel document, captioned with its title and source. */
/** Sends an answer's figures (a comparison, a ranking) as a CSV or Excel document, with their sources; null when it has none or is too large. */
export async function sendAnswerFile(ctx: BotContext, answer: Answer, format: ExportFormat): Promise<Message.DocumentMessage | null> {
  const grid = answerGrid(answer, ctx.zb.lang);
  if (!grid) return null;
  const data = format === "csv" ? Buffer.from(toCsv(grid, { sourceRow: true }), "utf8") : await (await import("../export/xlsx.js")).toXlsx(grid);
  if (data.length > MEDIA_LIMITS.document) {
    ctx.deps.logger.warn("export too large to send", { bytes: data.length });
    return null;
  }
  return ctx.replyWithDocument(new InputFile(data, answerFileName(answer, format)), {
    caption: toHtml(fitLines([[t(`📊 ${grid.title}`)], [t(grid.source)]], MEDIA_LIMITS.caption)),
    parse_mode: "HTML",
  });
}

export async function sendTableFile(ctx: BotContext, table: Table, entity: string, format: ExportFormat): Promise<Message.DocumentMessage | null> {
  const grid = tableGrid(table, entity);
  const data = format === "csv" ? Buffer.from(toCsv(grid), "utf8") : await (await import("../export/xlsx.js")).toXlsx(grid);
  if (data.length > MEDIA_LIMITS.document) {
    ctx.deps.logger.warn("export too large to send", { bytes: data.length, table: table.id });
    return null;
  }
  return ctx.replyWithDocument(new InputFile(data, exportFileName(table, entity, format)), {
    caption: toHtml(fitLines([[t(`📊 ${grid.title}`)], [t(grid.source)]], MEDIA_LIMITS.caption)),
    parse_mode: "HTML",
  });
}
