/**
 * Issue 24 against the real CLI: a name that stays ambiguous (two schools of one city, each with a stem of its
 * own, no report of the city itself) makes `zhibao ask` list the reports it could mean, and no figure; the
 * school's own name answers.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "../bot/botProcess.js";

const school = (name: string, students: number) => `${name}职业教育年度质量报告（2024）
一、学校概况
2024年，学校在校生${students}人。
`;

const dir = mkdtempSync(join(tmpdir(), "zhibao-ambiguous-"));
const env = { ...process.env, ZHIBAO_CORPUS_DIR: join(dir, "corpus"), ZHIBAO_INDEX_DIR: join(dir, "index") };
const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin/zhibao.js"), ...args], { cwd: dir, env, encoding: "utf8", timeout: 60_000 });

beforeAll(() => {
  ensureBuilt();
  mkdirSync(join(dir, "corpus"));
  writeFileSync(join(dir, "corpus", "a-2024.txt"), school("遂宁市交通职业技术学校", 5100));
  writeFileSync(join(dir, "corpus", "b-2024.txt"), school("遂宁市安居职业高级中学", 2200));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("zhibao ask lists the reports an ambiguous name could mean, and the full name answers", () => {
  const r = cli(["ask", "遂宁 在校生"]);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/「遂宁」可指 2 份报告，请写明是哪一份：\n1\. 遂宁市安居职业高级中学（2024年度报告）\n2\. 遂宁市交通职业技术学校（2024年度报告）/);
  expect(r.stdout).not.toMatch(/5,?100|2,?200/);
  expect(cli(["ask", "遂宁市安居职业高级中学 在校生"]).stdout).toMatch(/2,?200/);
}, 120_000);
