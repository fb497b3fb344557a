import { describe, expect, it } from "vitest";
import { pinyinToChinese, pinyinVocabulary, pinyinWordList, vocabularyOf } from "../../../src/answer/understand/pinyinWords.js";

const vocab = pinyinVocabulary(["毕业生人数", "通过职教高考升学人数", "升学率", "月收入"]);
const english = (w: string) => ["how", "many", "graduates", "in"].includes(w.toLowerCase());

describe("pinyinVocabulary", () => {
  it("reads pinyin back into the catalogue's own words, spaced or not", () => {
    expect(vocab.read("biyesheng renshu")).toBe("毕业生人数");
    expect(vocab.read("biyeshengrenshu")).toBe("毕业生人数");
    expect(vocab.read("zhijiao gaokao shengxue renshu")).toBe("职教高考升学人数");
    expect(vocab.read("shengxuelv")).toBe("升学率");
  });

  it("knows only what the catalogue prints: no other word with the same sound", () => {
    // 认输 (renshu) is a word, but no label has it: only 人数 can be meant.
    expect(pinyinVocabulary(["人数"]).read("renshu")).toBe("人数");
    expect(pinyinVocabulary(["月收入"]).read("renshu")).toBeNull();
  });

  it("where two words sound alike, the one in more labels wins, however the labels share their runs", () => {
    // 学时 and 学识 are both xueshi: three labels hold the run 学时, two hold 学识 (each in its own run).
    expect(pinyinVocabulary(["学时（一）", "学时（二）", "学时（三）", "学识", "学识水平"]).read("xueshi")).toBe("学时");
    expect(pinyinVocabulary(["学时", "学识", "学识水平"]).read("xueshi")).toBe("学识");
  });

  it("is the same over its stored words as over its labels", () => {
    const labels = ["毕业生人数", "通过职教高考升学人数", "升学率", "月收入"];
    const stored = vocabularyOf(JSON.parse(JSON.stringify(pinyinWordList(labels))) as [string, string][]);
    for (const run of ["biyesheng renshu", "zhijiao gaokao shengxue renshu", "yueshouru", "hello"]) expect(stored.read(run), run).toBe(vocab.read(run));
  });

  it("reads a run only when all of it is catalogue words", () => {
    expect(vocab.read("biyesheng xyz")).toBeNull();
    expect(vocab.read("hello")).toBeNull();
  });
});

describe("pinyinToChinese", () => {
  it("rewrites pinyin runs and leaves English words as typed", () => {
    expect(pinyinToChinese("how many biyesheng renshu", vocab, english)).toBe("how many 毕业生人数");
    expect(pinyinToChinese("graduates in yueshouru", vocab, english)).toBe("graduates in 月收入");
    expect(pinyinToChinese("how many graduates", vocab, english)).toBe("how many graduates");
  });
});
