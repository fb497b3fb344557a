import { writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { replyLang } from "../answer/reply.js";
import { chartOf, noChartSentence } from "../chart/chartData.js";
import type { Answer, Engine } from "../types.js";
import { cliEngine } from "./engineFactory.js";

/** The contract's view of an answer (shared/eval/README.md): question, facts, passages, reply, plus what was understood. */
export function answerJson(a: Answer): Record<string, unknown> {
  return {
    question: a.question,
    intent: a.intent,
    facts: a.facts,
    passages: a.passages.map((p) => ({ report: p.report, title: p.title, text: p.text, snippet: p.snippet, score: p.score, line: p.line, kind: p.kind, caseLabel: p.caseLabel })),
    reply: a.reply,
    variants: a.variants,
    changes: a.changes,
    alternatives: a.alternatives,
    understood: a.understood,
    ...(a.wants ? { wants: a.wants } : {}),
    ...(a.tableId ? { tableId: a.tableId } : {}),
    ...(a.smallTalk ? { smallTalk: a.smallTalk } : {}),
    ms: a.ms,
  };
}

/** `zhibao ask`: one question from the arguments, or (--jsonl) one per stdin line. */
export async function runAsk(question: string, opts: { json?: boolean; jsonl?: boolean; chart?: string }): Promise<void> {
  const engine = await cliEngine();
  if (opts.jsonl) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      // Every input line gets exactly one output line, even a blank one: the scorer pairs them by order.
      let out: Record<string, unknown>;
      try {
        out = answerJson(engine.ask(line));
      } catch (err) {
        out = { question: line, facts: [], passages: [], reply: `error: ${(err as Error).message}` };
      }
      process.stdout.write(`${JSON.stringify(out)}\n`);
    }
    return;
  }
  if (!question.trim()) {
    process.stderr.write('usage: zhibao ask "Suining 2024 升学人数"   (or --jsonl to read questions from stdin)\n');
    process.exitCode = 2;
    return;
  }
  const answer = engine.ask(question);
  const notes = opts.chart ? await writeChart(answer, opts.chart) : presentationNotes(answer, engine);
  process.stdout.write(opts.json ? `${JSON.stringify(answerJson(answer), null, 2)}\n` : `${[answer.reply, ...notes].join("\n")}\n`);
}

/** Draws the answer to `file` (.svg: the SVG, else PNG); returns what the reader should be told. */
async function writeChart(answer: Answer, file: string): Promise<string[]> {
  const lang = replyLang(answer.question);
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

/** What to add when the question asked for a chart or a file the terminal cannot show. */
function presentationNotes(answer: Answer, engine: Engine): string[] {
  const zh = replyLang(answer.question) === "zh";
  if (answer.wants === "chart") {
    const result = chartOf(answer);
    if (!result.ok) return [noChartSentence(result.reason, replyLang(answer.question))];
    return [zh ? "（图表：加 --chart 文件名.png 写出 PNG 图表。）" : "(Chart: add --chart FILE.png to write it as a PNG.)"];
  }
  if (answer.wants === "export") {
    const table = answer.tableId ? engine.table(answer.tableId) : null;
    if (!table) return [zh ? "只有表格可以导出，例如「遂宁 计分卡 导出Excel」。" : 'Only tables can be exported, e.g. "Suining score card export to Excel".'];
    const cmd = `zhibao tables ${table.report} ${table.number ?? table.title ?? ""}`.trim();
    return [zh ? `（导出：${cmd} --csv > 表.csv，或 --xlsx 表.xlsx）` : `(Export: ${cmd} --csv > table.csv, or --xlsx table.xlsx)`];
  }
  return [];
}
