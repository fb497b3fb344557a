import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Engine } from "../../src/types.js";
import type { FakeEngine } from "./fakeEngine.js";
import { createHarness, visible, type Call } from "./harness.js";

// The bot over the real engine (committed index): follow-ups that act on the last answer, typed in a private
// chat or as a reply in a group (issue 23). A reply says only what it is about, never the greeting block.
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
});

const GREETING = /我能回答这些报告里的问题|I answer questions about these reports/;
const harness = () => createHarness({ engine: Object.assign(Object.create(engine), { calls: { ask: [], search: [], table: [] } }) as FakeEngine });
const texts = (calls: Call[]) => calls.filter((c) => c.method === "sendMessage" || c.method === "editMessageText").map(visible);
const caption = (c: Call) => String(c.payload.caption ?? "");

describe("typed in a private chat", () => {
  for (const [first, ask] of [
    ["江门 月收入 2023 vs 2024", "画个图"],
    ["哪个地区2024年在校生最多", "画图"],
    ["Jiangmen monthly income 2023 vs 2024", "chart"],
  ] as const)
    it(`${ask} after ${first}: the chart of that answer`, async () => {
      const h = harness();
      await h.say(first);
      const mark = h.calls.length;
      await h.say(ask);
      const photos = h.since(mark, "sendPhoto");
      expect(photos).toHaveLength(1);
      const said = [...texts(h.since(mark)), ...photos.map(caption)].join("\n");
      expect(said).not.toMatch(GREETING);
      expect(said).not.toMatch(/没有数字|no figures/);
    });

  for (const [first, ask, ext] of [
    ["江门 月收入 2023 vs 2024", "导出Excel", "xlsx"],
    ["哪个地区2024年在校生最多", "导出CSV", "csv"],
    ["Which report has the highest 在校生 in 2024?", "export", "xlsx"],
  ] as const)
    it(`${ask} after ${first}: a ${ext} of its figures`, async () => {
      const h = harness();
      await h.say(first);
      const mark = h.calls.length;
      await h.say(ask);
      const docs = h.since(mark, "sendDocument");
      expect(docs).toHaveLength(1);
      expect((docs[0]!.payload.document as { filename?: string }).filename).toMatch(new RegExp(`\\.${ext}$`));
      const said = texts(h.since(mark)).join("\n");
      expect(said).not.toMatch(GREETING);
      expect(said).not.toMatch(/只有表格可以导出|Only tables/);
    });

  it("还有别的案例吗 and 更多 after cases: the next cases, not passages containing 还有", async () => {
    const h = harness();
    await h.say("江门 产教融合 案例");
    const mark = h.calls.length;
    await h.say("还有别的案例吗");
    const said = texts(h.since(mark)).join("\n");
    expect(said).toMatch(/案例/);
    expect(said).not.toMatch(/还有别的案例吗/);
    expect(said).not.toMatch(GREETING);
    await h.say("more");
    expect(texts(h.since(mark)).join("\n")).not.toMatch(/"more"/);
  });

  it("乐山呢 after 江门's cases: 乐山's cases on the same subject", async () => {
    const h = harness();
    await h.say("江门 产教融合 案例");
    const mark = h.calls.length;
    await h.say("乐山呢");
    const said = texts(h.since(mark)).join("\n");
    expect(said).not.toMatch(/「呢」/);
    expect(said).toMatch(/乐山市/);
    expect(said).toMatch(/产教融合/);
  });

  it("那2023年呢 after a ranking: a ranking again, with its caveat", async () => {
    const h = harness();
    await h.say("哪个地区2024年在校生最多");
    const mark = h.calls.length;
    await h.say("那2023年呢");
    const said = [...texts(h.since(mark)), ...h.since(mark, "sendPhoto").map(caption)].join("\n");
    expect(said).toMatch(/1\. 江门市/);
    expect(said).toMatch(/不宜直接比较/);
  });

  it("从低到高 and 只要2024年 act on the last answer", async () => {
    const h = harness();
    await h.say("哪个地区2024年在校生最多");
    let mark = h.calls.length;
    await h.say("从低到高");
    let said = [...texts(h.since(mark)), ...h.since(mark, "sendPhoto").map(caption)].join("\n");
    expect(said).toMatch(/1\. 遂宁市职业技术学校/);
    await h.say("江门 月收入 2023 vs 2024");
    mark = h.calls.length;
    await h.say("只要2024年");
    said = [...texts(h.since(mark)), ...h.since(mark, "sendPhoto").map(caption)].join("\n");
    expect(said).toMatch(/3360/);
    expect(said).not.toMatch(/3319/);
  });
});

describe("as a reply in a group", () => {
  it("画个图 replying to a comparison draws that comparison, not the greeting", async () => {
    const h = harness();
    await h.say("/ask 江门 月收入 2023 vs 2024", { chat: "group" });
    const answer = h.sentMessages().at(-1)!;
    const mark = h.calls.length;
    await h.say("画个图", { chat: "group", replyTo: answer });
    expect(h.since(mark, "sendPhoto")).toHaveLength(1);
    expect([...texts(h.since(mark)), ...h.since(mark, "sendPhoto").map(caption)].join("\n")).not.toMatch(GREETING);
  });

  it("export replying to a ranking sends its spreadsheet", async () => {
    const h = harness();
    await h.say("/ask 哪个地区2024年在校生最多", { chat: "group" });
    const answer = h.sentMessages().at(-1)!;
    const mark = h.calls.length;
    await h.say("export", { chat: "group", replyTo: answer });
    expect(h.since(mark, "sendDocument")).toHaveLength(1);
  });
});

describe("not found", () => {
  it("shows the best passage inline, under what was not found, as the CLI does", async () => {
    const h = harness();
    const a = engine.ask("江门 接收国外留学生人数");
    expect(a.facts).toHaveLength(0);
    expect(a.passages.length).toBeGreaterThan(0);
    await h.say("江门 接收国外留学生人数");
    const said = texts(h.since(0)).join("\n");
    expect(said).toMatch(/^报告中没有找到/);
    expect(said).toContain("最相关的段落：");
    expect(said).toContain(`${a.passages[0]!.report} 第${a.passages[0]!.line}行`);
  });
});
