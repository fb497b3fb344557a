import { describe, expect, it } from "vitest";
import { b, escapeHtml, highlight, linesFromText, t, textLength, toHtml, toPlain, type Line } from "../../src/bot/markup.js";
import { breakLine, fitLines, splitLines } from "../../src/bot/split.js";
import { parseTelegramHtml } from "./telegramHtml.js";

describe("markup", () => {
  it("escapes text so Telegram HTML stays valid", () => {
    expect(escapeHtml(`<a href="x">&`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;");
    const lines: Line[] = [[b("<b>"), t(" & "), { text: "x<y", italic: true, bold: true }], [{ text: "代码 <x>", code: true, bold: true }]];
    const html = toHtml(lines);
    expect(parseTelegramHtml(html)).toBe("<b> & x<y\n代码 <x>");
    expect(textLength(lines)).toBe(parseTelegramHtml(html).length);
  });

  it("drops links that are not http(s) or tg", () => {
    expect(toHtml([[{ text: "x", href: "javascript:alert(1)" }]])).toBe("x");
    expect(toHtml([[{ text: "x", href: "https://t.me/a?b=1&c=2" }]])).toBe('<a href="https://t.me/a?b=1&amp;c=2">x</a>');
  });

  it("keeps a span on its line", () => {
    expect(toHtml([[t("a\nb")]])).toBe("a b");
    expect(linesFromText("a\n\nb")).toEqual([[t("a")], [], [t("b")]]);
  });

  it.each([
    ["遂潼电商职教联盟成立", ["电商", "联盟"], "遂潼<b>电商</b>职教<b>联盟</b>成立"],
    ["Suining suining", ["SUINING"], "<b>Suining</b> <b>suining</b>"],
    ["产教融合", ["产教", "教融"], "<b>产教融</b>合"],
    ["a<b>c", ["<b>"], "a<b>&lt;b&gt;</b>c"],
    ["无匹配", [""], "无匹配"],
  ])("highlight(%j, %j)", (text, terms, html) => {
    expect(toHtml([highlight(text, terms)])).toBe(html);
  });
});

describe("splitLines", () => {
  it("leaves a short text whole", () => {
    const lines = linesFromText("一\n二\n三");
    expect(splitLines(lines)).toEqual([lines]);
  });

  it("splits on line boundaries, every chunk within the limit", () => {
    const lines: Line[] = Array.from({ length: 500 }, (_, k) => [t(`第${k}行：`), b(`${k * 3}`), t(" 人 & <更多>")]);
    const chunks = splitLines(lines, 4096);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      const html = toHtml(c);
      expect(parseTelegramHtml(html).length).toBeLessThanOrEqual(4096);
    }
    expect(chunks.flat()).toEqual(lines);
  });

  it("prefers a paragraph break near the end of a chunk", () => {
    const para = (n: number): Line[] => [...Array.from({ length: 4 }, () => [t("x".repeat(20))]), []].map((l) => (l.length ? [t(`${n}${"x".repeat(19)}`)] : []));
    const lines = [...para(1), ...para(2), ...para(3)];
    const chunks = splitLines(lines, 120);
    expect(toPlain(chunks[0]!).split("\n")).toHaveLength(4);
  });

  it("breaks a single overlong line after punctuation, never inside a surrogate pair", () => {
    const sentence = "学校深化产教融合，推进校企合作。";
    const long = [t(sentence.repeat(400))];
    const parts = breakLine(long, 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts.slice(0, -1)) expect(toPlain([p]).endsWith("，") || toPlain([p]).endsWith("。")).toBe(true);
    expect(parts.map((p) => toPlain([p])).join("")).toBe(sentence.repeat(400));

    const emoji = [t("😀".repeat(3000))];
    for (const p of splitLines([emoji], 4096)) {
      const s = toPlain(p);
      expect(s.length).toBeLessThanOrEqual(4096);
      expect(/^[\uDC00-\uDFFF]/.test(s) || /[\uD800-\uDBFF]$/.test(s)).toBe(false);
    }
  });

  it("keeps styles across a broken line", () => {
    const parts = splitLines([[b("粗".repeat(5000))]], 4096);
    expect(parts).toHaveLength(2);
    for (const p of parts) expect(toHtml(p)).toMatch(/^<b>粗+<\/b>$/);
  });

  it("drops blank lines at the edges of a chunk", () => {
    const chunks = splitLines([[], [t("a")], [], []]);
    expect(chunks).toEqual([[[t("a")]]]);
    expect(splitLines([[], []])).toEqual([]);
  });
});

describe("fitLines", () => {
  it("returns lines that fit unchanged", () => {
    const lines = linesFromText("a\nb");
    expect(fitLines(lines, 10)).toBe(lines);
  });

  it("cuts at a line boundary and adds the tail", () => {
    const lines: Line[] = Array.from({ length: 100 }, (_, k) => [t(`行${k} `.repeat(10))]);
    const out = fitLines(lines, 1000, [t("……（私聊查看全文）")]);
    expect(textLength(out)).toBeLessThanOrEqual(1000);
    expect(toPlain(out).endsWith("……（私聊查看全文）")).toBe(true);
  });
});
