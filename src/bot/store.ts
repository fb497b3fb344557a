/**
 * What the bot keeps between updates. The Bot API cannot fetch an old message, so everything a
 * button or a follow-up needs is kept here: the answer's context, its facts and alternatives,
 * the hits of a paged search. Entries get a short random key that goes into `callback_data`
 * (64 bytes at most) and are also indexed by chat and message id, for replies.
 *
 * The default store is in memory, bounded (least recently used entries go first) and expiring;
 * after a restart an old button finds nothing and says "expired, ask again". Languages go to
 * `settings` (a file under DATA_DIR when the bot runs), so they survive a restart.
 */
import { randomBytes } from "node:crypto";
import type { Alternative, AnswerFact, AskContext, PassageHit } from "../types.js";
import type { Lang } from "./i18n.js";
import { memorySettings, type Settings } from "./settings.js";

/** A figure (or other) answer: what its buttons and follow-ups need. */
export interface AnswerEntry {
  kind: "answer";
  question: string;
  /** `answer.understood` trimmed to AskContext: what a follow-up inherits. */
  context: AskContext;
  facts: AnswerFact[];
  alternatives: Alternative[];
  /** Words for "related passages". */
  keywords: string[];
  /** Passages the answer came with (shown by "related passages" instead of a new search). */
  passages?: PassageHit[];
}

/** A paged passage or case list, edited in place. */
export interface SearchEntry {
  kind: "search";
  query: string;
  casesOnly: boolean;
  hits: PassageHit[];
  page: number;
  /** Present when the list answered a question: a reply to it is asked in this context. */
  context?: AskContext;
}

/** A list of tables offered as buttons by /table. */
export interface TableListEntry {
  kind: "tables";
  ids: string[];
}

/** Anything the store keeps. */
export type Entry = AnswerEntry | SearchEntry | TableListEntry;

/** Storage for answers, pages and per-user language. Swap in a persistent one by implementing this. */
export interface BotStore {
  /** Stores an entry and returns its key (8 URL-safe characters). */
  put(entry: Entry): string;
  /** The entry for a key, or undefined when it expired or never existed. */
  get(key: string): Entry | undefined;
  /** Records that message `messageId` in chat `chatId` shows entry `key`. */
  bind(chatId: number, messageId: number, key: string): void;
  /** The entry shown by a message, for replies to it. */
  byMessage(chatId: number, messageId: number): Entry | undefined;
  /** A user's chosen reply language. */
  getLang(userId: number): Lang | undefined;
  setLang(userId: number, lang: Lang): void;
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Most entries kept (default 20 000); the least recently used go first. */
  maxEntries?: number;
  /**
   * Most memory the entries may hold, roughly (default 32 MB, as UTF-16 text of their JSON): an
   * answer with its passages is 2–20 KB, so a count alone lets a busy bot's memory grow by hundreds
   * of MB (the soak test's 200 users did) before the oldest go.
   */
  maxBytes?: number;
  /** How long an entry lives after its last use (default 7 days). */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Where languages are kept (default: in memory; the bot passes the data dir's settings file). */
  settings?: Settings;
}

/**
 * An in-memory {@link BotStore}.
 *
 * @example
 * const store = createMemoryStore({ maxEntries: 1000 });
 * const key = store.put({ kind: "search", query: "职普融通", casesOnly: false, hits, page: 0 });
 * store.bind(chatId, sent.message_id, key);
 */
export function createMemoryStore(opts: MemoryStoreOptions = {}): BotStore {
  const max = opts.maxEntries ?? 20_000;
  const maxBytes = opts.maxBytes ?? 32 * 1024 * 1024;
  let bytes = 0;
  const ttl = opts.ttlMs ?? 7 * 24 * 3600 * 1000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { entry: Entry; at: number; size: number }>();
  // Message → key; an entry's life decides whether a reply still finds it.
  const messages = new Map<string, string>();
  const settings = opts.settings ?? memorySettings();

  const touch = (map: typeof entries, k: string): { entry: Entry; at: number } | undefined => {
    const v = map.get(k);
    if (!v) return undefined;
    map.delete(k);
    if (now() - v.at > ttl) {
      bytes -= v.size;
      return undefined;
    }
    v.at = now();
    map.set(k, v); // re-inserted last: Map order is recency order
    return v;
  };
  const evict = <V>(map: Map<string, V>, limit: number): void => {
    while (map.size > limit) map.delete(map.keys().next().value as string);
  };

  return {
    put(entry) {
      let key = newKey();
      while (entries.has(key)) key = newKey();
      const size = JSON.stringify(entry).length * 2;
      entries.set(key, { entry, at: now(), size });
      bytes += size;
      // Oldest first (Map order is recency order), but never the entry just put.
      while ((entries.size > max || bytes > maxBytes) && entries.size > 1) {
        const oldest = entries.keys().next().value as string;
        bytes -= entries.get(oldest)!.size;
        entries.delete(oldest);
      }
      return key;
    },
    get(key) {
      return touch(entries, key)?.entry;
    },
    bind(chatId, messageId, key) {
      messages.set(`${chatId}:${messageId}`, key);
      evict(messages, max * 2);
    },
    byMessage(chatId, messageId) {
      const key = messages.get(`${chatId}:${messageId}`);
      return key === undefined ? undefined : touch(entries, key)?.entry;
    },
    getLang(userId) {
      return settings.getLang(userId);
    },
    setLang(userId, lang) {
      settings.setLang(userId, lang);
    },
  };
}

/** 8 characters of base64url: 48 random bits, so keys never repeat in practice. */
function newKey(): string {
  return randomBytes(6).toString("base64url");
}
