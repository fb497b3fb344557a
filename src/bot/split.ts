/**
 * Splitting long answers for Telegram's 4096-character message limit.
 *
 * Telegram counts the text *after* entity parsing, in UTF-16 units, so splitting works on the
 * line model of ./markup.ts before any HTML exists: every chunk renders to balanced HTML, and
 * no tag, escape or surrogate pair is ever cut.
 */
import { lineLength, spanText, textLength, type Line, type Span } from "./markup.js";

/** Telegram's limit for a message text, in UTF-16 units after entity parsing. */
export const MESSAGE_LIMIT = 4096;

/**
 * Splits lines into chunks of at most `limit` characters each, on line boundaries (preferring a
 * blank line near the end of a chunk); a single line longer than `limit` is broken after
 * punctuation or a space where possible. Leading and trailing blank lines of a chunk are dropped.
 *
 * @example splitLines(lines).map(toHtml) // one HTML string per message
 */
export function splitLines(lines: Line[], limit: number = MESSAGE_LIMIT): Line[][] {
  const pieces = lines.flatMap((l) => (lineLength(l) > limit ? breakLine(l, limit) : [l]));
  const chunks: Line[][] = [];
  let cur: Line[] = [];
  let len = 0;
  for (const line of pieces) {
    const add = (cur.length > 0 ? 1 : 0) + lineLength(line);
    if (cur.length > 0 && len + add > limit) {
      // Keep paragraphs together: cut at the last blank line if it is in the last third.
      const blank = lastBlank(cur);
      const rest = blank > 0 ? cur.slice(blank + 1) : [];
      if (blank > 0 && textLength(cur.slice(0, blank)) > limit * 0.66 && textLength([...rest, line]) <= limit) {
        chunks.push(cur.slice(0, blank));
        cur = rest;
      } else {
        chunks.push(cur);
        cur = [];
      }
      len = textLength(cur);
    }
    len += (cur.length > 0 ? 1 : 0) + lineLength(line);
    cur.push(line);
  }
  chunks.push(cur);
  return chunks.map(trimBlank).filter((c) => c.length > 0 && textLength(c) > 0);
}

/**
 * The longest prefix of `lines` that fits one message, plus `tail` (e.g. "… message me for the
 * rest") when something had to be left out. For texts that cannot be split: inline results,
 * pages edited in place.
 */
export function fitLines(lines: Line[], limit: number = MESSAGE_LIMIT, tail: Line = [{ text: "…" }]): Line[] {
  if (textLength(lines) <= limit) return lines;
  const room = limit - lineLength(tail) - 1;
  const out: Line[] = [];
  let len = 0;
  for (const line of lines) {
    const add = (out.length > 0 ? 1 : 0) + lineLength(line);
    if (len + add > room) {
      const left = room - len - (out.length > 0 ? 1 : 0);
      if (left > 40) out.push(breakLine(line, left)[0]!);
      break;
    }
    out.push(line);
    len += add;
  }
  return [...trimBlank(out), tail];
}

/** Breaks one line into lines of at most `limit` characters. */
export function breakLine(line: Line, limit: number): Line[] {
  const out: Line[] = [];
  let cur: Span[] = [];
  let len = 0;
  const flush = (): void => {
    if (cur.length > 0) out.push(cur);
    cur = [];
    len = 0;
  };
  for (const span of line) {
    if (span.html) {
      // Trusted catalogue HTML is short and cannot be cut without breaking tags.
      const n = spanText(span).length;
      if (len + n > limit) flush();
      cur.push(span);
      len += n;
      continue;
    }
    let text = spanText(span);
    while (text.length > 0) {
      const room = limit - len;
      if (text.length <= room) {
        cur.push({ ...span, text });
        len += text.length;
        break;
      }
      let cut = cutPoint(text, room);
      if (cut <= 0) {
        if (cur.length > 0) {
          flush();
          continue;
        }
        cut = safeCut(text, Math.max(1, room));
      }
      cur.push({ ...span, text: text.slice(0, cut) });
      text = text.slice(cut);
      flush();
    }
  }
  flush();
  return out;
}

/** Best place to cut `text` to at most `room` units: after punctuation or a space in the last quarter. */
function cutPoint(text: string, room: number): number {
  if (room <= 0) return 0;
  const window = text.slice(0, room);
  const min = Math.floor(room * 0.75);
  for (let k = window.length; k > min; k--) {
    if (/[。！？；;，,、.!?\s）)」』”]/.test(window[k - 1]!)) return safeCut(text, k);
  }
  return room < 20 ? 0 : safeCut(text, room);
}

/** Never cut between the two halves of a surrogate pair. */
function safeCut(text: string, k: number): number {
  const c = text.charCodeAt(k - 1);
  return c >= 0xd800 && c <= 0xdbff && k > 1 ? k - 1 : k;
}

function lastBlank(lines: Line[]): number {
  for (let k = lines.length - 1; k > 0; k--) if (lineLength(lines[k]!) === 0) return k;
  return -1;
}

function trimBlank(lines: Line[]): Line[] {
  let a = 0;
  let z = lines.length;
  while (a < z && lineLength(lines[a]!) === 0) a++;
  while (z > a && lineLength(lines[z - 1]!) === 0) z--;
  return lines.slice(a, z);
}
