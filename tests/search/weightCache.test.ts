import { describe, expect, it } from "vitest";
import { WEIGHT_CACHE_BYTES, weightKindsKept } from "../../src/search/passages.js";

describe("kept passage weights stay within their byte budget", () => {
  it("keeps many kinds of search for a small index and few for a large one", () => {
    expect(weightKindsKept(1_630)).toBe(64); // five reports: the count bounds it
    const large = weightKindsKept(326_000); // 1,000 reports: 2.6 MB a kind
    expect(large).toBe(Math.floor(WEIGHT_CACHE_BYTES / (8 * 326_000)));
    expect(large * 8 * 326_000).toBeLessThanOrEqual(WEIGHT_CACHE_BYTES);
    expect(weightKindsKept(50_000_000)).toBe(2); // never fewer than two: a search and its follow-up
  });
});
