/**
 * A minimal rich-text model for Telegram messages: lines of styled spans, turned into Telegram
 * HTML only at the very end. Report text and user text are always span text, so they are
 * escaped and can never break the markup; lengths are measured on the plain text, which is what
 * Telegram counts (UTF-16 units after entity parsing).
 *
 * ```ts
 * const lines: Line[] = [[b("803 人")], [t("来源："), t("suining-2024.txt 第1350行")]];
 * toHtml(lines); // "<b>803 人</b>\n来源：suining-2024.txt 第1350行"
 * ```
 */

/** A run of text with one style. `text` never contains a newline (see {@link toHtml}). */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Monospace; Telegram forbids other entities inside code, so other styles are dropped. */
  code?: boolean;
  /** A link target (http/https/tg only). */
  href?: string;
  /** Trusted, pre-escaped HTML from our own message catalogue (never report or user text). */
  html?: boolean;
}

/** One output line. */
export type Line = Span[];

/** Plain span. */
export const t = (text: string): Span => ({ text });
/** Bold span. */
export const b = (text: string): Span => ({ text, bold: true });
/** Italic span. */
export const i = (text: string): Span => ({ text, italic: true });
/** Monospace span. */
export const code = (text: string): Span => ({ text, code: true });
/** Link span. */
export const link = (text: string, href: string): Span => ({ text, href });
/** A line of trusted HTML from the message catalogue (e.g. help text with <b>). */
export const htmlLine = (html: string): Line => [{ text: html, html: true }];

/** Escapes the three characters Telegram HTML requires (and `"` for attributes). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Plain text of a trusted HTML snippet (tags dropped, the four entities decoded). */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** Telegram-visible text of a span: what counts towards the 4096 limit. */
export function spanText(s: Span): string {
  return s.html ? htmlToText(s.text) : oneLine(s.text);
}

/** Length of a line in UTF-16 units, as Telegram counts it. */
export function lineLength(line: Line): number {
  let n = 0;
  for (const s of line) n += spanText(s).length;
  return n;
}

/** Length of lines joined with "\n", in UTF-16 units. */
export function textLength(lines: Line[]): number {
  if (lines.length === 0) return 0;
  let n = lines.length - 1;
  for (const l of lines) n += lineLength(l);
  return n;
}

/** The plain text of lines (what a reader sees). */
export function toPlain(lines: Line[]): string {
  return lines.map((l) => l.map(spanText).join("")).join("\n");
}

/** Renders one span to Telegram HTML. */
export function spanToHtml(s: Span): string {
  if (s.html) return s.text;
  const text = escapeHtml(oneLine(s.text));
  if (text === "") return "";
  if (s.code) return `<code>${text}</code>`;
  let out = text;
  if (s.underline) out = `<u>${out}</u>`;
  if (s.italic) out = `<i>${out}</i>`;
  if (s.bold) out = `<b>${out}</b>`;
  if (s.href && /^(https?|tg):\/\//i.test(s.href)) out = `<a href="${escapeHtml(s.href)}">${out}</a>`;
  return out;
}

/** Renders lines to Telegram HTML (parse_mode "HTML"), lines joined with "\n". */
export function toHtml(lines: Line[]): string {
  return lines.map((l) => l.map(spanToHtml).join("")).join("\n");
}

/** Splits plain multi-line text into plain lines. */
export function linesFromText(text: string): Line[] {
  return text.split(/\r?\n/).map((l) => (l === "" ? [] : [t(l)]));
}

/** Collapses newlines inside a span: a span belongs to one line. */
function oneLine(s: string): string {
  return s.includes("\n") || s.includes("\r") ? s.replace(/\r?\n|\r/g, " ") : s;
}

/**
 * Spans for `text` with every occurrence of `terms` in bold (case-insensitive for Latin letters).
 *
 * @example highlight("遂潼电商职教联盟成立", ["电商", "联盟"]) // [t("遂潼"), b("电商"), t("职教"), b("联盟"), t("成立")]
 */
export function highlight(text: string, terms: string[]): Span[] {
  // toLowerCase can change the length of a few non-Latin letters; then match as printed.
  const folded = text.toLowerCase();
  const fold = folded.length === text.length;
  const lower = fold ? folded : text;
  const marked = new Uint8Array(text.length);
  for (const term of terms) {
    const needle = fold ? term.trim().toLowerCase() : term.trim();
    if (needle.length === 0) continue;
    let from = 0;
    for (;;) {
      const at = lower.indexOf(needle, from);
      if (at < 0) break;
      marked.fill(1, at, at + needle.length);
      from = at + needle.length;
    }
  }
  const spans: Span[] = [];
  let start = 0;
  for (let k = 1; k <= text.length; k++) {
    if (k === text.length || marked[k] !== marked[start]) {
      const piece = text.slice(start, k);
      spans.push(marked[start] ? b(piece) : t(piece));
      start = k;
    }
  }
  return spans;
}

/**
 * A keyboard without empty rows: a builder that ends each row with `.row()` leaves one at the end (the row
 * under a table's CSV/Excel buttons), which Telegram clients draw as a gap. Undefined when no button is left.
 *
 * @example compactKeyboard(new InlineKeyboard().text("CSV", "x").row()).inline_keyboard // [[{ text: "CSV", … }]]
 */
export function compactKeyboard<K extends { inline_keyboard: unknown[][] }>(keyboard: K | undefined): { inline_keyboard: K["inline_keyboard"] } | undefined {
  const rows = keyboard?.inline_keyboard.filter((row) => row.length > 0) ?? [];
  return rows.length ? { inline_keyboard: rows } : undefined;
}
