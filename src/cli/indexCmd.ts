import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { formatWarning } from "../answer/engine.js";
import { buildIndex } from "../index/build.js";
import { saveIndex, savedBundles } from "../index/store.js";

/**
 * `zhibao index [--check] [--full]`: builds index/ from corpus/, re-reading only the reports whose
 * files changed since index/ was saved (all of them with --full), or checks that the committed
 * index/ is what a build from nothing produces.
 */
export async function runIndex(opts: { check?: boolean; full?: boolean }): Promise<void> {
  const root = resolve(import.meta.dirname, "..", "..");
  const corpusDir = join(root, "corpus");
  const indexDir = join(root, "index");
  const tty = process.stderr.isTTY;
  const progress = (m: string) => process.stderr.write(tty ? `\r\x1b[K${m}` : `${m}\n`);
  const t0 = performance.now();
  const fromScratch = opts.check || opts.full;
  const data = buildIndex(corpusDir, progress, fromScratch ? undefined : savedBundles(indexDir));
  if (tty) process.stderr.write("\n");
  for (const w of data.meta.warnings) process.stderr.write(`${formatWarning(w)}\n`);
  const target = opts.check ? mkdtempSync(join(tmpdir(), "zhibao-index-")) : indexDir;
  saveIndex(data, target);
  const { counts } = data.meta;
  process.stderr.write(
    `built in ${Math.round(performance.now() - t0)} ms (${data.read} of ${data.bundles.length} report files read): ${counts.reports} reports, ${counts.tables} tables, ${counts.facts} facts, ${counts.passages} passages\n`,
  );
  if (!opts.check) return;
  // Every file either side has (passages/ holds one index per report), compared byte for byte.
  const files = new Set([...listFiles(target), ...listFiles(indexDir)]);
  const differing = [...files].filter((f) => {
    try {
      return !readFileSync(join(target, f)).equals(readFileSync(join(indexDir, f)));
    } catch {
      return true;
    }
  });
  rmSync(target, { recursive: true, force: true });
  if (differing.length) {
    process.stderr.write(`index/ is not what the build produces (${differing.join(", ")}): run \`npm run build:index\` and commit index/\n`);
    process.exitCode = 1;
  } else process.stderr.write("index/ is up to date\n");
}

/** Files under a folder, as paths relative to it. */
function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)));
  } catch {
    return [];
  }
}
