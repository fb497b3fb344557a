import type { Answer } from "../types.js";
import { cliEngine } from "./engineFactory.js";
import { linesOf } from "./lines.js";
import { preview, tooLong } from "./questionLimit.js";
import { replyLang } from "../answer/reply.js";
import { presentationNotes, writeAnswerFile, writeChart } from "./present.js";

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
export async function runAsk(question: string, opts: { json?: boolean; jsonl?: boolean; chart?: string; explain?: boolean; xlsx?: string; csv?: string }): Promise<void> {
  // A chart file of another type (x.jpg) is refused before anything is read or drawn: PNG bytes in a .jpg mislead.
  if (opts.chart && !CHART_FILE.test(opts.chart)) {
    process.stderr.write(`--chart ${opts.chart}: charts are written as .png or .svg; give a file name ending in one of them\n`);
    process.exitCode = 2;
    return;
  }
  const engine = await cliEngine();
  if (opts.jsonl) {
    for await (const line of linesOf(process.stdin)) {
      // Every input line gets exactly one output line, even a blank one: the scorer pairs them by order.
      let out: Record<string, unknown>;
      const long = tooLong(line);
      try {
        out = long ? { question: preview(line), facts: [], passages: [], reply: long } : answerJson(engine.ask(line));
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
  const long = tooLong(question);
  if (long) {
    process.stderr.write(`${long}\n`);
    process.exitCode = 2;
    return;
  }
  const answer = engine.ask(question);
  if (opts.explain) process.stdout.write(`${engine.explain(question)}\n\n`);
  // The answer first: a file that cannot be written is said after it, never instead of it.
  const notes = opts.chart || opts.xlsx || opts.csv ? [] : await presentationNotes(answer, engine);
  process.stdout.write(opts.json ? `${JSON.stringify(answerJson(answer), null, 2)}\n` : `${[answer.reply, ...notes].join("\n")}\n`);
  const files: [string | undefined, () => Promise<string[]>][] = [
    [opts.chart, () => writeChart(answer, opts.chart!)],
    [opts.xlsx, async () => [await exportTo(answer, opts.xlsx!)]],
    [opts.csv, async () => [await exportTo(answer, opts.csv!)]],
  ];
  for (const [file, write] of files) {
    if (!file) continue;
    try {
      const said = await write();
      if (said.length && !opts.json) process.stdout.write(`${said.join("\n")}\n`);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      process.stderr.write(`cannot write ${file}: ${e.code === "ENOENT" ? "its folder does not exist" : e.code === "EACCES" ? "permission denied" : e.message}\n`);
      process.exitCode = 1;
    }
  }
}

/** The file types `--chart` writes. */
const CHART_FILE = /\.(?:png|svg)$/i;

/** `--xlsx` / `--csv`: the answer's figures (a comparison, a ranking) or the table it shows, with their sources. */
async function exportTo(answer: Answer, file: string): Promise<string> {
  if (!answer.facts.length) {
    process.exitCode = 1;
    return replyLang(answer.question) === "zh" ? "这个回答里没有可以导出的数字。" : "This answer has no figures to export.";
  }
  return writeAnswerFile(answer, "", file);
}
