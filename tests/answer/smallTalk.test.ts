import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { smallTalkKind } from "../../src/answer/understand/smallTalk.js";
import type { Engine } from "../../src/types.js";

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
});

describe("what is small talk", () => {
  it.each([
    ["谢谢", "thanks"],
    ["谢谢你！", "thanks"],
    ["Thank you very much", "thanks"],
    ["再见", "bye"],
    ["bye", "bye"],
    ["好的", "ack"],
    ["哈哈哈", "ack"],
    ["ok", "ack"],
    ["今天天气怎么样", "out-of-scope"],
    ["讲个笑话", "out-of-scope"],
    ["what's the weather like", "out-of-scope"],
  ] as const)("%s → %s", (q, kind) => expect(smallTalkKind(q)).toBe(kind));

  it.each(["遂宁 2024 升学人数", "谢谢你们学校的升学人数是多少", "好的学校有哪些案例", "江门 月收入 2023 vs 2024"])("%s is a question", (q) => expect(smallTalkKind(q)).toBeNull());
});

describe("small talk gets a friendly reply and examples, never 'not found'", () => {
  it.each([
    ["谢谢", "thanks", /^不客气/],
    ["再见", "bye", /^再见/],
    ["今天天气怎么样", "out-of-scope", /^这个我答不了/],
    ["thanks", "thanks", /^You're welcome/],
    ["asdfghqwerty", "nonsense", /^I didn't understand/],
    ["啊啊啊嗯嗯", "nonsense", /^没看懂这句话/],
  ] as const)("%s", (q, kind, lead) => {
    const a = engine.ask(q);
    expect(a.smallTalk).toBe(kind);
    expect(a.intent).toBe("unknown");
    expect(a.facts).toEqual([]);
    expect(a.reply).toMatch(lead);
    expect(a.reply).not.toMatch(/没有找到|Not in the reports/);
  });

  it("offers three example questions made from the loaded reports, each of which the reports answer", () => {
    for (const q of ["谢谢", "asdfghqwerty"]) {
      const a = engine.ask(q);
      expect(a.alternatives).toHaveLength(3);
      const kinds = a.alternatives.map((alt) => engine.ask(alt.question));
      expect(kinds.map((k) => k.intent)).toEqual(["figure", "compare", "rank"]);
      for (const k of kinds) expect(k.facts.length).toBeGreaterThan(0);
      for (const alt of a.alternatives) expect(a.reply).toContain(alt.question);
    }
  });

  it("a question the reports only touch on is still searched, not waved away", () => {
    const a = engine.ask("双减政策");
    expect(a.smallTalk).toBeUndefined();
    expect(a.passages.length).toBeGreaterThan(0);
    expect(engine.ask("遂宁 2024 升学人数").smallTalk).toBeUndefined();
  });
});
