/**
 * In-process bot harness: the bot is built with a preset botInfo, a transformer (installed
 * beneath autoRetry) answers every API call locally like Telegram would — recording it and
 * enforcing Telegram's limits (4096 characters after entity parsing, 64-byte callback_data,
 * 50 inline results, valid HTML) — and literal updates are fed to bot.handleUpdate().
 */
import type { Transformer } from "grammy";
import type { InlineKeyboardMarkup, Message, Update, UserFromGetMe } from "grammy/types";
import type { BotConfig } from "../../src/config.js";
import { createBot, type BotStore } from "../../src/bot/index.js";
import { createLogger } from "../../src/log.js";
import { createFakeEngine, type FakeEngine } from "./fakeEngine.js";
import { parseTelegramHtml } from "./telegramHtml.js";

/** A well-formed but fake token (it must never show up in a log line). */
export const TOKEN = "123456789:TESTtoken_abcdefghijklmnopqrstuvwxyz";

/** The bot user every test bot runs as. */
export const BOT_INFO: UserFromGetMe = {
  id: 777000,
  is_bot: true,
  first_name: "职报问答",
  username: "zhibao_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** The default test user, and a group. */
export const USER = { id: 4242, is_bot: false as const, first_name: "小王", language_code: "zh-hans" };
export const GROUP = { id: -1001234567890, type: "supergroup" as const, title: "质量报告工作组" };

/** One recorded API call. */
export interface Call {
  method: string;
  payload: Record<string, unknown>;
}

/** Options of {@link createHarness}. */
export interface HarnessOptions {
  config?: Partial<BotConfig>;
  engine?: FakeEngine;
  store?: BotStore;
  /** Answer sendChatAction / setMyCommands / answerInlineQuery with HTTP 500 like telegram-test-api. */
  failUnsupported?: boolean;
  /** Return 429 (retry_after 0) for the first N calls of this method. */
  floodOnce?: { method: string; times: number };
}

let nextUpdateId = 1;
let nextUserMessageId = 10_000;

/** Builds a bot around a fake Telegram and a fake engine. */
export function createHarness(opts: HarnessOptions = {}) {
  const engine = opts.engine ?? createFakeEngine();
  const calls: Call[] = [];
  const violations: string[] = [];
  const logs: string[] = [];
  const sent = new Map<string, { text: string; markup: string }>();
  let botMessageId = 1;
  const botMessages: { call: number; msg: Message }[] = [];
  let flood = opts.floodOnce?.times ?? 0;

  const config: BotConfig = {
    mode: "polling",
    token: TOKEN,
    allowedChatIds: null,
    adminIds: [1],
    logLevel: "debug",
    rateLimit: { limit: 0, windowMs: 10_000 },
    ...opts.config,
  } as BotConfig;

  const fail = (description: string, error_code = 400) => ({ ok: false as const, error_code, description });

  /** The fake Telegram: answers every method, checks limits. */
  const telegram: Transformer = async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: structuredClone(p) });
    if (opts.floodOnce && method === opts.floodOnce.method && flood > 0) {
      flood--;
      return { ok: false, error_code: 429, description: "Too Many Requests: retry after 0", parameters: { retry_after: 0 } } as never;
    }
    if (opts.failUnsupported && ["sendChatAction", "setMyCommands", "answerInlineQuery"].includes(method)) {
      // telegram-test-api: HTTP 500 with a body that is not a Bot API response.
      return { message: `API method '${method}' is not supported.` } as never;
    }
    const problem = checkLimits(method, p);
    if (problem) {
      violations.push(`${method}: ${problem}`);
      return fail(`Bad Request: ${problem}`) as never;
    }
    const chatId = Number(p.chat_id);
    switch (method) {
      case "sendMessage": {
        const id = botMessageId++;
        const text = p.parse_mode === "HTML" ? parseTelegramHtml(String(p.text)) : String(p.text);
        sent.set(`${chatId}:${id}`, { text: String(p.text), markup: JSON.stringify(p.reply_markup ?? null) });
        const msg = {
          message_id: id,
          date: Math.floor(Date.now() / 1000),
          chat: chatId < 0 ? { ...GROUP, id: chatId } : { id: chatId, type: "private", first_name: USER.first_name },
          from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT_INFO.username },
          text,
          ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
        } as Message;
        botMessages.push({ call: calls.length - 1, msg });
        return { ok: true, result: msg } as never;
      }
      case "editMessageText": {
        const key = `${chatId}:${Number(p.message_id)}`;
        const prev = sent.get(key);
        if (!prev) return fail("Bad Request: message to edit not found") as never;
        const next = { text: String(p.text), markup: JSON.stringify(p.reply_markup ?? null) };
        if (prev.text === next.text && prev.markup === next.markup) {
          return fail("Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message") as never;
        }
        sent.set(key, next);
        return { ok: true, result: { message_id: Number(p.message_id), date: 0, chat: { id: chatId, type: "private", first_name: "x" }, text: parseTelegramHtml(next.text) } } as never;
      }
      case "sendPhoto":
      case "sendDocument": {
        // Answered like Telegram: a message carrying the photo / document and its caption.
        const id = botMessageId++;
        const file = (method === "sendPhoto" ? p.photo : p.document) as { filename?: string } | undefined;
        const caption = p.caption === undefined ? undefined : p.parse_mode === "HTML" ? parseTelegramHtml(String(p.caption)) : String(p.caption);
        const media =
          method === "sendPhoto"
            ? { photo: [{ file_id: `photo${id}`, file_unique_id: `p${id}`, width: 1, height: 1 }] }
            : { document: { file_id: `doc${id}`, file_unique_id: `d${id}`, file_name: file?.filename } };
        const msg = {
          message_id: id,
          date: Math.floor(Date.now() / 1000),
          chat: chatId < 0 ? { ...GROUP, id: chatId } : { id: chatId, type: "private", first_name: USER.first_name },
          from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT_INFO.username },
          ...media,
          ...(caption !== undefined ? { caption } : {}),
          ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
        } as Message;
        botMessages.push({ call: calls.length - 1, msg });
        return { ok: true, result: msg } as never;
      }
      default:
        return { ok: true, result: true } as never;
    }
  };

  /** Bytes of an uploaded file (an InputFile holding a buffer), or -1 when it is something else. */
  function fileBytes(file: unknown): number {
    const data = (file as { fileData?: unknown } | undefined)?.fileData;
    return data instanceof Uint8Array ? data.byteLength : -1;
  }

  function checkLimits(method: string, p: Record<string, unknown>): string | null {
    try {
      if (method === "sendMessage" || method === "editMessageText") {
        const text = p.parse_mode === "HTML" ? parseTelegramHtml(String(p.text)) : String(p.text);
        if (text.trim().length === 0) return "message text is empty";
        if (text.length > 4096) return `message is too long (${text.length})`;
      }
      if (method === "sendPhoto" || method === "sendDocument") {
        const caption = p.caption === undefined ? "" : p.parse_mode === "HTML" ? parseTelegramHtml(String(p.caption)) : String(p.caption);
        if (caption.length > 1024) return `MEDIA_CAPTION_TOO_LONG (${caption.length})`;
        const bytes = fileBytes(method === "sendPhoto" ? p.photo : p.document);
        if (bytes <= 0) return "file must be non-empty";
        if (method === "sendPhoto" && bytes > 10 * 1024 * 1024) return `PHOTO_TOO_BIG (${bytes})`;
        if (method === "sendDocument" && bytes > 50 * 1024 * 1024) return `FILE_TOO_BIG (${bytes})`;
      }
      const kb = p.reply_markup as InlineKeyboardMarkup | undefined;
      for (const row of kb?.inline_keyboard ?? []) {
        for (const btn of row) {
          if ("callback_data" in btn && Buffer.byteLength(btn.callback_data ?? "", "utf8") > 64) return `BUTTON_DATA_INVALID (${btn.callback_data})`;
          if (!btn.text) return "button text is empty";
        }
      }
      if (method === "answerInlineQuery") {
        const results = p.results as { id: string; input_message_content?: { message_text: string; parse_mode?: string } }[];
        if (results.length > 50) return `RESULTS_TOO_MUCH (${results.length})`;
        const ids = new Set<string>();
        for (const r of results) {
          if (Buffer.byteLength(r.id, "utf8") > 64 || ids.has(r.id)) return `RESULT_ID_INVALID (${r.id})`;
          ids.add(r.id);
          const c = r.input_message_content;
          if (c) {
            const text = c.parse_mode === "HTML" ? parseTelegramHtml(c.message_text) : c.message_text;
            if (text.length > 4096) return `MESSAGE_TOO_LONG in result ${r.id} (${text.length})`;
          }
        }
      }
    } catch (err) {
      return `can't parse entities: ${(err as Error).message}`;
    }
    return null;
  }

  const logger = createLogger({ level: "debug", write: (l) => void logs.push(l) });
  const bot = createBot({ config, engine, logger, botInfo: BOT_INFO, transformers: [telegram], ...(opts.store ? { store: opts.store } : {}) });

  /** Feeds one update. */
  const feed = (update: Omit<Update, "update_id">) => bot.handleUpdate({ update_id: nextUpdateId++, ...update } as Update);

  /** A text message (commands get their bot_command entity, mentions their mention entity). */
  function message(text: string, o: { chat?: "private" | "group"; from?: typeof USER; replyTo?: Message } = {}): Message {
    const from = o.from ?? USER;
    const chat = o.chat === "group" ? GROUP : { id: from.id, type: "private" as const, first_name: from.first_name };
    const entities: NonNullable<Message["entities"]> = [];
    const cmd = /^\/[\w@]+/.exec(text);
    if (cmd) entities.push({ type: "bot_command", offset: 0, length: cmd[0].length });
    for (const m of text.matchAll(/@\w+/g)) if (m.index! > 0 || !cmd) entities.push({ type: "mention", offset: m.index!, length: m[0].length });
    return {
      message_id: nextUserMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      text,
      ...(entities.length ? { entities } : {}),
      ...(o.replyTo ? { reply_to_message: o.replyTo } : {}),
    } as Message;
  }

  return {
    bot,
    engine,
    config,
    calls,
    violations,
    logs,
    /** Sends a text message from the test user (or `from`). */
    say: (text: string, o: Parameters<typeof message>[1] = {}) => feed({ message: message(text, o) }),
    message,
    feed,
    /** Presses a button under `on` (a message the bot sent). */
    press: (data: string, on: Message, from = USER) => feed({ callback_query: { id: String(nextUpdateId), from, chat_instance: "ci", data, message: on } as never }),
    /** Types an inline query. */
    inline: (query: string, from = USER) => feed({ inline_query: { id: String(nextUpdateId), from, query, offset: "" } }),
    /** Calls made since index `from`, optionally of one method. */
    since: (from: number, method?: string) => calls.slice(from).filter((c) => !method || c.method === method),
    /** The messages the bot sent since call index `from`, as Telegram returned them (for replies and presses). */
    sentMessages: (from = 0): Message[] => botMessages.filter((m) => m.call >= from).map((m) => m.msg),
  };
}

/** Every callback_data of a message's keyboard. */
export function buttons(msg: Message | Call): { text: string; data?: string }[] {
  const markup = ("payload" in msg ? msg.payload.reply_markup : msg.reply_markup) as InlineKeyboardMarkup | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, ...("callback_data" in b ? { data: b.callback_data } : {}) }));
}

/** The visible text of a recorded sendMessage/editMessageText call. */
export function visible(call: Call): string {
  return call.payload.parse_mode === "HTML" ? parseTelegramHtml(String(call.payload.text)) : String(call.payload.text);
}
