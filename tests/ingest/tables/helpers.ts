/**
 * Shared helpers for the table tests: fixtures are real snippets of the reports, named
 * `<report>-<first raw line>-<quirk>.txt`, so a fixture line maps back to the raw line.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { splitLines } from "../../../src/ingest/clean.js";
import { extractTables, tableFacts } from "../../../src/ingest/tables/index.js";
import type { Fact, Table } from "../../../src/types.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/tables/", import.meta.url));
const CORPUS = fileURLToPath(new URL("../../../corpus/", import.meta.url));

/** The reports in corpus/, by short name. */
export const REPORTS = {
  leshan: "leshan-2024.txt",
  lvliang: "lvliang-2023.txt",
  suining: "suining-2024.txt",
  bishan: "bishan-2024.txt",
  jiangmen: "jiangmen-2024.txt",
} as const;

/**
 * Loads a fixture and pads it with blank lines so that its line N is raw line N of the report:
 * line numbers in assertions are the report's own.
 */
export function fixtureLines(name: string): string[] {
  const first = Number(/^[a-z]+-(\d+)-/.exec(name)?.[1] ?? "1");
  const text = readFileSync(FIXTURES + name, "utf8").replace(/\n$/, "");
  return [...Array<string>(first - 1).fill(""), ...splitLines(text)];
}

/** Raw lines of a whole report. */
export function corpusLines(report: string): string[] {
  return splitLines(readFileSync(CORPUS + report, "utf8"));
}

/** The table starting at `startLine`, failing loudly when there is none. */
export function tableAt(tables: Table[], startLine: number): Table {
  const t = tables.find((x) => x.startLine === startLine);
  if (!t) throw new Error(`no table starts at line ${startLine}; starts: ${tables.map((x) => x.startLine).join(", ")}`);
  return t;
}

/** The one fact with this indicator and column (and line, when given). */
export function factOf(facts: Fact[], indicator: string, column: string, line?: number): Fact {
  const found = facts.filter((f) => f.indicator === indicator && f.column === column && (line === undefined || f.line === line));
  if (found.length !== 1) throw new Error(`expected one fact ${indicator} / ${column}${line ? ` @${line}` : ""}, found ${found.length}`);
  return found[0];
}

/** Extracts a fixture and returns its tables and the facts of all of them. */
export function readFixture(name: string, report: string): ReturnType<typeof extractTables> & { lines: string[]; facts: Fact[] } {
  const lines = fixtureLines(name);
  const res = extractTables(lines, report);
  return { ...res, lines, facts: res.tables.flatMap((t) => tableFacts(t, "E", null)) };
}
