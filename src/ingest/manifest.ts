import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { IngestWarning, ManifestEntry } from "../types.js";

/** The manifest's file name inside corpus/. */
export const MANIFEST_FILE = "manifest.json";

/**
 * Reads corpus/manifest.json: what a report's text cannot tell (English name, province, kind,
 * extra aliases, the published original's `url` and the `contentType` it was served with), keyed by file name. A missing manifest is fine (every entry is optional);
 * a broken one is a warning, and ingestion goes on without it.
 */
export function readManifest(corpusDir: string): { entries: Record<string, ManifestEntry>; warnings: IngestWarning[] } {
  const path = join(corpusDir, MANIFEST_FILE);
  if (!existsSync(path)) return { entries: {}, warnings: [] };
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("it is not a JSON object keyed by file name");
    const entries: Record<string, ManifestEntry> = {};
    const warnings: IngestWarning[] = [];
    for (const [file, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (file.startsWith("_") || !value || typeof value !== "object") continue;
      const v = value as Record<string, unknown>;
      entries[file] = {
        english: typeof v.english === "string" ? v.english : undefined,
        province: typeof v.province === "string" ? v.province : undefined,
        kind: v.kind === "city" || v.kind === "district" || v.kind === "school" ? v.kind : undefined,
        aliases: Array.isArray(v.aliases) ? v.aliases.filter((a): a is string => typeof a === "string") : undefined,
        url: publishedUrl(v.url),
        ...(typeof v.contentType === "string" && v.contentType.length < 200 ? { contentType: v.contentType } : {}),
      };
      if (v.url !== undefined && !entries[file].url) warnings.push({ report: MANIFEST_FILE, line: null, message: `${file}: url ignored: it must be an http(s) address` });
    }
    return { entries, warnings };
  } catch (err) {
    return { entries: {}, warnings: [{ report: MANIFEST_FILE, line: null, message: `ignored: ${(err as Error).message}` }] };
  }
}

/** An http(s) address, or undefined: a link a user can open, never a file path or a script. */
function publishedUrl(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}
