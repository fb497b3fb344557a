import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepare } from "../../src/answer/state.js";
import { loadIndex } from "../../src/index/store.js";

// A search over a few reports weighs only their passages in one scratch array, wiped after it:
// the next search, over other reports or all, must see none of those weights.
const index = join(import.meta.dirname, "..", "..", "index");

describe("passage weights of one search do not leak into the next", () => {
  it("a search over other reports, then over all, finds what a fresh search finds", () => {
    const used = prepare(loadIndex(index)).search;
    const clean = () => prepare(loadIndex(index)).search;
    const [a, b] = ["bishan-2024.txt", "jiangmen-2024.txt"];
    const q = "学生 技能大赛";
    const first = used.search(q, { reports: [a], limit: 5 });
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(first.map((h) => h.report))).toEqual(new Set([a]));
    const other = used.search(q, { reports: [b], limit: 5 });
    expect(new Set(other.map((h) => h.report))).toEqual(new Set([b]));
    const cases = used.search(q, { reports: [b], casesOnly: true, limit: 5 });
    const all = used.search(q, { limit: 10 });
    expect(new Set(all.map((h) => h.report)).size).toBeGreaterThan(2);
    expect(other).toEqual(clean().search(q, { reports: [b], limit: 5 }));
    expect(cases).toEqual(clean().search(q, { reports: [b], casesOnly: true, limit: 5 }));
    expect(all).toEqual(clean().search(q, { limit: 10 }));
  });
});
