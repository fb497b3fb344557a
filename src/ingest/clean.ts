/**
 * Inline cleaning of converter artifacts, shared by the table and structure parsers.
 * Raw files are never edited: every function here takes a string and returns a new one.
 */

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
const CJK_PUNCT = "，。、；：？！“”‘’（）《》【】—…·";

/**
 * Removes a bracketed tag such as `[image: …]` whose body may itself contain brackets
 * (`[image: 大课间活动03[00_28_36][20240119-094917-4]]`).
 */
function removeBracketTag(s: string, opener: RegExp): string {
  let out = s;
  for (;;) {
    const m = opener.exec(out);
    if (!m) return out;
    let depth = 0;
    let end = out.length;
    for (let i = m.index; i < out.length; i++) {
      if (out[i] === "[") depth++;
      else if (out[i] === "]" && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    out = out.slice(0, m.index) + out.slice(end);
  }
}

/**
 * Strips conversion markup, keeping the text a reader sees:
 * `[bookmark: …]`, `[image: …]` (nested brackets too), `[footnoteRef:N]` and the footnote body
 * `[N:  …]` that follows it, `<sup>…</sup>` footnote marks, other HTML tags (their text kept),
 * and `**bold**` markers.
 *
 * @example stripMarkup("\t[bookmark: _GoBack]17.6:1") === "\t17.6:1"
 */
export function stripMarkup(s: string): string {
  let out = s;
  if (out.includes("[")) {
    out = out.replace(/\[bookmark:[^\]]*\]/g, "");
    out = out.replace(/\[footnoteRef:\d+\]\s*(\[\d+:[^\]]*\])?/g, "");
    if (out.includes("[image:")) out = removeBracketTag(out, /\[image:/);
  }
  if (out.includes("<")) {
    out = out.replace(/<sup>[\s\S]*?<\/sup>/g, "");
    out = out.replace(/<\/?(a|b|i|u|strong|em|span|font|br|p|div)(\s[^>]*)?\/?>/gi, "");
    out = out.replace(/<img\s[^>]*>/gi, "");
    // Autolinks: <http://www.sclsd.edu.cn>
    out = out.replace(/<(https?:\/\/[^>\s]+)>/g, "$1");
  }
  if (out.includes("**")) out = out.replace(/\*\*/g, "");
  return out;
}

/**
 * Normalises spacing inside a piece of Chinese text: NBSP and ideographic spaces become spaces,
 * runs collapse, and spaces between CJK characters, or between CJK and digits, go
 * (`2024 年` → `2024年`, `中国特色社 会主义` → `中国特色社会主义`, `叶 亮` → `叶亮`).
 * Spaces between Latin words are kept.
 */
export function normalizeSpaces(s: string): string {
  let out = s
    .replace(/[\u00a0\u3000\u2002\u2003\u2009\ufeff]/g, " ")
    .replace(/[ \t]+/g, " ")
    .trim();
  if (!out.includes(" ")) return out;
  const around = new RegExp(`([${CJK}${CJK_PUNCT}]) +(?=[${CJK}${CJK_PUNCT}0-9])|([0-9${CJK_PUNCT}]) +(?=[${CJK}])`, "g");
  // Two passes: a replaced space can expose a new adjacent pair ("社 会 主义").
  out = out.replace(around, "$1$2").replace(around, "$1$2");
  return out;
}

/** Markup stripped and spaces normalised: the text of a cell or a paragraph as a reader sees it. */
export function cleanText(s: string): string {
  return normalizeSpaces(stripMarkup(s));
}

/** Removes a markdown heading prefix (`### `); the levels are unreliable, so they carry no meaning here. */
export function stripHeadingMarks(s: string): string {
  return s.replace(/^\s*#{1,6}\s*/, "");
}

/**
 * True for a line that separates rows or paragraphs: empty, or only spaces.
 * A line that is just a tab is NOT blank: in cell-per-line tables it is an empty cell.
 */
export function isBlankLine(line: string): boolean {
  return !line.includes("\t") && line.trim() === "";
}

/** Splits a report's text into raw lines exactly as line numbers count them (1-based index = i + 1). */
export function splitLines(text: string): string[] {
  return text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
}
