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
  const engine = cliEngine();
  await runBot({ config, engine, logger });
  // Shut down gracefully: nothing the engine holds should keep the process alive after the bot stops.
  process.exit(0);
}
