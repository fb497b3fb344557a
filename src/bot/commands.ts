/**
 * The command list: the menu set at start (Chinese by default, English for English-language
 * clients, plus /reload in admins' private chats) and the did-you-mean for unknown commands.
 */
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "../log.js";

/** Public commands, in menu order, with their menu descriptions. */
export const COMMANDS: { name: string; zh: string; en: string }[] = [
  { name: "ask", zh: "提问：遂宁 2024 升学人数", en: "Ask: Suining 2024 升学人数" },
  { name: "summary", zh: "报告概况：遂宁 2024", en: "A report's key figures: Suining 2024" },
  { name: "search", zh: "搜索报告段落", en: "Search report passages" },
  { name: "case", zh: "搜索典型案例", en: "Search case studies" },
  { name: "table", zh: "查看报告中的表格", en: "Show a report's table" },
  { name: "reports", zh: "有哪些报告、哪些年份", en: "Which reports and years" },
  { name: "lang", zh: "回复语言：中文 / English", en: "Reply language: 中文 / English" },
  { name: "help", zh: "各类问题示例", en: "Examples of every kind of question" },
  { name: "start", zh: "简介与示例", en: "What this bot does" },
];

/** Admin-only commands. */
export const ADMIN_COMMANDS: { name: string; zh: string; en: string }[] = [{ name: "reload", zh: "从 corpus/ 重建索引", en: "Rebuild the index from corpus/" }];

/** Every command name the bot handles. */
export const COMMAND_NAMES: string[] = [...COMMANDS, ...ADMIN_COMMANDS].map((c) => c.name);

/** The menu in one language. */
export function commandMenu(lang: "zh" | "en", admin = false): BotCommand[] {
  return [...COMMANDS, ...(admin ? ADMIN_COMMANDS : [])].map((c) => ({ command: c.name, description: c[lang] }));
}

/**
 * Sets the command menu: Chinese as the default, English for `language_code` en, and the admin
 * menu in each admin's private chat. Best effort: a failure (an emulator without setMyCommands, an
 * admin who never opened the bot) is logged and never stops the start.
 */
export async function setCommandMenu(api: Api, adminIds: number[], logger: Logger): Promise<void> {
  const calls: [string, () => Promise<unknown>][] = [
    ["default", () => api.setMyCommands(commandMenu("zh"))],
    ["en", () => api.setMyCommands(commandMenu("en"), { language_code: "en" })],
    ...adminIds.map((id): [string, () => Promise<unknown>] => [`admin ${id}`, () => api.setMyCommands(commandMenu("zh", true), { scope: { type: "chat", chat_id: id } })]),
  ];
  for (const [what, call] of calls) {
    try {
      await call();
    } catch (err) {
      logger.warn("setMyCommands failed", { scope: what, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

/**
 * The known command closest to `name` (edit distance ≤ 2, or a prefix), or null.
 *
 * @example didYouMean("serch") // "search"
 */
export function didYouMean(name: string): string | null {
  const n = name.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of COMMAND_NAMES) {
    const d = c.startsWith(n) && n.length >= 2 ? 0.5 : distance(n, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= Math.min(2, Math.max(1, Math.floor(n.length / 2))) ? best : null;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
