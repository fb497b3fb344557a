import { runChat } from "./chat.js";
import { cliEngine } from "./engineFactory.js";

/**
 * `npm start`: the Telegram bot when a token is configured (environment or .env), otherwise
 * the local chat, saying how to configure a token.
 */
export async function runStart(): Promise<void> {
  const { loadConfig } = await import("../config.js");
  const config = loadConfig();
  if (config.mode === "local") {
    await runChat({ banner: "No TELEGRAM_BOT_TOKEN configured: starting the local chat. To run the Telegram bot, put TELEGRAM_BOT_TOKEN=<token from @BotFather> in .env (see .env.example) and run npm start again." });
    return;
  }
  const [{ createLogger }, { runBot }] = await Promise.all([import("../log.js"), import("../bot/index.js")]);
  const logger = createLogger({ level: config.logLevel });
  const engine = await cliEngine();
  // Resolves after a graceful stop on SIGINT/SIGTERM; the process then ends by itself, its logs flushed.
  await runBot({ config, engine, logger });
}
