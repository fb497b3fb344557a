import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { messages } from "../../src/bot/i18n.js";
import { toPlain } from "../../src/bot/markup.js";
import { renderAnswer, renderTable } from "../../src/bot/render.js";
import type { Engine } from "../../src/types.js";

// The bot's views of real tables and rankings from the committed index, as a phone shows them.
const zh = messages("zh");
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
});

describe("a table on a phone", () => {
  it("names continuation rows after their parent, tells repeated labels apart, drops 序号 and shows blanks as —", () => {
    const text = toPlain(renderTable(engine.table("教学资源表", "遂宁")!, "遂宁市职业技术学校", zh)).split("\n");
    expect(text[2]).toBe("列：2023年 | 2024年");
    expect(text).toContain("  教学计划内课程总数（学时）：24624 | 41418 学时");
    expect(text).toContain("“双师型”教师比例：— | 50.60 %");
    expect(text).toContain("生师比*：17.29 | 15.71");
    // No row is an unlabelled "— | — | 学时" any more, and no two sibling rows read the same.
    expect(text.some((l) => /^\s*—：/.test(l))).toBe(false);
    const platform = text.filter((l) => l.includes("接入国家智慧教育平台数"));
    expect(platform.length).toBeGreaterThanOrEqual(6);
    expect(platform.every((l) => /接入国家智慧教育平台数\*（[^）]+）：/.test(l))).toBe(true);
    expect(text.some((l) => /^\d+ \| /.test(l))).toBe(false);
  });

  it("a table without a unit column keeps the units its cells print", () => {
    const text = toPlain(renderTable(engine.table("表13", "乐山")!, "乐山市", zh)).split("\n");
    expect(text).toContain("  其中：专业教师数（人）：959 | 50.8%");
  });
});

describe("a ranking in the bot carries what the engine's reply carries", () => {
  it("numbering, the first named, the school-among-regions caveat and the reports without the figure", () => {
    const a = engine.ask("哪个地区2024年升入本科人数最多");
    const text = toPlain(renderAnswer(a, zh));
    expect(text).toMatch(/^升入本科人数\n1\. 乐山市 2024年：287 人\n/);
    expect(text).toContain("\n4. 遂宁市职业技术学校 2024年：4 人\n");
    expect(text).toContain("🏆 最多的是 乐山市：287 人");
    expect(text).toContain("遂宁市职业技术学校是一所学校的报告");
    expect(text).toContain("没有这项数字的报告：吕梁市。");
  });

  it("a ranking by the lowest names the lowest", () => {
    const text = toPlain(renderAnswer(engine.ask("哪个地区2024年升入本科人数最少"), zh));
    expect(text).toContain("🏆 最少的是 遂宁市职业技术学校：4 人");
  });

  it("a comparison says which report lacks the figure", () => {
    const text = toPlain(renderAnswer(engine.ask("乐山和吕梁 2024 月收入 对比"), zh));
    expect(text).toContain("3457.75 元");
    expect(text).toContain("吕梁市：报告中没有「月收入」的数字。");
  });
});
