/**
 * Child process of the bot's report adding (src/bot/features/addReport.ts): reads one request as
 * JSON from its first argument (a downloaded file's path and name, or a link; force, replace),
 * adds it to corpus/ and the index as `zhibao add` does (src/cli/add.ts), and prints the result
 * as one JSON line on stdout. Reading a report takes up to seconds of synchronous work; here it
 * never blocks the bot.
 */
import { readFileSync } from "node:fs";
import type { AddRequest } from "../bot/context.js";
import { FetchError } from "../ingest/fetchReport.js";
import { type AddResult, type AddSource, addReports, loadSource } from "./add.js";
import { PACKAGE_FOLDERS } from "./indexCmd.js";

const request = JSON.parse(process.argv[2] ?? "{}") as AddRequest;
let result: AddResult;
try {
  const source: AddSource = request.url ? await loadSource(request.url) : { from: request.name ?? "", name: request.name ?? "", bytes: readFileSync(request.path ?? "") };
  result = await addReports([source], PACKAGE_FOLDERS, { ...(request.force ? { force: true } : {}), ...(request.replace ? { replace: true } : {}) });
} catch (err) {
  const reason = err instanceof FetchError ? `cannot download ${err.message}` : (err as Error).message;
  result = { outcomes: [{ from: request.url ?? request.name ?? "", file: null, added: false, receipt: null, reason }], indexMs: null, read: 0 };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
