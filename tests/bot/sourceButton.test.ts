import { describe, expect, it } from "vitest";
import { answerKeyboard } from "../../src/bot/answering.js";
import { messages } from "../../src/bot/i18n.js";
import { createFakeEngine } from "./fakeEngine.js";

describe("the 原文 button", () => {
  const engine = createFakeEngine();
  const answer = engine.ask("遂宁 2024 升学人数");

  it("links each cited report's published original, when the manifest gives it", () => {
    const kb = answerKeyboard({ ...answer, sources: [{ report: "suining-2024.txt", entity: "遂宁市职业技术学校", url: "https://example.edu.cn/report.pdf" }] }, "k", messages("zh"));
    const buttons = kb!.inline_keyboard.flat();
    expect(buttons).toContainEqual({ text: "📄 原文 · 遂宁市职业技术学校", url: "https://example.edu.cn/report.pdf" });
  });

  it("is absent when no source is known", () => {
    const kb = answerKeyboard({ ...answer, sources: undefined }, "k", messages("zh"));
    expect((kb?.inline_keyboard.flat() ?? []).some((b) => "url" in b)).toBe(false);
  });
});
