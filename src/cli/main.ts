import { readFileSync } from "node:fs";

/**
 * The `zhibao` command line: ask, search, chat, index, add, remove, tables, start. Each command's module is loaded
 * when it runs, so `zhibao ask` does not pay for the index builder or the bot.
 * Every command prints its results to stdout and its notices to stderr, so `ask --jsonl` output
 * stays machine-readable.
 */
export async function main(argv: string[]): Promise<void> {
  // `zhibao tables … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  // `zhibao ask 遂宁 2024 升学人数`, no option: nothing for commander to parse, and loading it is a
  // tenth of a one-shot question's start-up. Anything else (an option, a word starting with "-",
  // another command) goes through commander.
  const [command, ...words] = argv;
  if (command === "ask" && words.length && words.every((w) => !w.startsWith("-"))) return runCommand(async () => (await import("./ask.js")).runAsk(words.join(" "), {}));
  const { Command, CommanderError } = await import("commander");
  const program = new Command()
    .name("zhibao")
    .description("职报问答 — answers questions about vocational-education annual quality reports, with the table and line each figure comes from")
    .version(packageVersion(), "-V, --version", "print the version")
    .showHelpAfterError()
    .exitOverride();

  program
    .command("ask")
    .description("answer a question (or, with --jsonl, one question per stdin line)")
    .argument("[question...]", "the question, e.g. Suining 2024 升学人数")
    .option("--json", "print the whole Answer object as JSON")
    .option("--explain", "first print how the question was read (indicator words, qualifier slots) and why each near row answers or not")
    .option("--jsonl", "read questions from stdin, one per line; print one JSON answer per line")
    .option("--chart <file>", "also draw the answer as a bar chart: <file>.png (or .svg; any other type is refused)")
    .option("--xlsx <file>", "also write the answer's figures (a comparison, a ranking) to an Excel workbook, with their sources")
    .option("--csv <file>", "also write the answer's figures to a CSV file (UTF-8 with BOM), with their sources")
    // A question may start with "-" ("-5% 的学校…", a pasted bullet): anything that is not one of
    // the options above is part of the question, not an error.
    .allowUnknownOption()
    .action(async (words: string[], opts: { json?: boolean; jsonl?: boolean; chart?: string; xlsx?: string; csv?: string }) => (await import("./ask.js")).runAsk(words.join(" "), opts));

  program
    .command("search")
    .description("search passages, table rows and captions, as the bot's /search does (or, with --jsonl, one query per stdin line)")
    .argument("[query...]", "keywords, e.g. 遂宁 国旗护卫队")
    .option("--jsonl", "read queries from stdin, one per line; print one JSON result per line (passages ranked, facts empty)")
    .option("--cases", "case studies only, as the bot's /case")
    .option("--limit <n>", "at most this many passages (default 10)")
    .action(async (words: string[], opts: { jsonl?: boolean; cases?: boolean; limit?: string }) => (await import("./search.js")).runSearch(words.join(" "), opts));

  program
    .command("chat")
    .description("interactive chat in the terminal, with follow-up questions")
    .action(async () => (await import("./chat.js")).runChat());

  program
    .command("index")
    .description("build index/ from corpus/ (also: npm run build:index)")
    .option("--check", "exit 1 if the committed index/ differs from what a build from nothing produces")
    .option("--full", "read every report again, not only those whose files changed")
    .option("--store <store>", "files, sqlite or postgres (default: ZHIBAO_STORE, else postgres when DATABASE_URL is set, else files up to 50 reports, sqlite above)")
    .action(async (opts: { check?: boolean; full?: boolean; store?: string }) => (await import("./indexCmd.js")).runIndex(opts));

  program
    .command("add")
    .description("add reports (text, PDF, Word, web pages; files or http(s) links) to corpus/ and update the index once; prints what was read of each")
    .argument("<file-or-url...>", "report files, or links to a report's web page, PDF or Word file")
    .option("--replace", "replace a report of the same file name")
    .option("--force", "add a file even when it does not look like a quality report (no title or publisher, no year, no figures)")
    .action(async (files: string[], opts: { replace?: boolean; force?: boolean }) => (await import("./add.js")).runAdd(files, opts));

  program
    .command("remove")
    .description("take report files out of corpus/ and update the index")
    .argument("<name...>", "file names in corpus/ (suining-2024.txt) or report names (雅安, 遂宁职校, Leshan)")
    .action(async (names: string[]) => (await import("./indexCmd.js")).runRemove(names));

  program
    .command("tables")
    .description("print the tables extracted from a report, to check them against the report")
    .argument("[report]", "file name, entity or short name (乐山, Suining …); all reports when omitted")
    .argument("[table...]", "a table number or title words (表6, 计分卡); lists the tables when omitted")
    .option("--csv", "print the table as CSV (UTF-8 with BOM, numbers as numbers, units in the header)")
    .option("--xlsx <file>", "write the table as an Excel workbook to <file>")
    .action(async (report: string | undefined, table: string[], opts: { csv?: boolean; xlsx?: string }) => (await import("./tables.js")).runTables(report, table.join(" "), opts));

  program
    .command("start")
    .description("run the Telegram bot when TELEGRAM_BOT_TOKEN is set, else the local chat (what `npm start` runs)")
    .action(async () => (await import("./start.js")).runStart());

  await runCommand(
    () => program.parseAsync(argv, { from: "user" }),
    (err) => {
      if (!(err instanceof CommanderError)) return false;
      process.exitCode = err.exitCode;
      return true;
    },
  );
}

/** Runs a command; an error it throws is one line on stderr and exit code 1, unless `handled` took it. */
async function runCommand(run: () => Promise<unknown>, handled: (err: unknown) => boolean = () => false): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (handled(err)) return;
    console.error(`zhibao: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

/** The package's version, from its package.json (two folders up from dist/cli/ or src/cli/). */
function packageVersion(): string {
  try {
    // A package.json without a version (the benches' frozen copy of dist/) would make commander's .version() a getter.
    return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}
