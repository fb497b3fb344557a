import { createInterface } from "node:readline";
import type { PassageHit } from "../types.js";
import { cliEngine } from "./engineFactory.js";

/** Options of `zhibao search`. */
export interface SearchOptions {
  jsonl?: boolean;
  cases?: boolean;
  limit?: string;
}

/**
 * The contract's view of a search (shared/eval/README.md, as `ask --jsonl` prints it): the query,
 * `facts` empty (a search states no figure), `passages` ranked best first, and the reply as text.
 */
export function searchJson(query: string, hits: PassageHit[]): Record<string, unknown> {
  return {
    question: query,
    facts: [],
    passages: hits.map((h) => ({ report: h.report, title: h.title, text: h.text, line: h.line, score: h.score, snippet: h.snippet, terms: h.terms, kind: h.kind })),
    reply: searchReply(query, hits),
  };
}

/** The hits as a person reads them: rank, report and line, title, and the snippet with matched terms in 【】. */
export function searchReply(query: string, hits: PassageHit[]): string {
  if (!hits.length) return `没有找到与「${query}」相关的段落。换个关键词试试。`;
  return hits.map((h, i) => `${i + 1}. ${h.title || h.sectionPath[h.sectionPath.length - 1] || h.entity}（${h.report} 第${h.line}行）\n   ${highlight(h.snippet, h.terms)}`).join("\n");
}

/** Marks every matched term in a snippet with 【】, longest terms first so 技能大赛 is not split by 技能. */
export function highlight(text: string, terms: string[]): string {
  const wanted = [...new Set(terms)].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  if (!wanted.length) return text;
  const escaped = wanted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return text.replace(new RegExp(escaped.join("|"), "gi"), (m) => `【${m}】`);
}

/** `zhibao search "…"`: the bot's /search on the command line; with --jsonl, one query per stdin line. */
export async function runSearch(query: string, opts: SearchOptions): Promise<void> {
  const limit = opts.limit === undefined ? 10 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    process.stderr.write(`zhibao search: --limit must be a whole number from 1 to 100 (got "${opts.limit}")\n`);
    process.exitCode = 2;
    return;
  }
  const engine = await cliEngine();
  const run = (q: string) => engine.search(q, { limit, casesOnly: opts.cases === true });
  if (opts.jsonl) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      // One output line per input line, even a blank or failing one: readers pair them by order.
      let out: Record<string, unknown>;
      try {
        out = searchJson(line, line.trim() ? run(line) : []);
      } catch (err) {
        out = { question: line, facts: [], passages: [], reply: `error: ${(err as Error).message}` };
      }
      process.stdout.write(`${JSON.stringify(out)}\n`);
    }
    return;
  }
  if (!query.trim()) {
    process.stderr.write('usage: zhibao search "遂宁 国旗护卫队"   (or --jsonl to read queries from stdin)\n');
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`${searchReply(query, run(query))}\n`);
}
