import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

// Counts the catalogues made, by report: with the saved labels, a question makes only its report's.
vi.mock("../../src/answer/indicators.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/answer/indicators.js")>();
  return { ...real, buildCatalog: vi.fn(real.buildCatalog) };
});

const { buildCatalog } = await import("../../src/answer/indicators.js");
const { planAnswer } = await import("../../src/answer/plan.js");
const { prepare } = await import("../../src/answer/state.js");
const { loadIndex } = await import("../../src/index/store.js");

const indexDir = join(import.meta.dirname, "..", "..", "index");
const reportsMade = () => vi.mocked(buildCatalog).mock.calls.map(([facts]) => [...new Set(facts.map((f) => f.report))].join(","));

describe("a saved index's catalogue, a report at a time", () => {
  it("a question naming one report makes that report's catalogue only", () => {
    const data = loadIndex(indexDir);
    expect(data.savedLeaves?.()?.length).toBeGreaterThan(0);
    vi.mocked(buildCatalog).mockClear();
    const state = prepare(data);
    expect(reportsMade()).toEqual([]);
    expect(planAnswer(state, "遂宁 2024 升学人数").facts[0]?.value).toBe(803);
    // It made all five at every start before.
    expect(reportsMade()).toEqual(["suining-2024.txt"]);
  });

  it("gives the entries, order and label weights of the whole catalogue made at once (an index saved without the labels)", () => {
    const lazy = prepare(loadIndex(indexDir));
    const whole = loadIndex(indexDir);
    whole.savedLeaves = undefined;
    const eager = prepare(whole);
    const view = (entries: typeof lazy.catalog) =>
      entries.map((e) => ({ key: e.key, leaf: e.leaf, facts: e.facts.length, weights: [...e.leafGrams].map((g) => e.idf.get(g)), cover: e.cover.text, slots: e.slots }));
    expect(view(lazy.catalog)).toEqual(view(eager.catalog));
    expect(lazy.catalog.length).toBeGreaterThan(1000);
    const q = "哪个地区2024年升入本科人数最多";
    expect(planAnswer(lazy, q).reply).toBe(planAnswer(eager, q).reply);
  });
});
