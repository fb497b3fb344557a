import { join, resolve } from "node:path";

/**
 * Which store holds the index: "files" (index/ as JSON bundles and a packed passage index, read
 * whole into memory: the embedded default, nothing to install), "sqlite" (one database file,
 * index/zhibao.sqlite, read a report at a time: for corpora too large to hold in memory) or
 * "postgres" (a PostgreSQL server at DATABASE_URL, the same tables, shared by several bot instances).
 */
export type StoreKind = "files" | "sqlite" | "postgres";

/**
 * Above this many report files the database store takes over when ZHIBAO_STORE is unset or
 * "auto": at 50 reports the files store holds ~0.3 GB in memory and rebuilds its passage index
 * (seconds) for every change; the database holds a report's rows and reads what a question needs.
 */
export const SQLITE_ABOVE_REPORTS = 50;

/** The database file, beside the files store's index (git-ignored: it is built, never committed). */
export const SQLITE_FILE = "zhibao.sqlite";

export const sqlitePath = (indexDir: string): string => join(indexDir, SQLITE_FILE);

/** A ZHIBAO_STORE value that is none of files, sqlite, postgres, auto; or postgres without DATABASE_URL. */
export class StoreChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreChoiceError";
  }
}

/**
 * The store for a corpus of `reportFiles` files, as ZHIBAO_STORE (`setting`) asks: by default
 * PostgreSQL when DATABASE_URL is set, else by the corpus's size.
 * @example chooseStore(undefined, 5) // "files"
 * @example chooseStore("auto", 500) // "sqlite"
 * @example chooseStore(undefined, 5, "postgresql://127.0.0.1/zhibao") // "postgres"
 */
export function chooseStore(setting: string | undefined, reportFiles: number, databaseUrl?: string): StoreKind {
  const value = (setting ?? "").trim().toLowerCase();
  const url = databaseUrl?.trim();
  if (value === "postgres" && !url) throw new StoreChoiceError("ZHIBAO_STORE is postgres but DATABASE_URL is not set: set it to the server, e.g. postgresql://user@127.0.0.1:5432/zhibao");
  if (value === "files" || value === "sqlite" || value === "postgres") return value;
  if (value !== "" && value !== "auto")
    throw new StoreChoiceError(
      `ZHIBAO_STORE is "${setting}": use files, sqlite, postgres or auto (the default: postgres when DATABASE_URL is set, else files up to ${SQLITE_ABOVE_REPORTS} reports, sqlite above)`,
    );
  if (url) return "postgres";
  return reportFiles > SQLITE_ABOVE_REPORTS ? "sqlite" : "files";
}

/**
 * The reports and index folders by default: ZHIBAO_CORPUS_DIR and ZHIBAO_INDEX_DIR (a deployment
 * keeping its reports apart from the code), else the package's own corpus/ and index/.
 */
export function defaultFolders(packageRoot: string, env: NodeJS.ProcessEnv = process.env): { corpusDir: string; indexDir: string } {
  return {
    corpusDir: env.ZHIBAO_CORPUS_DIR?.trim() ? resolve(env.ZHIBAO_CORPUS_DIR.trim()) : join(packageRoot, "corpus"),
    indexDir: env.ZHIBAO_INDEX_DIR?.trim() ? resolve(env.ZHIBAO_INDEX_DIR.trim()) : join(packageRoot, "index"),
  };
}
