import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { MANIFEST_FILE } from "./manifest.js";

/** Files in corpus/ that are reports: everything but the manifest, dotfiles and README-like notes. */
export function listReportFiles(corpusDir: string): string[] {
  return readdirSync(corpusDir)
    .filter((f) => f !== MANIFEST_FILE && !f.startsWith(".") && !/^readme/i.test(f))
    .filter((f) => statSync(join(corpusDir, f)).isFile())
    .sort();
}
