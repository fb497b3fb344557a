/**
 * Named errors whose messages say what went wrong and where, so a user reads a sentence, not a stack.
 * "Not found" is never an error: the Answer says what was looked for and what is nearest.
 */

/** A report that cannot be read (empty, binary, undecodable) or a part of it that cannot be parsed. */
export class ReportParseError extends Error {
  constructor(
    readonly report: string,
    readonly line: number | null,
    message: string,
  ) {
    super(`${report}${line ? `:${line}` : ""}: ${message}`);
    this.name = "ReportParseError";
  }
}

/** A saved index written by another format version, or damaged: rebuild it with `zhibao index`. */
export class IndexVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IndexVersionError";
  }
}
