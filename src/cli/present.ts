import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { replyLang } from "../answer/reply.js";
import type { Answer, Engine } from "../types.js";

/**
 * Charts and exports on the command line: written to files, named in the output. The chart and
 * export code (and the table reading the export takes from ingestion) is loaded only for an answer
 * that asks for a chart or a file, so a one-shot figure question never loads it.
 */

/** Draws the answer to `file` (.svg: the SVG, else PNG); returns what the reader should be told. */
export async function writeChart(answer: Answer, file: string): Promise<string[]> {
  const lang = replyLang(answer.question);
  const { chartOf, noChartSentence } = await import("../chart/chartData.js");
  const result = chartOf(answer);
  if (!result.ok) {
    process.exitCode = 1;
    return [noChartSentence(result.reason, lang)];
  }
  const { renderChart } = await import("../chart/render.js");
  const drawn = await renderChart(result.chart);
  writeFileSync(file, /\.svg$/i.test(file) ? drawn.svg : drawn.png);
  process.stderr.write(`chart written to ${file} (${drawn.width}×${drawn.height} px, ${result.chart.bars.length} bars)\n`);
  return [];
}

/** Writes an answer's figures (a comparison, a ranking) as .xlsx or CSV (as `answer.exportAs`) into `dir`; returns the line naming it. */
export async function writeAnswerFile(answer: Answer, dir: string, file?: string): Promise<string> {
  const zh = replyLang(answer.question) === "zh";
  const { answerFileName, answerGrid } = await import("../export/answerGrid.js");
  const grid = answerGrid(answer, zh ? "zh" : "en")!;
  const format = file ? (/\.csv$/i.test(file) ? "csv" : "xlsx") : (answer.exportAs ?? "xlsx");
  const path = file ?? join(dir, answerFileName(answer, format));
  if (format === "csv") writeFileSync(path, (await import("../export/csv.js")).toCsv(grid, { sourceRow: true }));
  else writeFileSync(path, await (await import("../export/xlsx.js")).toXlsx(grid));
  return format === "csv" ? (zh ? `CSV 文件：${path}` : `CSV file: ${path}`) : zh ? `Excel 文件：${path}` : `Excel file: ${path}`;
}

/** What to add when the question asked for a chart or a file the terminal cannot show. */
export async function presentationNotes(answer: Answer, engine: Engine): Promise<string[]> {
  const zh = replyLang(answer.question) === "zh";
  if (answer.wants === "chart") {
    const { chartOf, noChartSentence } = await import("../chart/chartData.js");
    const result = chartOf(answer);
    if (!result.ok) return [noChartSentence(result.reason, replyLang(answer.question))];
    return [zh ? "（图表：加 --chart 文件名.png 写出 PNG 图表。）" : "(Chart: add --chart FILE.png to write it as a PNG.)"];
  }
  if (answer.wants === "export") {
    const table = answer.tableId ? engine.table(answer.tableId) : null;
    if (!table && answer.facts.length) return [zh ? "（导出：加 --xlsx 文件.xlsx 或 --csv 文件.csv 写出这些数字。）" : "(Export: add --xlsx FILE.xlsx or --csv FILE.csv to write these figures.)"];
    if (!table) return [zh ? "只有表格和数字可以导出，例如「遂宁 计分卡 导出Excel」。" : 'Only tables and figures can be exported, e.g. "Suining score card export to Excel".'];
    const cmd = `zhibao tables ${table.report} ${table.number ?? table.title ?? ""}`.trim();
    return [zh ? `（导出：${cmd} --csv > 表.csv，或 --xlsx 表.xlsx）` : `(Export: ${cmd} --csv > table.csv, or --xlsx table.xlsx)`];
  }
  return [];
}

/**
 * In `zhibao chat`, where no file was named: a chart or a table asked for ("画个图表", "导出成Excel")
 * is written to the temporary folder and its path printed; otherwise as {@link presentationNotes}.
 */
export async function chatPresentation(answer: Answer, engine: Engine, dir: string = tmpdir()): Promise<string[]> {
  const zh = replyLang(answer.question) === "zh";
  if (answer.wants === "chart") {
    const { chartOf, noChartSentence } = await import("../chart/chartData.js");
    const result = chartOf(answer);
    if (!result.ok) return [noChartSentence(result.reason, replyLang(answer.question))];
    const { renderChart } = await import("../chart/render.js");
    const file = join(dir, `zhibao-chart-${Date.now()}.png`);
    writeFileSync(file, (await renderChart(result.chart)).png);
    return [zh ? `图表：${file}` : `Chart: ${file}`];
  }
  const table = answer.wants === "export" && answer.tableId ? engine.table(answer.tableId) : null;
  if (answer.wants === "export" && !table && answer.facts.length) return [await writeAnswerFile(answer, dir)];
  if (table) {
    const entity = engine.reports().find((r) => r.report === table.report)?.entity ?? table.report;
    const [{ toXlsx }, { exportFileName }, { tableGrid }] = await Promise.all([import("../export/xlsx.js"), import("../export/fileName.js"), import("../export/tableGrid.js")]);
    const file = join(dir, exportFileName(table, entity, "xlsx"));
    writeFileSync(file, await toXlsx(tableGrid(table, entity)));
    return [zh ? `Excel 文件：${file}` : `Excel file: ${file}`];
  }
  return presentationNotes(answer, engine);
}
