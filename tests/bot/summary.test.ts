import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Engine } from "../../src/types.js";
import type { FakeEngine } from "./fakeEngine.js";
import { createHarness, visible, type Call } from "./harness.js";

// /summary in the bot (issue 23): a report's snapshot in one message, each figure cited, and a follow-up
// (导出Excel) acting on it.
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
});
const harness = () => createHarness({ engine: Object.assign(Object.create(engine), { calls: { ask: [], search: [], table: [] } }) as FakeEngine });
const texts = (calls: Call[]) => calls.filter((c) => c.method === "sendMessage").map(visible);

describe("/summary", () => {
  it("/summary 遂宁 2024: the key figures, each with its line, the changes, 未报告", async () => {
    const h = harness();
    await h.say("/summary 遂宁 2024");
    const text = texts(h.calls).join("\n");
    expect(text).toMatch(/升学人数：803 人/);
    expect(text).toMatch(/suining-2024\.txt 第1350行/);
    expect(text).toMatch(/升学人数：803 人（较2023年 \+38，\+4.97%；2023年为 765 人，第1349行）/);
    expect(text).toMatch(/未报告：/);
    expect(text).not.toMatch(/我能回答这些报告里的问题/);
    // Its figures stand in several tables: no "whole row" or "whole table" of one of them.
    const data = h.calls.flatMap((c) => ((c.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] })?.inline_keyboard ?? []).flat());
    expect(data.some((b) => /^(?:row|tbl):/.test(b.callback_data ?? ""))).toBe(false);
  });

  it("/summary Suining 2024 answers in English", async () => {
    const h = harness();
    await h.say("/summary Suining 2024");
    const text = texts(h.calls).join("\n");
    expect(text).toMatch(/Graduates going on to further study \(升学人数\): 803 人/);
    expect(text).toMatch(/Not reported: /);
  });

  it("导出Excel after it sends the snapshot as a workbook", async () => {
    const h = harness();
    await h.say("/summary 遂宁 2024");
    const mark = h.calls.length;
    await h.say("导出Excel");
    const docs = h.since(mark, "sendDocument");
    expect(docs).toHaveLength(1);
    expect((docs[0]!.payload.document as { filename?: string }).filename).toMatch(/\.xlsx$/);
  });

  it("/summary alone says how to use it", async () => {
    const h = harness();
    await h.say("/summary");
    expect(texts(h.calls)[0]).toMatch(/用法：\/summary/);
  });
});
