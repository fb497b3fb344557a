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

describe("zhibao --version, --chart types, file errors after the answer (issue 23)", () => {
  it("--version prints the package's version", () => {
    const r = cli(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("--chart x.jpg is refused before anything is drawn or answered", () => {
    const r = cli(["ask", "江门 月收入 2023 vs 2024", "--chart", "/tmp/zhibao-never.jpg"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/\.png or \.svg/);
  });

  it("an unwritable chart path prints the answer first, then a clear error", () => {
    const r = cli(["ask", "江门 月收入 2023 vs 2024", "--chart", "/nonexistent-zhibao/dir/x.png"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("江门市 2024年 月收入：3360 元");
    expect(r.stderr).toContain("cannot write /nonexistent-zhibao/dir/x.png: its folder does not exist");
    expect(r.stderr).not.toMatch(/ENOENT|at .*\.js/);
  });

  it("--csv writes a comparison's figures with a source row", async () => {
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const file = `${mkdtempSync(`${tmpdir()}/zhibao-ask-`)}/cmp.csv`;
    const r = cli(["ask", "乐山和江门2024年月收入比一下", "--csv", file]);
    expect(r.status).toBe(0);
    const csv = readFileSync(file, "utf8");
    expect(csv).toContain("乐山市,2024,月收入,3457.75,元,");
    expect(csv).toContain("出处：乐山市、江门市");
  });
});
