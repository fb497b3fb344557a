import { describe, expect, it } from "vitest";
import { continuesPrevious, readAction } from "../../../src/answer/understand/followUp.js";

// The words of a follow-up that act on the last answer: input → what it asks (a table, one line a form).
describe("readAction", () => {
  const cases: [string, { more?: boolean; order?: "asc" | "desc" | null; narrow?: boolean; rest?: string }][] = [
    ["更多", { more: true, rest: "" }],
    ["下一页", { more: true, rest: "" }],
    ["还有别的案例吗", { more: true, rest: "" }],
    ["还有吗？", { more: true }],
    ["more", { more: true, rest: "" }],
    ["next page", { more: true, rest: "" }],
    ["从高到低", { order: "desc", rest: "" }],
    ["从低到高", { order: "asc", rest: "" }],
    ["按在校生排序", { order: "desc", rest: "" }],
    ["lowest first", { order: "asc", rest: "" }],
    ["sort by value", { order: "desc", rest: "" }],
    ["只看乐山", { narrow: true, rest: "乐山" }],
    ["只要2024年", { narrow: true, rest: "2024年" }],
    ["only 2024", { narrow: true, rest: "2024" }],
    // 还有 leading a place is "and": no paging.
    ["还有江门呢", { more: false, rest: "还有江门呢" }],
    ["江门 月收入", { more: false, order: null, narrow: false, rest: "江门 月收入" }],
  ];
  for (const [text, want] of cases)
    it(text, () => {
      const got = readAction(text);
      if (want.more !== undefined) expect(got.more).toBe(want.more);
      if (want.order !== undefined) expect(got.order).toBe(want.order);
      if (want.narrow !== undefined) expect(got.narrow).toBe(want.narrow);
      if (want.rest !== undefined) expect(got.rest.trim()).toBe(want.rest);
      expect(got.rest).toHaveLength(text.length);
    });

  it("reads the same on a second call (no regex state kept between calls)", () => {
    expect(readAction("更多").more).toBe(true);
    expect(readAction("更多").more).toBe(true);
  });
});

describe("continuesPrevious", () => {
  it("a bare place or year continues; a question across reports does not", () => {
    expect(continuesPrevious({ text: "江门", residual: " ", isReply: false })).toBe(true);
    expect(continuesPrevious({ text: "月收入排名", residual: "月收入排名", isReply: true })).toBe(false);
  });
});
