import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, isAbsolute } from "node:path";
import type { IngestWarning } from "../types.js";
import { MANIFEST_FILE } from "./manifest.js";

/**
 * Largest text report read (20 MB). The reports are 50–110 KB of text; a text file hundreds of
 * times that is a dump or a log, and reading it would cost every start seconds and half a gigabyte.
 */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

/** Largest PDF or Word report read (200 MB): their pictures make them far bigger than their text. */
export const MAX_DOCUMENT_BYTES = 200 * 1024 * 1024;

/** The size limit for a report file, by its kind. */
export function maxBytesFor(name: string): number {
  return /\.(pdf|docx?|wps)$/i.test(name) ? MAX_DOCUMENT_BYTES : MAX_REPORT_BYTES;
}

/**
 * The report files in corpus/, and the entries skipped with the reason. Reports are everything
 * but the manifest, dotfiles and README-like notes; skipped (each with a warning, never an
 * exception) are directories, dangling symbolic links, links that lead out of corpus/, files that
 * cannot be read, and files over their size limit ({@link maxBytesFor}).
 *
 * @example scanCorpus("corpus").files // ["bishan-2024.txt", …]
 */
export function scanCorpus(corpusDir: string): { files: string[]; skipped: IngestWarning[] } {
  const files: string[] = [];
  const skipped: IngestWarning[] = [];
  const root = realpathSync(corpusDir);
  const names = readdirSync(corpusDir)
    .filter((f) => f !== MANIFEST_FILE && !f.startsWith(".") && !/^readme/i.test(f))
    .sort();
  for (const name of names) {
    const why = whySkip(join(corpusDir, name), root);
    if (why === null) files.push(name);
    else if (why !== "") skipped.push({ report: name, line: null, message: `skipped: ${why}` });
  }
  return { files, skipped };
}

/** Files in corpus/ that are reports (see {@link scanCorpus}); the skipped ones are left out silently. */
export function listReportFiles(corpusDir: string): string[] {
  return scanCorpus(corpusDir).files;
}

/** Why an entry is not read: a reason, "" for a directory (silently not a report), or null to read it. */
function whySkip(path: string, root: string): string | null {
  try {
    const link = lstatSync(path);
    if (link.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(path);
      } catch {
        return "a symbolic link to a file that does not exist";
      }
      const rel = relative(root, target);
      if (rel.startsWith("..") || isAbsolute(rel)) return `a symbolic link to ${target}, outside corpus/ (copy the report into corpus/ instead)`;
    }
    const st = statSync(path);
    if (st.isDirectory()) return "";
    if (!st.isFile()) return "not a regular file";
    const max = maxBytesFor(path);
    if (st.size > max) return `${(st.size / 1024 / 1024).toFixed(0)} MB is far more than a report (at most ${max / 1024 / 1024} MB are read)`;
    return null;
  } catch (err) {
    return `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
}
