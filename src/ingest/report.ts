import { createHash } from "node:crypto";
import { ReportParseError } from "../errors.js";
import type { Fact, IngestedReport, IngestWarning, ManifestEntry } from "../types.js";
import { splitLines } from "./clean.js";
import { buildMeta, withDataYears } from "./meta.js";
import { pageStarts, readReport } from "./read/index.js";
import { parseStructure, readReportTitle } from "./structure/index.js";
import { extractTables, tableFacts } from "./tables/index.js";
import { extractTextFacts } from "./textFacts.js";

/**
 * Turns one report file into structured, cited data: tables and their facts, sections,
 * paragraphs and case studies, figures from running text, and metadata.
 * Throws ReportParseError only when the file cannot be read as text at all; anything narrower
 * (a table it cannot read) becomes a warning with the line, and the rest is still ingested.
 *
 * @example ingestReport("suining-2024.txt", readFileSync("corpus/suining-2024.txt"), manifest["suining-2024.txt"])
 */
export function ingestReport(report: string, bytes: Uint8Array, manifest?: ManifestEntry): IngestedReport {
  const { text, pages, publication, title: pageTitle } = readReport(bytes, report, manifest?.contentType ? { contentType: manifest.contentType } : {});
  const lines = splitLines(text);
  if (!lines.some((l) => /[\u4e00-\u9fff]/.test(l))) throw new ReportParseError(report, null, "the file has no Chinese text: is it a report?");
  const warnings: IngestWarning[] = [];
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  const extracted = extractTables(lines, report);
  warnings.push(...extracted.warnings);
  const excluded = new Uint8Array(lines.length + 2);
  for (const r of [...extracted.tables.map((t) => ({ startLine: t.startLine, endLine: t.endLine })), ...extracted.skipped]) {
    for (let n = r.startLine; n <= r.endLine && n <= lines.length; n++) excluded[n] = 1;
  }

  const publisher = publication?.publisher ?? publication?.source;
  const entityMeta = buildMeta({
    report,
    sha256,
    // A web page's own title (its first line) when no line reads as a report's title ("2023年度…报告" names no publisher).
    title: readReportTitle(lines) ?? (pageTitle ? { title: pageTitle, line: 1 } : null),
    lines,
    manifest,
    ...(publisher ? { publisher } : {}),
    warn: (line, message) => warnings.push({ report, line, message }),
  });
  // Undated figures keep year null: the engine reads them as the report's latest data year.
  const facts: Fact[] = extracted.tables.flatMap((t) => tableFacts(t, entityMeta.entity, null));
  const published = publication && Object.keys(publication).length > 0 ? { published: publication } : {};
  const meta = { ...withDataYears(entityMeta, facts), ...(pages ? { pageStarts: pageStarts(pages) } : {}), ...published };

  const structure = parseStructure(lines, report, meta.entity, (n) => excluded[n] === 1);
  warnings.push(...structure.warnings);
  facts.push(...extractTextFacts(structure.passages, { entity: meta.entity, report, defaultYear: meta.latestDataYear, lines, warn: (line, message) => warnings.push({ report, line, message }) }));

  if (pages) for (const f of facts) f.page = pages[f.line - 1];
  return { meta, sections: structure.sections, passages: structure.passages, captions: structure.captions, tables: extracted.tables, facts, warnings };
}
