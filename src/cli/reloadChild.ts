/**
 * Child process of the bot's /reload: brings the index up to date with corpus/ (re-reading only
 * the reports whose files changed, in whichever store is configured) and saves it, then prints
 * the counts and warnings as one JSON line on stdout. The build is synchronous for seconds; run
 * here, it never blocks the bot, which keeps answering and stops on a signal at once.
 */
import { createEngine } from "../answer/engine.js";

// The same folders and store the engine reads by default, which then loads what was saved.
const engine = await createEngine({ log: (m) => process.stderr.write(`${m}\n`) });
process.stdout.write(`${JSON.stringify(engine.status())}\n`);
