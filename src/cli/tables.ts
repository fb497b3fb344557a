import { writeFileSync } from "node:fs";
import { renderTable } from "../answer/tableView.js";
import { toCsv } from "../export/csv.js";
import { tableGrid } from "../export/tableGrid.js";
import { toXlsx } from "../export/xlsx.js";
import type { ReportMeta } from "../types.js";
import { cliEngine } from "./engineFactory.js";

/** Options of `zhibao tables`. */
export interface TablesOptions {
  /** Print the table as CSV (UTF-8 with BOM) instead of text. */
  csv?: boolean;
  /** Write the table as an Excel workbook to this file. */
  xlsx?: string;
}

/** The report a person named by its file name (with or without extension) or its entity, if any. */
function reportNamed(reports: ReportMeta[], name: string): ReportMeta | null {
  const n = name.trim();
  return reports.find((r) => r.report === n || r.report.replace(/\.[^.]+$/, "") === n || r.entity === n) ?? null;
}

/** "no report for 成都; reports: …" */
function noReport(report: string, reports: ReportMeta[]): string {
  return `no report for ${report}; reports: ${reports.map((r) => r.report).join(", ")}`;
}

/** `zhibao tables [report] [table]`: lists tables, or prints one so a person can check it against the report (or exports it). */
export async function runTables(report: string | undefined, table: string, opts: TablesOptions = {}): Promise<void> {
  const engine = await cliEngine();
  // A report nobody has (成都) is said so, never answered with another report's table.
  if (report && engine.tables(report).length === 0 && !reportNamed(engine.reports(), report)) {
    process.stderr.write(`${noReport(report, engine.reports())}\n`);
    process.exitCode = 1;
    return;
  }
  if (table) {
    const t = engine.table(table, report);
    if (!t) {
      process.stderr.write(`no table "${table}"${report ? ` in ${report}` : ""}; \`zhibao tables ${report ?? ""}\` lists them\n`);
      process.exitCode = 1;
      return;
    }
    if (opts.csv || opts.xlsx) {
      const entity = engine.reports().find((r) => r.report === t.report)?.entity ?? t.report;
      const grid = tableGrid(t, entity);
      if (opts.xlsx) {
        writeFileSync(opts.xlsx, await toXlsx(grid));
        process.stderr.write(`${grid.title}: ${grid.rows.length} rows written to ${opts.xlsx}\n`);
      }
      if (opts.csv) process.stdout.write(toCsv(grid));
      return;
    }
    process.stdout.write(`${renderTable(t)}\n`);
    return;
  }
  if (opts.csv || opts.xlsx) {
    process.stderr.write("--csv and --xlsx export one table: name it, e.g. `zhibao tables 遂宁 计分卡 --csv`\n");
    process.exitCode = 2;
    return;
  }
  const list = engine.tables(report);
  if (!list.length) {
    const named = report ? reportNamed(engine.reports(), report) : null;
    if (named) process.stderr.write(`${named.report} (${named.entity}): no tables were read from this report; \`zhibao index\` prints why, if a block of figures could not be read\n`);
    else process.stderr.write(`${noReport(report ?? "", engine.reports())}\n`);
    process.exitCode = 1;
    return;
  }
  for (const t of list) {
    process.stdout.write(`${t.report}\t${t.startLine}\t${t.number ?? "—"}\t${t.title ?? "(untitled)"}${t.standard ? `\t[${t.standard}]` : ""}\t${t.rows} rows\n`);
  }
}
