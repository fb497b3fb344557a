/**
 * Estimated width of text in px: ideographs and full-width forms 1 em, other characters 0.55 em.
 * Vega has no canvas in Node to measure with, and the chart's layout (label room, footnote
 * wrapping) only needs to be close.
 *
 * @example textWidth("遂宁市职业技术学校", 12) // 108
 */
export function textWidth(s: string, fontSize: number): number {
  let em = 0;
  for (const ch of s) em += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1 : 0.55;
  return Math.ceil(em * fontSize);
}

/**
 * Breaks text into lines no wider than `width` px, between characters (Chinese has no spaces to
 * break at).
 *
 * @example wrapText("遂宁市职业技术学校", 12, 60) // ["遂宁市职业", "技术学校"]
 */
export function wrapText(s: string, fontSize: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const ch of s) {
    if (line && textWidth(line + ch, fontSize) > width) {
      lines.push(line);
      line = "";
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}
