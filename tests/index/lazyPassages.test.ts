import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planAnswer } from "../../src/answer/plan.js";
import { prepare } from "../../src/answer/state.js";
import { loadIndex } from "../../src/index/store.js";

const indexDir = join(import.meta.dirname, "..", "..", "index");

/** Whether a loaded report's passages are still unread (a getter that reads reports/<key>.passages.json). */
const unread = (content: object) => typeof Object.getOwnPropertyDescriptor(content, "passages")?.get === "function";

describe("a saved index's passages are read when first needed", () => {
  it("a figure question reads no report's passages; a search reads them, once", () => {
    const data = loadIndex(indexDir);
    const contents = data.reports.map((r) => data.content(r.report)!);
    expect(contents.every(unread)).toBe(true);
    const state = prepare(data);
    expect(planAnswer(state, "遂宁 2024 升学人数").facts[0]?.value).toBe(803);
    // A one-shot figure question used to parse every report's passages (a fifth of the index) for nothing.
    expect(contents.filter((c) => !unread(c))).toEqual([]);
    expect(data.passageCount).toBe(data.meta.counts.passages);

    const hits = planAnswer(state, "璧山 宿舍楼 案例").passages;
    expect(hits.length).toBeGreaterThan(0);
    const read = data.content("bishan-2024.txt")!;
    expect(unread(read)).toBe(false);
    expect(read.passages).toBe(read.passages);
    expect(data.passages.length).toBe(data.meta.counts.passages);
  });
});
