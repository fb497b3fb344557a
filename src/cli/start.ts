import type { Logger } from "../log.js";
import { runChat } from "./chat.js";
import { cliEngine } from "./engineFactory.js";

/** Longest a stop may take once SIGINT/SIGTERM arrives; past it the process exits anyway. */
const STOP_DEADLINE_MS = 1_900;

/**
 * `npm start`: the Telegram bot when a token is configured (environment or .env), otherwise
 * the local chat, saying how to configure a token.
 *
 * The bot process never ends silently: a failure is one JSON log line and exit code 1; a stop
 * request ends it with 0 within 2 s (a second signal, or the deadline, ends it at once); and if
 * nothing is left to wait for while the bot should be running — a bug, not a stop — that is
 * logged and the exit code is 1, so a supervisor restarts it.
 */
export async function runStart(): Promise<void> {
  const { loadConfig } = await import("../config.js");
  const config = loadConfig();
  if (config.mode === "local") {
    await runChat({
      banner: "No TELEGRAM_BOT_TOKEN configured: starting the local chat. To run the Telegram bot, put TELEGRAM_BOT_TOKEN=<token from @BotFather> in .env (see .env.example) and run npm start again.",
    });
    return;
  }
  const [{ createLogger }, { runBot }] = await Promise.all([import("../log.js"), import("../bot/index.js")]);
  // The proxy's password, if any, is scrubbed like the token wherever an error might quote it.
  const proxyPassword = config.proxy ? decodeURIComponent(new URL(config.proxy.url).password) : "";
  const logger = createLogger({ level: config.logLevel, redact: [config.token, proxyPassword] });
  const { reloadingInChild } = await import("./childReload.js");
  const { answerPool } = await import("./answerPool.js");
  const initial = await cliEngine();
  // Started after the engine, which brings the saved index up to date: the workers load it as is.
  const pool = answerPool({
    onError: (err) => logger.error("answer worker failed", { err }),
    onReady: (ms) => logger.info("answer workers ready", { afterMs: ms }),
    // Until a worker has loaded the index, the bot's own engine answers.
    inline: {
      ask: async (question, context) => engine.ask(question, context),
      search: async (query, o) => engine.search(query, o),
      drawChart: async (chart) => (await (await import("../chart/render.js")).renderChart(chart)).png,
    },
  });
  const engine = reloadingInChild(
    initial,
    (m) => logger.info("index", { message: m }),
    () => pool.reload(),
  );

  let signals = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (++signals === 1) {
      // A /reload or an add in a child process is killed now, never waited for: its update then
      // ends at once (the admin is told to send it again), so the stop is not held by a build.
      engine.abandonChildren();
      pool.quiesce();
      setTimeout(() => {
        logger.warn("stop took too long; exiting now", { signal: sig, deadlineMs: STOP_DEADLINE_MS });
        process.exit(0);
      }, STOP_DEADLINE_MS).unref();
    } else {
      logger.warn("second stop signal; exiting now", { signal: sig });
      process.exit(0);
    }
  };
  const stopWatching = exitOneIfIdle(logger);
  const stopWatchingDatabase = await watchDatabase(config.databaseGiveUpMs, logger);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    await runBot({ config, engine, logger, addReport: engine.addReport, offThread: pool });
  } catch (err) {
    logger.error("bot failed", { error: err instanceof Error ? err.message : String(err), name: err instanceof Error ? err.name : null });
    process.exitCode = 1;
  } finally {
    stopWatching();
    stopWatchingDatabase();
    pool.close();
  }
  // Done: sockets of abandoned calls must not keep the process alive (the log is written synchronously).
  setTimeout(() => process.exit(), 100).unref();
}

/**
 * With the PostgreSQL store, watches the server (src/index/pgWatchdog.ts): an outage is logged when
 * it starts and ends, and one that lasts `giveUpMs` (DATABASE_GIVE_UP_SECONDS) ends the process
 * with code 1, so a supervisor restarts it. Returns the function that stops watching.
 */
async function watchDatabase(giveUpMs: number, logger: Logger): Promise<() => void> {
  const url = process.env.DATABASE_URL;
  const { chooseStore } = await import("../index/storeChoice.js");
  // The store the engine chose; the corpus size only matters without DATABASE_URL.
  if (!url || chooseStore(process.env.ZHIBAO_STORE, 0, url) !== "postgres") return () => {};
  const { watchPostgres } = await import("../index/pgWatchdog.js");
  return watchPostgres(url, {
    giveUpMs,
    onDown: (why) => logger.warn("the database is unreachable; retrying", { error: why }),
    onUp: (afterMs) => logger.info("the database is reachable again", { afterMs }),
    onGiveUp: (why, forMs) => {
      logger.error("the database has been unreachable too long; exiting 1 for the supervisor to restart the bot", { error: why, forMs, giveUpMs });
      process.exit(1);
    },
  });
}

/**
 * Until the returned function is called: if node finds nothing left to wait for (a promise that
 * will never settle, as when polling died without a word), log why and make the exit code 1, so
 * the process never ends with 0 by accident and a supervisor restarts it.
 */
export function exitOneIfIdle(logger: Logger): () => void {
  const onIdle = (): void => {
    logger.error("the bot stopped with nothing left to wait for (no stop was requested); exiting 1");
    process.exitCode = 1;
  };
  process.on("beforeExit", onIdle);
  return () => process.off("beforeExit", onIdle);
}
