import { describe, expect, it } from "vitest";
import { makeSnippet } from "../../src/search/passages.js";

describe("makeSnippet", () => {
  const long = `${"前言".repeat(100)}学生在宿舍楼里学习${"后记".repeat(100)}`;
  it("cuts about `width` characters around the matched terms, with … where it cuts", () => {
    const snippet = makeSnippet(long, ["宿舍楼"], 40);
    expect(snippet).toContain("宿舍楼");
    expect(snippet.startsWith("…") && snippet.endsWith("…")).toBe(true);
    expect([...snippet.replace(/…/g, "")].length).toBe(40);
  });
  it("counts characters outside the BMP as one and never splits them", () => {
    const text = `${"𠀀".repeat(100)}宿舍楼${"𠀀".repeat(100)}`;
    const snippet = makeSnippet(text, ["宿舍楼"], 21);
    expect(snippet).toContain("宿舍楼");
    expect([...snippet.replace(/…/g, "")].length).toBe(21);
    expect(snippet).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
  it("returns short text whole, on one line", () => {
    expect(makeSnippet("第一段\n  第二段", ["第二段"])).toBe("第一段 第二段");
  });
});
