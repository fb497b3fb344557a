/**
 * The bot's context type: grammY's Context plus the dependencies (`ctx.deps`) and the
 * per-update state (`ctx.zb`: reply language, strings, and what the update resulted in, for the
 * one log line per update).
 */
import type { Context } from "grammy";
import type { BotConfig } from "../config.js";
import type { Logger } from "../log.js";
import type { Receipt } from "../index/receipt.js";
import type { ChartData } from "../chart/chartData.js";
import type { Answer, AskContext, Engine, PassageHit } from "../types.js";
import type { Lang, Messages } from "./i18n.js";
import type { BotStore } from "./store.js";

/** A report an admin sent: a file downloaded from Telegram (its path here and its name), or a link. */
export interface AddRequest {
  /** A downloaded file, to read and copy into corpus/ as `name`. */
  path?: string;
  name?: string;
  /** A link to download (a web page, PDF or Word file). */
  url?: string;
  force?: boolean;
  replace?: boolean;
}

/** What came of an add (src/cli/add.ts AddResult): per report, added or why not, and what was read of it. */
export interface AddReply {
  outcomes: { from: string; file: string | null; added: boolean; receipt: Receipt | null; reason: string | null }[];
  indexMs: number | null;
}

/**
 * Adds reports to corpus/ and the index, off the bot's thread (a child process: src/cli/childReload.ts),
 * then swaps the engine to the new index. Absent: the bot cannot add reports (tests, embedders).
 */
export type ReportAdder = (request: AddRequest) => Promise<AddReply>;

/**
 * The slow calls (answering, passage search, chart drawing) done off the update loop, in worker
 * threads (src/cli/answerPool.ts). Absent: the bot calls the engine and draws charts itself
 * (tests with a fake engine, embedders).
 */
export interface OffThread {
  ask(question: string, context?: AskContext): Promise<Answer>;
  search(query: string, opts?: { casesOnly?: boolean; limit?: number }): Promise<PassageHit[]>;
  drawChart(chart: ChartData): Promise<Buffer>;
}

/** What every handler may use. */
export interface BotDeps {
  config: BotConfig;
  engine: Engine;
  logger: Logger;
  store: BotStore;
  addReport?: ReportAdder;
  offThread?: OffThread;
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
