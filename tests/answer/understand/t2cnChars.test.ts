import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toSimplified } from "../../../src/answer/understand/index.js";
import { T2CN_CHARS } from "../../../src/text/t2cnChars.js";

/**
 * src/answer/understand/t2cnChars.ts lists the characters whose presence can make opencc-js's
 * tw → cn converter change a string; toSimplified skips loading opencc for text without any.
 * This file derives that list from opencc-js's own dictionaries and checks the committed one is
 * the same. After upgrading opencc-js: `UPDATE_T2CN=1 npx vitest run tests/answer/understand/t2cnChars.test.ts`.
 */

type Convert = (s: string) => string;
interface OpenCC {
  Converter(o: { from: string; to: string }): Convert;
  ConverterFactory(...groups: unknown[]): Convert;
  Locale: { from: Record<string, string[][]>; to: Record<string, string[][]> };
}
const require = createRequire(import.meta.url);
const opencc = require("opencc-js/t2cn") as OpenCC;
const convert = opencc.Converter({ from: "tw", to: "cn" });
const chars = (s: string): string[] => [...s];

/**
 * The converter runs two stages, each a longest-match replacement over one dictionary group:
 * tw variants → traditional, then traditional → simplified. A stage leaves a string alone unless
 * it matches a key whose value differs, so a set T that meets every such key that could match is
 * enough: text without a character of T comes out unchanged.
 *
 * - T starts with every character the converter changes on its own (樂 → 乐).
 * - Stage 1 keys without a T character only swap a character for a variant that stage 2 turns
 *   straight back (梁 → 樑 → 梁, 才 → 纔 → 才): those variants are R, and need no T character.
 * - Stage 2 keys that text without T (after stage 1, so with R variants) can contain must give
 *   that text back (樑上 → 梁上); those that do not (打坏 → 打坯, 沈默 → 沉默) add the first
 *   character they change to T. Repeat until nothing is added.
 */
function deriveT2cnChars(): string {
  const entries = (groups: string[][] | undefined): [string, string][] => (groups ?? []).flat().flatMap((d) => d.split("|").map((e) => e.split(" ") as [string, string]));
  const [tw, cn] = [opencc.Locale.from.tw!, opencc.Locale.to.cn!];
  if (tw.length !== 1 || cn.length !== 1) throw new Error("opencc-js tw → cn no longer has two stages: revise deriveT2cnChars");
  const stage1 = entries(tw);
  const stage2 = entries(cn);
  const stage2Convert = opencc.ConverterFactory(cn);
  const all = new Set([...stage1, ...stage2].flatMap(([k, v]) => [...chars(k), ...chars(v)]));
  const t = new Set([...all].filter((c) => convert(c) !== c));
  for (;;) {
    const before = t.size;
    const r = new Map<string, string>();
    const clash = new Set<string>();
    for (const [k, v] of stage1) {
      const kc = chars(k);
      const vc = chars(v);
      if (v === k || kc.some((c) => t.has(c))) continue;
      if (kc.length !== vc.length) {
        t.add(kc[0]!);
        continue;
      }
      for (let i = 0; i < kc.length; i++) {
        if (kc[i] === vc[i]) continue;
        if (stage2Convert(vc[i]!) !== kc[i]) t.add(kc[i]!);
        else {
          if (r.has(vc[i]!) && r.get(vc[i]!) !== kc[i]) clash.add(vc[i]!);
          r.set(vc[i]!, kc[i]!);
        }
      }
    }
    for (const v of clash) t.add(r.get(v)!);
    for (const [k, v] of stage2) {
      const kc = chars(k);
      if (kc.some((c) => t.has(c) && !r.has(c))) continue;
      const oc = kc.map((c) => r.get(c) ?? c);
      if (v === oc.join("")) continue;
      const vc = chars(v);
      let i = 0;
      while (i < oc.length - 1 && oc[i] === vc[i]) i++;
      t.add(oc[i]!);
    }
    if (t.size === before) break;
  }
  return [...t].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join("");
}

function render(list: string): string {
  const cs = chars(list);
  const lines: string[] = [];
  for (let i = 0; i < cs.length; i += 64) lines.push(`  "${cs.slice(i, i + 64).join("")}",`);
  return `/**
 * Every character whose presence can make opencc-js's tw → cn converter change a string (樂, 學,
 * and simplified ones a phrase rule rewrites: 沈 in 沈默, 坏 in 打坏). Text with none of them
 * converts to itself, so toSimplified need not load opencc for it. Generated from opencc-js's
 * dictionaries by tests/answer/understand/t2cnChars.test.ts (UPDATE_T2CN=1 to rewrite).
 */
export const T2CN_CHARS = [
${lines.join("\n")}
].join("");
`;
}

const corpus = fileURLToPath(new URL("../../../corpus/", import.meta.url));
const corpusLines = readdirSync(corpus)
  .filter((f) => f.endsWith(".txt"))
  .flatMap((f) => readFileSync(corpus + f, "utf8").split("\n"));

describe("T2CN_CHARS", () => {
  const derived = deriveT2cnChars();
  if (process.env.UPDATE_T2CN) writeFileSync(fileURLToPath(new URL("../../../src/answer/understand/t2cnChars.ts", import.meta.url)), render(derived));

  it("is what opencc-js's dictionaries give", () => {
    expect(T2CN_CHARS).toBe(derived);
  });

  it("a string without one converts to itself (corpus lines, dictionary keys and values)", () => {
    const set = new Set(chars(T2CN_CHARS));
    const samples = [
      ...corpusLines,
      ...Object.values(opencc.Locale.to)
        .flat(2)
        .flatMap((d) => d.split(/[| ]/)),
    ];
    let checked = 0;
    for (const s of samples) {
      if (chars(s).some((c) => set.has(c))) continue;
      checked++;
      expect(convert(s), s).toBe(s);
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("toSimplified gives the same as converting every string", () => {
    const direct = (s: string): string => {
      if (!/[\u3400-\u9fff\uf900-\ufaff]/.test(s)) return s;
      const out = convert(s);
      if (out.length === s.length) return out;
      let r = "";
      for (const ch of s) {
        const one = convert(ch);
        r += one.length === ch.length ? one : ch;
      }
      return r;
    };
    for (const s of [...corpusLines, "乐山2024年毕业生升学人数", "吕梁人才培养", "上梁不正", "打坏", "沈默寡言", "怎么样", "樂山"]) {
      expect(toSimplified(s), s).toBe(direct(s));
    }
  });
});
