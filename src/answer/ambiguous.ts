import type { Alternative, Answer } from "../types.js";
import type { Loaded } from "./state.js";
import { base } from "./answerBase.js";
import type { Understood } from "./question.js";

/** At most this many reports are listed under an ambiguous name; the rest are counted. */
const LISTED = 12;

/**
 * The answer to a question whose name stays ambiguous (遂宁 for two of its schools, with no report of
 * 遂宁市 itself): no report is picked silently. The reply lists the reports the name could mean, the
 * best fit first, and each is an alternative (a button in the bot): the question again, with that
 * report's full name in place of the name.
 *
 * @example ambiguousAnswer(state, understand(state, "遂宁 在校生", undefined)).reply
 * // "「遂宁」可指 2 份报告，请写明是哪一份：\n1. 遂宁市安居职业高级中学（2024年度报告…）\n2. …"
 */
export function ambiguousAnswer(state: Loaded, u: Understood): Answer {
  const answer = base(u, state, u.intent);
  const lines: string[] = [];
  const alternatives: Alternative[] = [];
  for (const a of u.ambiguous) {
    const metas = a.reports.flatMap((r) => state.metaByReport.get(r) ?? []);
    lines.push(u.lang === "zh" ? `「${a.matched}」可指 ${metas.length} 份报告，请写明是哪一份：` : `"${a.matched}" could mean ${metas.length} reports; please say which one:`);
    metas.slice(0, LISTED).forEach((m, i) => {
      lines.push(u.lang === "zh" ? `${i + 1}. ${m.entity}（${m.reportYear ?? "?"}年度报告）` : `${i + 1}. ${m.english ?? m.entity} (${m.reportYear ?? "?"} report)`);
    });
    if (metas.length > LISTED) lines.push(u.lang === "zh" ? `……另有 ${metas.length - LISTED} 份` : `… and ${metas.length - LISTED} more`);
    for (const m of metas) {
      // The spans are the typed question's: the understood text keeps its length.
      const question = `${u.question.slice(0, a.start)}${m.entity}${u.question.slice(a.end)}`;
      if (!alternatives.some((x) => x.question === question)) alternatives.push({ label: m.entity, question });
    }
  }
  answer.reply = lines.join("\n");
  answer.alternatives = alternatives;
  return answer;
}
