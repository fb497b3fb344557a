import { createInterface } from "node:readline";
import { reportLabel } from "../answer/reply.js";
import type { AskContext, Engine } from "../types.js";
import { cliEngine } from "./engineFactory.js";
import { tooLong } from "./questionLimit.js";
import { chatPresentation } from "./present.js";

const HELP = `问题举例 / examples:
  遂宁 2024 升学人数          江门 月收入 2023 vs 2024
  哪个地区2024年升入本科人数最多   璧山 宿舍 案例
  追问 / follow-ups: 2023年呢？  江门呢？
命令 / commands: /reports  /tables [报告]  /new (forget the context)  /quit`;

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
    if (line === "/help" || line === "/start") out(HELP);
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
