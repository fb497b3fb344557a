/**
 * The longest question the CLI and the bot ask the engine (1000 characters; the longest real question is a
 * few dozen). A longer one — a pasted page, a runaway pipe — gets a short notice instead of an
 * answer that echoes it whole (a 1 MB line gave a 2 MB answer).
 */
export const MAX_QUESTION_CHARS = 1000;

/** The notice for a question over the limit, or null when it may be asked. */
export function tooLong(question: string): string | null {
  const n = [...question].length;
  return n > MAX_QUESTION_CHARS ? `问题太长（${n} 字），请缩短到 ${MAX_QUESTION_CHARS} 字以内再问。/ The question is too long (${n} characters); keep it under ${MAX_QUESTION_CHARS}.` : null;
}

/** The first characters of a long text, for echoing it back. */
export function preview(text: string, chars = 80): string {
  const cs = [...text];
  return cs.length <= chars ? text : `${cs.slice(0, chars).join("")}…`;
}
