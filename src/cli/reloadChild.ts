/**
 * Child process of the bot's /reload: rebuilds index/ from corpus/ and saves it, then prints the
 * counts and warnings as one JSON line on stdout. The build is synchronous for seconds; run here,
 * it never blocks the bot, which keeps answering and stops on a signal at once.
 */
import { join, resolve } from "node:path";
import { buildIndex } from "../index/build.js";
import { saveIndex, savedBundles } from "../index/store.js";

const root = resolve(import.meta.dirname, "..", "..");
// The same folders the engine reads by default (createEngine), which then loads what was saved.
const indexDir = join(root, "index");
// Incremental: only the reports whose files changed are read again.
const data = buildIndex(join(root, "corpus"), undefined, savedBundles(indexDir));
saveIndex(data, indexDir);
process.stdout.write(`${JSON.stringify({ reports: data.reports.length, facts: data.facts.length, passages: data.passages.length, warnings: data.meta.warnings })}\n`);
