import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { highlight, searchJson, searchReply } from "../../src/cli/search.js";

const root = join(import.meta.dirname, "..", "..");

describe("zhibao search", () => {
  it("prints the JSONL contract of ask: passages ranked with report, title, text, line, score; facts empty", async () => {
    const engine = await createEngine({ corpusDir: join(root, "corpus"), indexDir: join(root, "index"), rebuild: "never" });
    const out = searchJson("遂宁 国旗护卫队", engine.search("遂宁 国旗护卫队", { limit: 5 })) as {
      question: string;
      facts: unknown[];
      passages: { report: string; title: string; text: string; line: number; score: number }[];
      reply: string;
    };
    expect(out.question).toBe("遂宁 国旗护卫队");
    expect(out.facts).toEqual([]);
    expect(out.passages.length).toBeGreaterThan(0);
    for (const p of out.passages) expect(Object.keys(p)).toEqual(expect.arrayContaining(["report", "title", "text", "line", "score"]));
    expect(out.passages[0]!.report).toBe("suining-2024.txt");
    const scores = out.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(out.reply).toContain("suining-2024.txt");
  });

  it("says so when nothing matches", () => {
    expect(searchReply("无此词", [])).toContain("没有找到");
  });

  it("marks matched terms in the snippet, longest first", () => {
    expect(highlight("参加技能大赛获奖，技能提升", ["技能", "技能大赛"])).toBe("参加【技能大赛】获奖，【技能】提升");
    expect(highlight("a+b 公式", ["a+b"])).toBe("【a+b】 公式");
  });
});
