/**
 * The bot's context type: grammY's Context plus the dependencies (`ctx.deps`) and the
 * per-update state (`ctx.zb`: reply language, strings, and what the update resulted in, for the
 * one log line per update).
 */
import type { Context } from "grammy";
import type { BotConfig } from "../config.js";
import type { Logger } from "../log.js";
import type { Engine } from "../types.js";
import type { Lang, Messages } from "./i18n.js";
import type { BotStore } from "./store.js";

/** What every handler may use. */
export interface BotDeps {
  config: BotConfig;
  engine: Engine;
  logger: Logger;
  store: BotStore;
}

/** Per-update state, set by the first middleware. */
export interface UpdateState {
  lang: Lang;
  /** Strings in `lang`. */
  t: Messages;
  /** Command handled, without slash ("ask"), for the log line. */
  command?: string;
  /** Set once a button press has been answered (Telegram accepts one answer per press). */
  callbackAnswered?: boolean;
  /** What came of the update ("figure", "passages", "ignored", "refused", "error", …), for the log line. */
  result?: string;
}

/** The context every handler of this bot receives. */
export type BotContext = Context & { deps: BotDeps; zb: UpdateState };
