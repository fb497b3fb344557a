import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Engine } from "../../src/types.js";
import type { FakeEngine } from "./fakeEngine.js";
import { buttons, createHarness, visible, type Call } from "./harness.js";

// The bot over the real engine (committed index): an English question gets an English answer — the report's
// English name, the indicator's English name with its printed label beside it — and a Chinese one stays Chinese
// (issue 23). The cited table and row stay as printed.
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
});
const harness = () => createHarness({ engine: Object.assign(Object.create(engine), { calls: { ask: [], search: [], table: [] } }) as FakeEngine });
// A photo caption is HTML: its text is what a reader sees.
const said = (calls: Call[]) => calls.map((c) => (c.method === "sendMessage" ? visible(c) : String(c.payload.caption ?? "").replace(/<[^>]+>/g, ""))).join("\n");
const CJK = /[\u4e00-\u9fff]/;

describe("English questions, English answers", () => {
  it("a figure: the school's English name, the indicator in English with 全日制在校生人数 beside it", async () => {
    const h = harness(); // a user whose Telegram is in Chinese
    await h.say("Suining 2024 students enrolled");
    const text = said(h.since(0, "sendMessage"));
    expect(text).toMatch(/Suining Vocational and Technical School · 2024 · Full-time students \(全日制在校生人数\)/);
    expect(text).toMatch(/Source: suining-2024\.txt line 2071/);
    expect(text).not.toMatch(/遂宁市职业技术学校/);
  });

  it("a change: Jiangmen, Monthly income (月收入), the change in English; the cited row as printed", async () => {
    const h = harness();
    await h.say("Jiangmen monthly income 2023 vs 2024");
    const text = said(h.since(0));
    expect(text).toMatch(/Jiangmen 2023 Monthly income \(月收入\): 3319 元/);
    expect(text).toMatch(/Jiangmen Monthly income \(月收入\): 2023 3319 → 2024 3360/);
    expect(text).toMatch(/表1 人才培养质量计分卡 › 月收入/);
    expect(text).not.toMatch(/江门市/);
  });

  it("a ranking is headed by the indicator's English name", async () => {
    const h = harness();
    await h.say("which report has the highest monthly income in 2024");
    expect(said(h.since(0))).toMatch(/^Monthly income \(月收入\)$/m);
  });

  it("the same questions in Chinese stay Chinese", async () => {
    const h = harness();
    await h.say("江门 月收入 2023 vs 2024");
    const text = said(h.since(0));
    expect(text).toMatch(/江门市 2023年 月收入：3319 元/);
    expect(text).not.toMatch(/Monthly income|Jiangmen/);
  });

  it("/start after /lang en: every example button is English, and each answers", async () => {
    const h = harness();
    await h.say("/lang en");
    const mark = h.calls.length;
    await h.say("/start");
    const [start] = h.sentMessages(mark);
    const examples = buttons(start!).filter((b) => b.data?.startsWith("ex:"));
    expect(examples.length).toBeGreaterThan(0);
    for (const b of examples) expect(b.text).not.toMatch(CJK);
    for (const q of engine.examples("en")) expect(engine.ask(q).facts.length).toBeGreaterThan(0);
  });
});
