import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { createChat, type ChatSession } from "../../src/cli/chat.js";
import type { Engine } from "../../src/types.js";

// The chat's follow-ups that act on the last answer (issue 23), over the committed index, turn by turn.
let engine: Engine;
let dir: string;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
  dir = mkdtempSync(join(tmpdir(), "zhibao-chat-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GREETING = /我能回答这些报告里的问题|I answer questions about these reports/;
const chat = (): ChatSession => createChat(engine, { dir });
const fileIn = (reply: string) => /(?:图表|Chart|Excel 文件|Excel file|CSV 文件|CSV file)：?:? ?(\S+)$/m.exec(reply)?.[1];

describe("a chart or a file of the last answer", () => {
  for (const [first, ask] of [
    ["江门 月收入 2023 vs 2024", "画个图"],
    ["江门 月收入 2023 vs 2024", "画图"],
    ["Jiangmen monthly income 2023 vs 2024", "chart"],
    ["哪个地区2024年在校生最多", "画个图"],
    ["Which report has the highest 在校生 in 2024?", "chart"],
  ] as const)
    it(`${ask} after ${first} draws it, without the greeting`, async () => {
      const c = chat();
      await c.turn(first);
      const reply = (await c.turn(ask))!;
      expect(reply).not.toMatch(GREETING);
      expect(reply).not.toMatch(/没有数字|no figures/);
      const file = fileIn(reply);
      expect(file && existsSync(file)).toBe(true);
      expect(readFileSync(file!).subarray(1, 4).toString()).toBe("PNG");
    });

  for (const [first, ask, kind] of [
    ["江门 月收入 2023 vs 2024", "导出Excel", "xlsx"],
    ["江门 月收入 2023 vs 2024", "导出CSV", "csv"],
    ["哪个地区2024年在校生最多", "导出成Excel", "xlsx"],
    ["Which report has the highest 在校生 in 2024?", "export", "xlsx"],
    ["显示遂宁的计分卡", "导出Excel", "xlsx"],
  ] as const)
    it(`${ask} after ${first} writes a ${kind} with its sources`, async () => {
      const c = chat();
      await c.turn(first);
      const reply = (await c.turn(ask))!;
      expect(reply).not.toMatch(GREETING);
      expect(reply).not.toMatch(/只有表格可以导出|Only tables/);
      const file = fileIn(reply)!;
      expect(file.endsWith(`.${kind}`)).toBe(true);
      if (kind === "csv") {
        const csv = readFileSync(file, "utf8");
        expect(csv).toContain("江门市,2023,");
        expect(csv).toMatch(/出处：江门市/);
      } else expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
    });
});

describe("paging, narrowing and ordering the last answer", () => {
  it("更多 and 还有别的案例吗 show the next cases of the same search, not passages containing 更 or 还有", async () => {
    const c = chat();
    const first = (await c.turn("江门 产教融合 案例"))!;
    const more = (await c.turn("还有别的案例吗"))!;
    expect(more).not.toMatch(/还有别的案例吗|「更」/);
    expect(more).toMatch(/^江门市：找到 \d+ 条相关案例/);
    // The next page: none of the first page's cases again.
    const titles = (s: string) => [...s.matchAll(/^\d+\. (案例[\d-]+)/gm)].map((m) => m[1]);
    expect(titles(more).length).toBeGreaterThan(0);
    expect(titles(more).filter((t) => titles(first).includes(t))).toEqual([]);
    const last = (await c.turn("更多"))!;
    expect(last).not.toMatch(/「更」|「更多」/);
  });

  it("more / next page in English pages too", async () => {
    const c = chat();
    const first = (await c.turn("Jiangmen 产教融合 case"))!;
    const more = (await c.turn("more"))!;
    expect(more).not.toBe(first);
    expect(more).not.toMatch(/Nothing in the reports matches "more"/);
  });

  it("只要2024年 narrows a comparison to one year; only 2024 too", async () => {
    for (const [first, ask] of [
      ["江门 月收入 2023 vs 2024", "只要2024年"],
      ["Jiangmen monthly income 2023 vs 2024", "only 2024"],
    ]) {
      const c = chat();
      await c.turn(first);
      const reply = (await c.turn(ask))!;
      expect(reply).toMatch(/(?:江门市 2024年 月收入|Jiangmen 2024 Monthly income \(月收入\))[:：] ?3360 元/);
      expect(reply).not.toMatch(/3319/);
    }
  });

  it("只看乐山和江门 narrows a ranking to those two, still ranked", async () => {
    const c = chat();
    await c.turn("哪个地区2024年在校生最多");
    const reply = (await c.turn("只看乐山和江门"))!;
    expect(reply.split("\n").filter((l) => /^\d+\. /.test(l))).toHaveLength(2);
    expect(reply).toMatch(/^1\. 乐山市：34800 人/);
  });

  it("从低到高 / lowest first reverses a ranking; 从高到低 puts it back", async () => {
    const c = chat();
    await c.turn("哪个地区2024年在校生最多");
    expect(await c.turn("从低到高")).toMatch(/^1\. 遂宁市职业技术学校：3848 人/);
    expect(await c.turn("从高到低")).toMatch(/^1\. 乐山市：34800 人/);
    const e = chat();
    await e.turn("Which report has the highest 在校生 in 2024?");
    expect(await e.turn("lowest first")).toMatch(/^1\. 遂宁市职业技术学校/);
  });

  it("按在校生排序 orders a comparison of several reports, highest first", async () => {
    const c = chat();
    await c.turn("璧山和乐山2024年在校生");
    const reply = (await c.turn("按数值从高到低排序"))!;
    expect(reply.indexOf("乐山市")).toBeLessThan(reply.indexOf("璧山区"));
  });
});

describe("the same search for another place or year", () => {
  it("乐山呢 after 江门's cases searches 乐山 for the same thing, not for 呢", async () => {
    const c = chat();
    await c.turn("江门 产教融合 案例");
    const reply = (await c.turn("乐山呢"))!;
    expect(reply).not.toMatch(/「呢」/);
    expect(reply).toMatch(/^乐山市：找到 \d+ 条相关案例/);
    expect(reply).toMatch(/产教融合/);
  });

  it("what about Leshan? after Bishan's dormitory cases searches Leshan", async () => {
    const c = chat();
    await c.turn("Bishan dormitory case");
    const reply = (await c.turn("what about Leshan?"))!;
    expect(reply).toMatch(/^Leshan: \d+ matching case/);
  });

  it("那2023年呢 after a ranking ranks again for 2023, with the caveat; and in 2023? too", async () => {
    for (const [first, ask] of [
      ["哪个地区2024年在校生最多", "那2023年呢"],
      ["Which report has the highest 在校生 in 2024?", "and in 2023?"],
    ]) {
      const c = chat();
      await c.turn(first);
      const reply = (await c.turn(ask))!;
      expect(reply).toMatch(/^1\. 江门市：32415 人（2023年/);
      expect(reply).toMatch(/^2\. 乐山市：31892 人/m);
      expect(reply).toMatch(/不宜直接比较/);
    }
  });
});

describe("no context leaks", () => {
  it("a follow-up naming a new place and a new indicator does not keep 2022", async () => {
    const c = chat();
    await c.turn("吕梁2022年在校生");
    const reply = (await c.turn("江门的月收入呢"))!;
    expect(reply).toMatch(/^江门市 2024年 月收入：3360 元/);
  });

  it("a bare 江门的 asks for 江门's latest year, not 2022, and says the year was not given", async () => {
    const c = chat();
    await c.turn("吕梁2022年在校生");
    const reply = (await c.turn("江门的"))!;
    expect(reply).toMatch(/^江门市 2024年 全日制在校生人数：33577 人/);
    expect(reply).toMatch(/问题没有指定年份/);
  });

  it("a place whose report has the previous year keeps it (乐山呢 after 江门 2023)", async () => {
    const c = chat();
    await c.turn("江门 2023年 月收入");
    expect(await c.turn("乐山呢")).toMatch(/^乐山市 2023年/);
  });
});

describe("after a single figure and after a table", () => {
  it("画个图 after one figure says why there is no chart, not the greeting", async () => {
    const c = chat();
    await c.turn("遂宁 2024 升学人数");
    const reply = (await c.turn("画个图"))!;
    expect(reply).toMatch(/^遂宁市职业技术学校 2024年 升学人数：803 人/);
    expect(reply).not.toMatch(GREETING);
  });

  it("导出Excel after one figure writes the table it stands in", async () => {
    const c = chat();
    await c.turn("遂宁 2024 升学人数");
    const reply = (await c.turn("导出Excel"))!;
    expect(reply).not.toMatch(GREETING);
    expect(fileIn(reply)).toMatch(/\.xlsx$/);
  });

  it("更多 after one figure lists the passages about it, not passages containing 更", async () => {
    const c = chat();
    await c.turn("遂宁 2024 升学人数");
    const reply = (await c.turn("更多"))!;
    expect(reply).toMatch(/^遂宁市职业技术学校：找到 \d+ 条相关内容/);
    expect(reply).toMatch(/升学/);
  });

  it("a follow-up that only qualifies (民办的呢) still asks for the previous indicator", async () => {
    const c = chat();
    await c.turn("乐山 2024 在校生");
    await c.turn("江门呢");
    expect(await c.turn("民办的呢")).toMatch(/民办全日制在校生人数|民办/);
  });
});
