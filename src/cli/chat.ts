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
    "追问 / follow-ups: 2023年呢？  那毕业生人数呢？  画个图  导出Excel  更多  只看乐山  从高到低  what about …?",
    "命令 / commands: /reports  /tables [报告]  /new (forget the context)  /quit",
  ].join("\n");
}

/** One chat session, without a terminal: what each typed line prints. `runChat` and the tests drive it. */
export interface ChatSession {
  /** The reply to one typed line (a question, a follow-up or a command); null for /quit. */
  turn(line: string): Promise<string | null>;
}

/**
 * A chat over an engine: each question is asked in the context of the previous answer, so "2023年呢？",
 * "画个图", "导出Excel", "更多" and "只看乐山" work as in the bot. Charts and files go to `dir` (default: the
 * temporary folder).
 *
 * @example const chat = createChat(engine); await chat.turn("江门 月收入 2023 vs 2024"); await chat.turn("画个图") // "…图表：/tmp/zhibao-chart-….png"
 */
export function createChat(engine: Engine, opts: { dir?: string } = {}): ChatSession {
  let context: AskContext | undefined;
  return {
    async turn(raw: string): Promise<string | null> {
      const line = raw.trim();
      if (line === "/quit" || line === "/exit" || line === "/q") return null;
      if (!line) return "";
      if (line === "/help" || line === "/start") return helpText(engine);
      if (line === "/new") {
        context = undefined;
        return "(context cleared)";
      }
      if (line === "/reports")
        return engine
          .reports()
          .map((r) => `• ${reportLabel(r)} — ${r.report}`)
          .join("\n");
      if (line.startsWith("/tables")) {
        const which = line.slice("/tables".length).trim();
        return (
          engine
            .tables(which || undefined)
            .map((t) => `• ${t.entity} ${t.number ?? ""} ${t.title ?? ""} (${t.rows} rows, line ${t.startLine})`)
            .join("\n") || "no such report"
        );
      }
      if (line.startsWith("/")) return `unknown command ${line.split(/\s/)[0]}; /help lists them`;
      if (tooLong(line)) return tooLong(line)!;
      try {
        const answer = engine.ask(line, context);
        context = answer.understood;
        return [answer.reply, ...(await chatPresentation(answer, engine, opts.dir))].join("\n");
      } catch (err) {
        return `sorry, that question broke something (${(err as Error).message}); please rephrase it`;
      }
    },
  };
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
  const chat = createChat(engine);
  rl.setPrompt("? ");
  rl.prompt();
  for await (const raw of rl) {
    const reply = await chat.turn(raw);
    if (reply === null) break;
    if (reply) out(reply);
    rl.prompt();
  }
  rl.close();
}
