import { createInterface } from "node:readline";
import { reportLabel } from "../answer/reply.js";
import type { AskContext, Engine } from "../types.js";
import { cliEngine } from "./engineFactory.js";
import { tooLong } from "./questionLimit.js";
import { chatPresentation } from "./present.js";

/** The chat's help: example questions the loaded reports answer, how to follow up, the commands. */
function helpText(engine: Engine): string {
  const examples = engine.examples("zh");
  return [
    "问题举例 / examples:",
    ...examples.map((q) => `  ${q}`),
    `  案例 / cases: 加上「案例」，例如 ${engine.reports()[0]?.entity ?? ""} 产教融合 案例`,
    "追问 / follow-ups: 2023年呢？  那毕业生人数呢？  what about …?",
    "命令 / commands: /reports  /tables [报告]  /new (forget the context)  /quit",
  ].join("\n");
}

/**
 * `zhibao chat`: an interactive terminal chat with history (↑/↓) and follow-ups: each question
 * is asked in the context of the previous answer, so "2023年呢？" works as in the bot.
 */
export async function runChat(opts: { engine?: Engine; banner?: string } = {}): Promise<void> {
  const engine = opts.engine ?? (await cliEngine());
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY, historySize: 200 });
  const out = (s: string) => process.stdout.write(`${s}\n`);
  if (opts.banner) out(opts.banner);
  out(
    `职报问答 — ${engine
      .reports()
      .map((r) => r.entity)
      .join("、")}。/help for examples, /quit to leave.`,
  );
  let context: AskContext | undefined;
  rl.setPrompt("? ");
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "/quit" || line === "/exit" || line === "/q") break;
    if (!line) {
      rl.prompt();
      continue;
    }
    if (line === "/help" || line === "/start") out(helpText(engine));
    else if (line === "/new") {
      context = undefined;
      out("(context cleared)");
    } else if (line === "/reports")
      out(
        engine
          .reports()
          .map((r) => `• ${reportLabel(r)} — ${r.report}`)
          .join("\n"),
      );
    else if (line.startsWith("/tables")) {
      const which = line.slice("/tables".length).trim();
      out(
        engine
          .tables(which || undefined)
          .map((t) => `• ${t.entity} ${t.number ?? ""} ${t.title ?? ""} (${t.rows} rows, line ${t.startLine})`)
          .join("\n") || "no such report",
      );
    } else if (line.startsWith("/")) out(`unknown command ${line.split(/\s/)[0]}; /help lists them`);
    else if (tooLong(line)) out(tooLong(line)!);
    else {
      try {
        const answer = engine.ask(line, context);
        context = answer.understood;
        out([answer.reply, ...(await chatPresentation(answer, engine))].join("\n"));
      } catch (err) {
        out(`sorry, that question broke something (${(err as Error).message}); please rephrase it`);
      }
    }
    rl.prompt();
  }
  rl.close();
}
