import { expect } from "vitest";
import { ReportParseError } from "../../../src/errors.js";
import { readReport } from "../../../src/ingest/read/index.js";

/** The message a file that cannot be read fails with; it must be a ReportParseError naming the file. */
export function readFailure(bytes: Uint8Array, name: string): string {
  try {
    readReport(bytes, name);
  } catch (err) {
    expect(err).toBeInstanceOf(ReportParseError);
    expect((err as ReportParseError).report).toBe(name);
    return (err as Error).message;
  }
  throw new Error("expected a ReportParseError");
}
