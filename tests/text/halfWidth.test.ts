import { describe, expect, it } from "vitest";
import { toHalfWidth } from "../../src/text/normalize.js";

describe("toHalfWidth", () => {
  it.each([
    ["２０２４年", "2024年"],
    ["Ｌｅｓｈａｎ ｌｅｓｈａｎ", "Leshan leshan"],
    ["９５．５％", "95.5%"],
    ["乐山　升学", "乐山 升学"],
    ["a\u00a0b", "a b"],
    ["１＋１", "1+1"],
  ])("folds %s to %s (each range the fast path must let through)", (typed, folded) => {
    expect(toHalfWidth(typed)).toBe(folded);
  });
  it("leaves CJK punctuation and plain text as printed", () => {
    expect(toHalfWidth("其中：升学（人）、就业。")).toBe("其中：升学（人）、就业。");
  });
});
