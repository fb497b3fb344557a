/**
 * Settings that survive a restart: each user's chosen reply language, in one small JSON file
 * (`<DATA_DIR>/settings.json`). Written atomically (a temporary file renamed over the old one) on
 * every change, which is rare; read once at start. A damaged file is set aside with a warning and
 * the bot starts with no saved settings, rather than not at all.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "../log.js";
import type { Lang } from "./i18n.js";

/** Per-user preferences. */
export interface Settings {
  getLang(userId: number): Lang | undefined;
  setLang(userId: number, lang: Lang): void;
}

/** Settings kept in memory only (tests, and the default of createMemoryStore). */
export function memorySettings(): Settings {
  const langs = new Map<number, Lang>();
  return { getLang: (id) => langs.get(id), setLang: (id, lang) => void langs.set(id, lang) };
}

/** What settings.json holds. */
interface SettingsFile {
  version: 1;
  langs: Record<string, Lang>;
}

/**
 * Settings saved in `path` (its folder is made when needed). A write that fails (disk full,
 * read-only) is a warning; the setting still holds until the restart.
 *
 * @example const settings = fileSettings(join(config.dataDir, "settings.json"), logger);
 */
export function fileSettings(path: string, logger: Logger): Settings {
  const langs = new Map<number, Lang>(Object.entries(read(path, logger).langs).map(([id, lang]) => [Number(id), lang]));
  const save = (): void => {
    const data: SettingsFile = { version: 1, langs: Object.fromEntries([...langs].map(([id, lang]) => [String(id), lang])) };
    try {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, `${JSON.stringify(data)}\n`);
      renameSync(tmp, path);
    } catch (err) {
      logger.warn("could not save settings", { path, error: (err as Error).message });
    }
  };
  return {
    getLang: (id) => langs.get(id),
    setLang(id, lang) {
      if (langs.get(id) === lang) return;
      langs.set(id, lang);
      save();
    },
  };
}

function read(path: string, logger: Logger): SettingsFile {
  const empty: SettingsFile = { version: 1, langs: {} };
  if (!existsSync(path)) return empty;
  try {
    const data = JSON.parse(readFileSync(path, "utf8")) as Partial<SettingsFile>;
    if (typeof data !== "object" || data === null || typeof data.langs !== "object" || data.langs === null) throw new Error("not a settings file");
    const langs = Object.fromEntries(Object.entries(data.langs).filter(([id, lang]) => /^\d+$/.test(id) && (lang === "zh" || lang === "en")));
    return { version: 1, langs };
  } catch (err) {
    const aside = `${path}.damaged-${Date.now()}`;
    try {
      renameSync(path, aside);
    } catch {
      // Could not move it: it will be overwritten by the next save.
    }
    logger.warn("settings file damaged; starting without saved settings", { path, movedTo: aside, error: (err as Error).message });
    return empty;
  }
}
