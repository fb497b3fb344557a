import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ReportParseError } from "../errors.js";
import type { IngestedReport, IngestWarning, ManifestEntry } from "../types.js";
import { splitLines } from "./clean.js";
import { dropCutEnd } from "./cutEnd.js";
import { decodeReport } from "./decode.js";
import { scanCorpus } from "./files.js";
import { readManifest } from "./manifest.js";
import { ingestReport } from "./report.js";

/**
 * Ingests every report in a folder. No file can stop the others: one that cannot be read is
 * reported by name (and line, when there is one) in `warnings`, and every other report is still
 * ingested. Also with a warning: entries skipped by {@link scanCorpus} (dangling or outside
 * symbolic links, huge files), a report cut off inside a table (its cut rows are no facts), and a
 * second copy of a report (same text, or same entity and year), which is loaded once.
 *
 * @param onProgress called after each file, for a progress line on a terminal.
 */
export function ingestCorpus(corpusDir: string, onProgress?: (done: number, total: number, file: string) => void): { reports: IngestedReport[]; warnings: IngestWarning[] } {
  const { entries, warnings } = readManifest(corpusDir);
  const { files, skipped } = scanCorpus(corpusDir);
  warnings.push(...skipped);
  const reports: IngestedReport[] = [];
  files.forEach((file, i) => {
    const one = ingestFile(corpusDir, file, entries[file]);
    warnings.push(...one.warnings);
    if (one.report) reports.push(one.report);
    onProgress?.(i + 1, files.length, file);
  });
  return { reports: dropDuplicates(reports, warnings), warnings };
}

/**
 * Ingests one report file of a corpus folder: the report (null when it cannot be read) and every
 * warning about it, the reason it was skipped included. Never throws for a bad file. Reports are
 * ingested one by one (an incremental build re-reads only the files that changed), and
 * {@link dropDuplicates} then looks at them together.
 */
export function ingestFile(corpusDir: string, file: string, entry: ManifestEntry | undefined): { report: IngestedReport | null; warnings: IngestWarning[] } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(corpusDir, file));
  } catch (err) {
    return { report: null, warnings: [{ report: file, line: null, message: `skipped: could not be read (${(err as Error).message})` }] };
  }
  return ingestBytes(file, bytes, entry);
}

/** {@link ingestFile} of bytes not (yet) in a corpus folder: `zhibao add` reads a file before copying it in. */
export function ingestBytes(file: string, bytes: Uint8Array, entry: ManifestEntry | undefined): { report: IngestedReport | null; warnings: IngestWarning[] } {
  const warnings: IngestWarning[] = [];
  try {
    let report = ingestReport(file, bytes, entry);
    warnings.push(...report.warnings);
    const ending = textEnding(bytes, file);
    if (ending) {
      const cut = dropCutEnd(report, ending.lastLine, ending.endsWithNewline);
      report = cut.report;
      if (cut.warning) warnings.push(cut.warning);
    }
    return { report, warnings };
  } catch (err) {
    if (err instanceof ReportParseError) warnings.push({ report: err.report, line: err.line, message: `skipped: ${err.message.replace(/^[^:]+(:\d+)?: /, "")}` });
    else warnings.push({ report: file, line: null, message: `skipped: could not be parsed (${(err as Error).message})` });
    return { report: null, warnings };
  }
}

/** The last non-blank line and whether the file ends with a line break; null when it is not plain text. */
function textEnding(bytes: Uint8Array, file: string): { lastLine: number; endsWithNewline: boolean } | null {
  let text: string;
  try {
    text = decodeReport(bytes, file).text;
  } catch {
    return null;
  }
  const lines = splitLines(text);
  let last = lines.length;
  while (last > 0 && lines[last - 1]!.trim() === "") last--;
  return { lastLine: last, endsWithNewline: /\n\s*$/.test(text) };
}

/** How complete a report is: its facts and passages. */
const sizeOf = (r: Pick<IngestedReport, "meta">): number => {
  const { facts, passages } = r as Partial<IngestedReport>;
  return (facts?.length ?? 0) + (passages?.length ?? 0);
};

/**
 * One report per text and per entity and year: of two copies, the more complete one (more facts
 * and passages; the first by name on a tie) is kept, and a warning on the other names both.
 */
export function dropDuplicates<R extends Pick<IngestedReport, "meta">>(reports: R[], warnings: IngestWarning[], size: (r: R) => number = sizeOf): R[] {
  const kept = new Map<string, R>();
  const keyOf = (r: R) => [`text:${r.meta.sha256}`, `entity:${r.meta.entity}|${r.meta.reportYear ?? r.meta.dataYears.join(",")}`];
  const out: R[] = [];
  for (const r of reports) {
    const keys = keyOf(r);
    const twin = keys.map((k) => kept.get(k)).find((t) => t !== undefined);
    if (!twin) {
      for (const k of keys) kept.set(k, r);
      out.push(r);
      continue;
    }
    const same = twin.meta.sha256 === r.meta.sha256 ? "the same text" : `the same entity (${r.meta.entity}) and year (${r.meta.reportYear ?? (r.meta.dataYears.join(", ") || "none")})`;
    const [keep, drop] = size(r) > size(twin) ? [r, twin] : [twin, r];
    warnings.push({ report: drop.meta.report, line: null, message: `skipped: a copy of ${keep.meta.report} (${same}); only ${keep.meta.report} is loaded` });
    if (keep === r) {
      out[out.indexOf(twin)] = r;
      for (const k of keyOf(twin)) kept.delete(k);
      for (const k of keys) kept.set(k, r);
    }
  }
  return out;
}
