/**
 * Updates handed back at a stop that Telegram will not deliver again (polling had to confirm them
 * while they were still in flight: src/bot/polling.ts), kept in `<DATA_DIR>/handed-back.json` for
 * the next start to answer first. Written atomically (a temporary file renamed over it); taken
 * (read and removed) once.
 *
 * @example saveHandedBack(path, [update]); … const again = takeHandedBack(path, logger);
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Update } from "grammy/types";
import type { Logger } from "../log.js";

/** Saves `updates` (none: removes the file). */
export function saveHandedBack(path: string, updates: Update[], logger: Logger): void {
  try {
    if (updates.length === 0) return void rmSync(path, { force: true });
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify({ updates })}\n`);
    renameSync(tmp, path);
  } catch (err) {
    logger.warn("could not save the updates handed back", { path, count: updates.length, err });
  }
}

/** The updates saved by the last stop (removing the file), or none. */
export function takeHandedBack(path: string, logger: Logger): Update[] {
  if (!existsSync(path)) return [];
  try {
    const data = JSON.parse(readFileSync(path, "utf8")) as { updates?: unknown };
    rmSync(path, { force: true });
    return Array.isArray(data.updates) ? data.updates.filter((u): u is Update => typeof (u as Update | null)?.update_id === "number") : [];
  } catch (err) {
    logger.warn("updates handed back unreadable; skipped", { path, err });
    rmSync(path, { force: true });
    return [];
  }
}
