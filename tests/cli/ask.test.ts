/**
 * Issue 12 rows 9 and 11 against the real CLI: `ask --jsonl` gives exactly one answer per input
 * line, even when a line holds a bare "\r"; a one-shot question may start with "-".
 */
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { linesOf } from "../../src/cli/lines.js";
import { ensureBuilt, ROOT } from "../bot/botProcess.js";

const cli = (args: string[], input?: string) => spawnSync(process.execPath, ["bin/zhibao.js", ...args], { cwd: ROOT, input, encoding: "utf8", timeout: 60_000 });

beforeAll(() => ensureBuilt(), 120_000);

describe("linesOf", () => {
  async function* chunks(...parts: (string | Buffer)[]) {
    for (const p of parts) yield typeof p === "string" ? Buffer.from(p) : p;
  }
  const all = async (it: AsyncIterable<string>) => {
    const out: string[] = [];
    for await (const l of it) out.push(l);
    return out;
  };

  it("splits on \\n only, drops the \\r of \\r\\n, keeps a bare \\r inside a line, and yields a last line without \\n", async () => {
    expect(await all(linesOf(chunks("a\rb\nc\r\n", "d\n\ne")))).toEqual(["a\rb", "c", "d", "", "e"]);
  });

  it("a character split across chunks is decoded whole", async () => {
    const bytes = Buffer.from("遂宁\n");
    expect(await all(linesOf(chunks(bytes.subarray(0, 2), bytes.subarray(2))))).toEqual(["遂宁"]);
  });
});

describe("zhibao ask", () => {
  it("--jsonl: 8 lines in (some with a bare \\r) → 8 answers out, each in its place", () => {
    const questions = ["遂宁 2024 升学人数", "江门\r2024 升学人数", "乐山 2024 升学人数\r", "璧山\r\r2024", "", "吕梁 2023", "遂宁\r江门", "last"];
    const r = cli(["ask", "--jsonl"], `${questions.join("\n")}\n`);
    expect(r.status).toBe(0);
    const out = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { question: string; facts: { value: unknown }[] });
    expect(out).toHaveLength(8);
    expect(out[0]!.facts[0]?.value).toBe(803);
    expect(out[7]!.question).toBe("last");
    expect(out[6]!.question).toMatch(/遂宁\s*江门/);
  }, 60_000);

  it("row 17: a 1 MB line gets a short notice (not a 2 MB echo) and the next line is still answered; a place alone gets a hint, not 「」", () => {
    const r = cli(["ask", "--jsonl"], `${"遂宁 2024 ".repeat(100_000)}\n遂宁 2024 升学人数\n遂宁\n`);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]!.length).toBeLessThan(1000);
    expect(JSON.parse(lines[0]!).reply).toMatch(/too long/);
    expect(JSON.parse(lines[1]!).facts[0]?.value).toBe(803);
    const hint = JSON.parse(lines[2]!).reply as string;
    expect(hint).not.toMatch(/「」/);
    expect(hint).toMatch(/遂宁市职业技术学校 2024 升学人数/);
  }, 60_000);

  it.each(["-遂宁 2024 升学人数", "--遂宁 2024 升学人数"])(
    "a question starting with a dash (%s) is asked, not an unknown option",
    (q) => {
      const r = cli(["ask", q]);
      expect(r.stderr).not.toMatch(/unknown option/);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/803/);
    },
    60_000,
  );
});
