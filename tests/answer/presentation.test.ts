import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Engine } from "../../src/types.js";

// The committed index (CI checks it is what the build produces): no rebuild, so this file is quick.
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
});

describe("a question that asks for a chart or a file", () => {
  it("gets the same figures as without those words, and says it wants a chart", () => {
    const plain = engine.ask("江门 月收入 2023 vs 2024");
    const drawn = engine.ask("江门 月收入 2023 vs 2024 画个图表");
    expect(drawn.facts).toEqual(plain.facts);
    expect(drawn.facts.map((f) => f.value)).toEqual([3319, 3360]);
    expect(drawn.wants).toBe("chart");
    expect(drawn.question).toBe("江门 月收入 2023 vs 2024 画个图表");
    expect(plain.wants).toBeUndefined();
  });

  it("画一个图表 alone is answered with help, in Chinese", () => {
    const a = engine.ask("画一个图表");
    expect(a.intent).toBe("help");
    expect(a.wants).toBe("chart");
    expect(a.reply).toMatch(/^我能回答/);
  });

  it("导出成Excel after a table names the table it shows", () => {
    const a = engine.ask("遂宁 计分卡 导出成Excel");
    expect(a.intent).toBe("table");
    expect(a.wants).toBe("export");
    expect(a.tableId).toBe("suining-2024.txt#1327");
  });
});
