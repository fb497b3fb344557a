/**
 * Numbered headings: recognising one on a line, and placing it in the report's outline.
 *
 * Levels come from the numbering, never from markdown `#` counts (乐山 puts `##`, `###` and
 * `#####` on the same level). The outline is a stack; a new heading goes where its number
 * continues a heading already open (`（二）` after `（一）`, `2.4` after `2.3.2`, `5.1` after
 * `4.`), or opens a nested list when it starts at one (`1.` under `3.3`). A heading whose number
 * fits nowhere is not treated as structure.
 */

import { titleText } from "./lineKinds.js";

/** Numbering families; a dotted number's depth is its component count. */
export type HeadingStyle = "cn" | "paren-cn" | "paren-num" | "dotted";

/** A line that looks like a numbered heading. */
export interface HeadingCandidate {
  style: HeadingStyle;
  /** Numbering as printed, normalised: "一", "（一）", "(1)", "1", "1.2.1". */
  number: string;
  /** The number's components: [2] for "二、", [1, 2, 1] for "1.2.1". */
  nums: number[];
  title: string;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Converts a Chinese numeral up to 99 (`十二`, `二十一`) to a number, or null. */
export function chineseNumber(s: string): number | null {
  if (!s || s.length > 3) return null;
  if (s === "十") return 10;
  const ten = s.indexOf("十");
  if (ten === -1) return s.length === 1 ? (CN_DIGITS[s] ?? null) : null;
  const tens = ten === 0 ? 1 : CN_DIGITS[s.slice(0, ten)];
  const ones = ten === s.length - 1 ? 0 : CN_DIGITS[s.slice(ten + 1)];
  return tens === undefined || ones === undefined ? null : tens * 10 + ones;
}

const CN_NUM = "[一二三四五六七八九十]{1,3}";
const CN_RE = new RegExp(`^(${CN_NUM})、\\s*(.+)$`);
const PAREN_CN_RE = new RegExp(`^[（(]\\s*(${CN_NUM})\\s*[）)]\\s*(.+)$`);
const PAREN_NUM_RE = /^[（(]\s*(\d{1,2})\s*[）)]\s*(.+)$/;
const DOTTED_RE = /^(\d{1,2}(?:\s*[.．]\s*\d{1,2}){0,3})\s*([.．])?\s*(.+)$/;
/** A title starts with a word, a quote or a bracket: never with a unit (`1.26万人` is a number). */
const TITLE_START = /^[\u3400-\u9fff“"‘《（(A-Za-z]/;
const UNIT_START = /^[万亿%％‰倍个元]/;

/**
 * Reads a numbered heading from a raw line, or null when the line is not one.
 * A heading is short and does not read as a sentence: a line such as
 * `1.党建引领。全市中职学校…` (a numbered paragraph) is rejected by its inner full stop.
 *
 * @example parseHeading("[bookmark: _Toc72]1．基本情况") // { style: "dotted", number: "1", nums: [1], title: "基本情况" }
 */
export function parseHeading(raw: string): HeadingCandidate | null {
  if (raw.length > 5000) return null;
  const text = titleText(raw);
  if (text.length < 3 || text.length > 60) return null;
  let m: RegExpExecArray | null;
  let cand: HeadingCandidate | null = null;
  if ((m = CN_RE.exec(text))) {
    const n = chineseNumber(m[1]);
    if (n !== null) cand = { style: "cn", number: m[1], nums: [n], title: m[2] };
  } else if ((m = PAREN_CN_RE.exec(text))) {
    const n = chineseNumber(m[1]);
    if (n !== null) cand = { style: "paren-cn", number: `（${m[1]}）`, nums: [n], title: m[2] };
  } else if ((m = PAREN_NUM_RE.exec(text))) {
    cand = { style: "paren-num", number: `（${m[1]}）`, nums: [Number(m[1])], title: m[2] };
  } else if ((m = DOTTED_RE.exec(text))) {
    const nums = m[1].split(/\s*[.．]\s*/).map(Number);
    // A single number needs its period ("1．基本情况"); "2024年…" is no heading.
    if (nums.length === 1 && !m[2]) return null;
    if (nums[0] < 1 || nums.some((n) => n > 20)) return null;
    cand = { style: "dotted", number: nums.join("."), nums, title: m[3] };
  }
  if (!cand) return null;
  const title = cand.title.trim();
  if (title.length < 2 || title.length > 45) return null;
  if (!TITLE_START.test(title) || (cand.style === "dotted" && UNIT_START.test(title))) return null;
  // A sentence stop inside the title makes it a paragraph; one at the very end is allowed
  // (乐山 `（五）凸显职业院校特色，以文化人涵养工匠精神。`).
  if (/[。；！？]/.test(title.slice(0, -1))) return null;
  return { ...cand, title };
}

/** One open level of the outline. */
interface Entry {
  cand: HeadingCandidate;
  /** A heading inside a case study (`一、主要做法`): part of the case, not of the outline. */
  internal: boolean;
  /** An unnumbered block (前言, 附表) that the first numbered heading closes. */
  soft: boolean;
}

/** Where a heading goes: into the outline at `depth` (0-based), or into the open case. */
export type Placement = { kind: "section"; depth: number } | { kind: "internal" };

function sameNums(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** `next` continues `prev` at the level where they differ, with every deeper component 1. */
function continuesDotted(prev: number[], next: number[]): boolean {
  const m = Math.min(prev.length, next.length);
  for (let i = 0; i < m - 1; i++) if (prev[i] !== next[i]) return false;
  if (next[m - 1] !== prev[m - 1] + 1) return false;
  return next.slice(m).every((n) => n === 1);
}

/** True when the number starts a list: 1, 一, x.1. */
function isFirst(c: HeadingCandidate): boolean {
  return c.nums[c.nums.length - 1] === 1;
}

/**
 * The outline as it is read, top to bottom. `place` decides where each heading goes and
 * updates the stack; `path` gives the titles of the open sections.
 */
export class HeadingTracker {
  private stack: Entry[] = [];

  /** Titles of the open sections, top level first (case-internal headings excluded). */
  path(): string[] {
    return this.stack.filter((e) => !e.internal).map((e) => e.cand.title);
  }

  /** Depth of the outline (open sections, not counting case-internal headings). */
  depth(): number {
    return this.stack.filter((e) => !e.internal).length;
  }

  /** Opens an unnumbered top-level block (前言, 附表): everything open closes. */
  openSoft(title: string): void {
    this.stack = [{ cand: { style: "cn", number: "", nums: [0], title }, internal: false, soft: true }];
  }

  /** Drops the headings of a case study that has ended. */
  closeCase(): void {
    this.stack = this.stack.filter((e) => !e.internal);
  }

  /**
   * Places a heading. `inCase` says a case study is open: a heading that continues the outline
   * ends it, while one that only fits inside it (`### 一、主要做法` in 乐山's case 7, or a new
   * numbering style such as 璧山's `一、夯实基础` in case 20) belongs to the case.
   */
  place(c: HeadingCandidate, inCase: boolean): Placement {
    const at = this.findSlot(c);
    if (at) {
      const target = this.stack[at.index];
      if (target?.internal && inCase) {
        this.stack.splice(at.child ? at.index + 1 : at.index);
        this.stack.push({ cand: c, internal: true, soft: false });
        return { kind: "internal" };
      }
      this.closeCase();
      const keep = at.child ? at.index + 1 : at.index;
      this.stack.splice(keep);
      this.stack.push({ cand: c, internal: false, soft: false });
      return { kind: "section", depth: keep };
    }
    // Inside a case, a list that starts at one is the case's own (`### 一、主要做法`). With no
    // outline open yet, the first heading starts it even after a case.
    if (inCase && this.depth() > 0 && isFirst(c)) {
      this.stack.push({ cand: c, internal: true, soft: false });
      return { kind: "internal" };
    }
    this.closeCase();
    if (this.stack.length && this.stack[0].soft) {
      this.stack = [{ cand: c, internal: false, soft: false }];
      return { kind: "section", depth: 0 };
    }
    // A number that continues nothing open (one before it went missing): a sibling of the
    // nearest heading numbered the same way, else a child of the innermost section.
    let i = this.stack.length;
    if (!isFirst(c)) {
      for (let k = this.stack.length - 1; k >= 0; k--) {
        const e = this.stack[k].cand;
        if (e.style === c.style && e.nums.length === c.nums.length) {
          i = k;
          break;
        }
      }
    }
    this.stack.splice(i);
    this.stack.push({ cand: c, internal: false, soft: false });
    return { kind: "section", depth: i };
  }

  /** Finds the open entry that `c` continues (replace it) or extends (become its child). */
  private findSlot(c: HeadingCandidate): { index: number; child: boolean } | null {
    const s = this.stack;
    // Pass 1: a sibling of the same style and depth, or the dotted parent (`2.1` under `2.`).
    for (let i = s.length - 1; i >= 0; i--) {
      const e = s[i];
      if (e.soft) continue;
      if (c.style === "dotted" && e.cand.style === "dotted") {
        const a = e.cand.nums;
        const b = c.nums;
        if (a.length === b.length && continuesDotted(a, b)) return { index: i, child: false };
        // 江门 prints `2.4` twice; a repeated multi-level number is a sibling.
        if (a.length === b.length && b.length >= 2 && sameNums(a, b)) return { index: i, child: false };
        if (a.length === b.length - 1 && sameNums(a, b.slice(0, -1)) && b[b.length - 1] <= 2) return { index: i, child: true };
      } else if (c.style === e.cand.style && c.nums[0] === e.cand.nums[0] + 1) {
        return { index: i, child: false };
      }
    }
    if (c.style === "dotted") {
      // Pass 2: a dotted number that skips a missing level (`5.1` right after `4.`, `2.` after `1.2`).
      for (let i = s.length - 1; i >= 0; i--) {
        const e = s[i];
        if (!e.soft && e.cand.style === "dotted" && continuesDotted(e.cand.nums, c.nums)) return { index: i, child: false };
      }
    }
    // Pass 3: the same style with one number missing in between.
    for (let i = s.length - 1; i >= 0; i--) {
      const e = s[i];
      if (e.soft || e.cand.style !== c.style) continue;
      const a = e.cand.nums;
      const b = c.nums;
      if (a.length !== b.length || !sameNums(a.slice(0, -1), b.slice(0, -1))) continue;
      const gap = b[b.length - 1] - a[a.length - 1];
      if (gap === 2) return { index: i, child: false };
    }
    return null;
  }
}
