/**
 * Snippets of the corpus reports copied byte-exact into tests/fixtures/structure/, named
 * `<report>-<first raw line>-<last raw line>.txt`, so a test can speak in the report's own
 * line numbers: `f.at(284)` is the snippet line that is raw line 284 of the report.
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { splitLines } from "../../../src/ingest/clean.js";

/** A loaded snippet: its lines, and conversions between raw report lines and snippet lines. */
export interface Fixture {
  lines: string[];
  /** Snippet line number of a raw report line. */
  at(rawLine: number): number;
  /** Raw report line of a snippet line number. */
  raw(line: number): number;
  /** `isExcluded` for raw line ranges of the report (tables in the snippet). */
  excluding(...ranges: [number, number][]): (line: number) => boolean;
}

/** Loads `tests/fixtures/structure/<name>.txt`; the name carries the raw line range. */
export function fixture(name: string): Fixture {
  const m = /-(\d+)-(\d+)$/.exec(name);
  if (!m) throw new Error(`fixture name needs -<first>-<last>: ${name}`);
  const first = Number(m[1]);
  const path = fileURLToPath(new URL(`../../fixtures/structure/${name}.txt`, import.meta.url));
  const lines = splitLines(readFileSync(path, "utf8"));
  return {
    lines,
    at: (rawLine) => rawLine - first + 1,
    raw: (line) => line + first - 1,
    excluding:
      (...ranges) =>
      (line) =>
        ranges.some(([a, b]) => line + first - 1 >= a && line + first - 1 <= b),
  };
}
