/**
 * Whether an update is meant for this bot. In a private chat every message is; in a group only
 * a command (`/ask …`, `/ask@thisbot …`, but not `/ask@otherbot`), a reply to one of the bot's
 * messages, or a message that mentions the bot. Callback and inline queries always are.
 * Everything else is left alone, silently.
 */
import type { Message } from "grammy/types";
import type { BotContext } from "../context.js";

/** The command a message starts with, and the bot it names (`/ask@zhibao_bot` → { name: "ask", target: "zhibao_bot" }). */
export function leadingCommand(msg: Pick<Message, "text" | "entities">): { name: string; target: string | null } | null {
  const e = msg.entities?.[0];
  if (!msg.text || !e || e.type !== "bot_command" || e.offset !== 0) return null;
  const raw = msg.text.slice(1, e.length);
  const at = raw.indexOf("@");
  return at < 0 ? { name: raw.toLowerCase(), target: null } : { name: raw.slice(0, at).toLowerCase(), target: raw.slice(at + 1) };
}

/** True when the command in `msg` is for this bot (no @, or @ this bot). */
export function isCommandForMe(msg: Pick<Message, "text" | "entities">, username: string): boolean {
  const c = leadingCommand(msg);
  return c !== null && (c.target === null || c.target.toLowerCase() === username.toLowerCase());
}

/** True when `msg` mentions @username. */
export function mentionsMe(msg: Pick<Message, "text" | "entities">, username: string): boolean {
  const text = msg.text ?? "";
  return (msg.entities ?? []).some((e) => e.type === "mention" && text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === username.toLowerCase());
}

/** Removes "@username" mentions of this bot from a question. */
export function stripMention(text: string, username: string): string {
  return text
    .replace(new RegExp(`@${username.replace(/[^A-Za-z0-9_]/g, "")}\\b`, "gi"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** True when `msg` replies to a message sent by this bot. */
export function isReplyToMe(msg: Pick<Message, "reply_to_message">, botId: number): boolean {
  return msg.reply_to_message?.from?.id === botId;
}

/** Whether the bot should react to this update at all (see the module comment). */
export function isAddressed(ctx: BotContext): boolean {
  if (ctx.callbackQuery || ctx.inlineQuery) return true;
  const msg = ctx.message;
  if (!msg) return false; // edited messages, channel posts, member updates: not questions
  if (msg.chat.type === "private") return true;
  const me = ctx.me;
  if (isCommandForMe(msg, me.username)) return true;
  if (isReplyToMe(msg, me.id)) return true;
  return mentionsMe(msg, me.username);
}
