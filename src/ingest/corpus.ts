import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ReportParseError } from "../errors.js";
import type { IngestedReport, IngestWarning } from "../types.js";
import { listReportFiles } from "./files.js";
import { readManifest } from "./manifest.js";
import { ingestReport } from "./report.js";

/**
 * Ingests every report in a folder. A report that cannot be read is reported by name (and line,
 * when there is one) in `warnings`, and every other report is still ingested.
 *
 * @param onProgress called after each file, for a progress line on a terminal.
 */
export function ingestCorpus(
  corpusDir: string,
  onProgress?: (done: number, total: number, file: string) => void,
): { reports: IngestedReport[]; warnings: IngestWarning[] } {
  const { entries, warnings } = readManifest(corpusDir);
  const files = listReportFiles(corpusDir);
  const reports: IngestedReport[] = [];
  files.forEach((file, i) => {
    try {
      const report = ingestReport(file, readFileSync(join(corpusDir, file)), entries[file]);
      reports.push(report);
      warnings.push(...report.warnings);
    } catch (err) {
      if (err instanceof ReportParseError) warnings.push({ report: err.report, line: err.line, message: `skipped: ${err.message.replace(/^[^:]+(:\d+)?: /, "")}` });
      else warnings.push({ report: file, line: null, message: `skipped: could not be parsed (${(err as Error).message})` });
    }
    onProgress?.(i + 1, files.length, file);
  });
  return { reports, warnings };
}
