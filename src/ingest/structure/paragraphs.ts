/**
 * Paragraph assembly: one raw text line is one paragraph, except where a page break cut a
 * paragraph in two (乐山 has 24: `…4054` | blank | `人次，…`); those halves are joined.
 */

import { endsSentence } from "./lineKinds.js";

/** A finished paragraph, before it becomes a Passage. */
export interface RawParagraph {
  text: string;
  line: number;
  endLine: number;
  /** [offset in text, raw line] for each raw line the text came from, ascending. */
  starts: [number, number][];
}

/** Shortest first half that can be a paragraph cut by a page break; shorter is a label. */
const MIN_BROKEN_LENGTH = 30;

/**
 * True when `text` reads as the first half of a paragraph cut by a page break: prose (it has
 * commas or stops inside, unlike a caption or a title) that stops mid-sentence.
 */
export function isCutShort(text: string): boolean {
  if (endsSentence(text)) return false;
  if (/[，、]$/.test(text)) return text.length >= 10;
  return text.length >= MIN_BROKEN_LENGTH && /[，、；。]/.test(text);
}

/**
 * Collects text lines into paragraphs. `add` takes a line's cleaned text; `gap` notes a blank
 * (or markup-only, or page-number) line; `barrier` notes anything else that separates text
 * (a heading, caption, table). A paragraph continues across gaps only, and only while it has
 * not ended a sentence.
 */
export class ParagraphBuilder {
  private open: RawParagraph | null = null;
  private gapSeen = false;

  constructor(private readonly emit: (p: RawParagraph) => void) {}

  /** Adds one text line; it either continues the open paragraph or starts a new one. */
  add(text: string, line: number): void {
    const p = this.open;
    if (p && this.gapSeen && isCutShort(p.text)) {
      const sep = /[A-Za-z0-9]$/.test(p.text) && /^[A-Za-z]/.test(text) ? " " : "";
      p.starts.push([p.text.length + sep.length, line]);
      p.text += sep + text;
      p.endLine = line;
      this.gapSeen = false;
      return;
    }
    this.flush();
    this.open = { text, line, endLine: line, starts: [[0, line]] };
    this.gapSeen = false;
  }

  /** Notes a blank line: an unfinished paragraph may continue after it. */
  gap(): void {
    if (this.open) this.gapSeen = true;
  }

  /** Ends the open paragraph (a heading, caption, marker or table follows). */
  flush(): void {
    if (this.open) this.emit(this.open);
    this.open = null;
    this.gapSeen = false;
  }
}
