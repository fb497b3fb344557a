import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ReportParseError } from "../errors.js";
import type { IngestedReport, IngestWarning, ManifestEntry, ReportMeta } from "../types.js";
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
 * Of two reports of the same entity and year (different texts), the one to answer from and why,
 * read from what they are and say, never from their file names: a final report over a draft (its
 * title or front matter says 征求意见稿, 草稿 …: meta.draft), then the later publication date a page prints, then the more
 * complete (more facts and passages). Null: nothing tells them apart.
 */
function preferred<R extends Pick<IngestedReport, "meta">>(a: R, b: R, size: (r: R) => number): { keep: R; drop: R; why: string } | null {
  const [da, db] = [a.meta.draft, b.meta.draft];
  const draftWhy = (r: R, d: NonNullable<ReportMeta["draft"]>) => `${r.meta.report} is marked as a draft (${d.word}${d.line ? `, line ${d.line}` : ", in its title"})`;
  if (!!da !== !!db) return da ? { keep: b, drop: a, why: draftWhy(a, da) } : { keep: a, drop: b, why: draftWhy(b, db!) };
  const [pa, pb] = [a.meta.published?.date ?? "", b.meta.published?.date ?? ""];
  if (pa && pb && pa !== pb) return pa > pb ? { keep: a, drop: b, why: `published later (${pa}, not ${pb})` } : { keep: b, drop: a, why: `published later (${pb}, not ${pa})` };
  const [sa, sb] = [size(a), size(b)];
  if (sa !== sb) return sa > sb ? { keep: a, drop: b, why: "more complete (more figures and passages)" } : { keep: b, drop: a, why: "more complete (more figures and passages)" };
  return null;
}

/**
 * One report per text, and per entity and year when the reports themselves say which to answer
 * from: of two copies of the same text, the first is kept (they say the same); of two texts of one
 * entity and year, the one {@link preferred} chooses (never by file name), with a warning on the other naming
 * both and why. When nothing tells two texts apart (neither a draft, no later date, as complete),
 * both are kept, with a warning on each naming the other: every answer then cites its file.
 */
export function dropDuplicates<R extends Pick<IngestedReport, "meta">>(reports: R[], warnings: IngestWarning[], size: (r: R) => number = sizeOf): R[] {
  const byText = new Map<string, R>();
  const byEntity = new Map<string, R[]>();
  const entityKey = (r: R) => `${r.meta.entity}|${r.meta.reportYear ?? r.meta.dataYears.join(",")}`;
  const yearOf = (r: R) => r.meta.reportYear ?? (r.meta.dataYears.join(", ") || "none");
  const out: R[] = [];
  for (const r of reports) {
    const same = byText.get(r.meta.sha256);
    if (same) {
      warnings.push({ report: r.meta.report, line: null, message: `skipped: a copy of ${same.meta.report} (the same text); only ${same.meta.report} is loaded` });
      continue;
    }
    byText.set(r.meta.sha256, r);
    const kept = byEntity.get(entityKey(r)) ?? [];
    let dropped = false;
    let at: number | undefined; // where the first twin it replaces stood: reports keep their order
    for (const twin of [...kept]) {
      const choice = preferred(twin, r, size);
      if (!choice) continue;
      warnings.push({
        report: choice.drop.meta.report,
        line: null,
        message: `skipped: a copy of ${choice.keep.meta.report} (the same entity (${r.meta.entity}) and year (${yearOf(r)})); only ${choice.keep.meta.report} is loaded: ${choice.why}`,
      });
      if (choice.drop === r) {
        dropped = true;
        break;
      }
      kept.splice(kept.indexOf(twin), 1);
      at ??= out.indexOf(twin);
      out.splice(out.indexOf(twin), 1);
    }
    if (dropped) continue;
    for (const twin of kept)
      for (const [one, other] of [
        [r, twin],
        [twin, r],
      ])
        warnings.push({
          report: one.meta.report,
          line: null,
          message: `${other.meta.report} is another report of ${r.meta.entity} for ${yearOf(r)}, and nothing tells which is the final one (neither is marked a draft, no later publication date, as complete): both are answered from, each figure citing its file`,
        });
    kept.push(r);
    byEntity.set(entityKey(r), kept);
    if (at === undefined) out.push(r);
    else out.splice(at, 0, r);
  }
  return out;
}
