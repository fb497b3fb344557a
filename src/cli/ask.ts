import type { Answer } from "../types.js";
import { cliEngine } from "./engineFactory.js";
import { linesOf } from "./lines.js";
import { preview, tooLong } from "./questionLimit.js";
import { presentationNotes, writeChart } from "./present.js";

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
export async function runAsk(question: string, opts: { json?: boolean; jsonl?: boolean; chart?: string; explain?: boolean }): Promise<void> {
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
  const notes = opts.chart ? await writeChart(answer, opts.chart) : await presentationNotes(answer, engine);
  process.stdout.write(opts.json ? `${JSON.stringify(answerJson(answer), null, 2)}\n` : `${[answer.reply, ...notes].join("\n")}\n`);
}
