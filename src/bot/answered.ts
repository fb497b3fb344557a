/**
 * Updates already answered, so none is answered twice (each by its id and what identifies its
 * content — chat, message id and date, or the callback or inline query id — so a bot whose update
 * ids start again, or another bot sharing the DATA_DIR, is never silenced): Telegram delivers an update again when
 * the offset was not confirmed before a restart, and a webhook may be posted the same update twice.
 * Kept in memory (the most recent {@link MAX_IDS}) and, with a DATA_DIR, in
 * `<DATA_DIR>/answered.json`, written atomically (a temporary file renamed over the old one) at
 * most every 200 ms and at once on `flush` (the bot's stop), so a restart remembers them.
 *
 * @example const answered = fileAnswered("data/answered.json", logger); if (answered.seen(id)) skip;
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "../log.js";

/** How many answered ids are remembered (Telegram keeps undelivered updates for 24 hours). */
export const MAX_IDS = 20_000;

/** Answered update ids. */
export interface AnsweredIds {
  /** True when the update was answered, or is being answered now. */
  seen(id: string): boolean;
  /** The update is being handled (a duplicate arriving meanwhile is skipped). */
  start(id: string): void;
  /** The update was answered. */
  done(id: string): void;
  /** The update was not answered after all (handed back at a stop): answer it when it comes again. */
  handBack(id: string): void;
  /** Writes what is pending now. */
  flush(): void;
}

/** Answered ids kept in memory only (tests, embedders without a DATA_DIR). */
export function memoryAnswered(): AnsweredIds {
  return fileAnswered(null, null);
}

/** Answered ids kept in memory and in `path` (null: memory only). */
export function fileAnswered(path: string | null, logger: Logger | null): AnsweredIds {
  const ids = new Set<string>(path ? read(path, logger) : []);
  const inFlight = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const write = (): void => {
    timer = null;
    if (!path) return;
    try {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, `${JSON.stringify({ ids: [...ids] })}\n`);
      renameSync(tmp, path);
    } catch (err) {
      logger?.warn("could not save the answered update ids", { path, err });
    }
  };
  return {
    seen: (id) => ids.has(id) || inFlight.has(id),
    start: (id) => void inFlight.add(id),
    handBack: (id) => void inFlight.delete(id),
    done(id) {
      inFlight.delete(id);
      ids.add(id);
      // A Set keeps insertion order: the oldest go first.
      for (const old of ids) {
        if (ids.size <= MAX_IDS) break;
        ids.delete(old);
      }
      if (path && !timer) timer = setTimeout(write, 200).unref();
    },
    flush() {
      if (timer) clearTimeout(timer);
      if (path) write();
    },
  };
}

function read(path: string, logger: Logger | null): string[] {
  if (!existsSync(path)) return [];
  try {
    const data = JSON.parse(readFileSync(path, "utf8")) as { ids?: unknown };
    return Array.isArray(data.ids) ? data.ids.filter((x): x is string => typeof x === "string") : [];
  } catch (err) {
    logger?.warn("answered update ids unreadable; starting afresh", { path, err });
    return [];
  }
}
