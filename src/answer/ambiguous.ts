import type { Alternative, Answer } from "../types.js";
import type { Loaded } from "./state.js";
import { base } from "./answerBase.js";
import type { AmbiguousName, Understood } from "./question.js";

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
    alternatives.push(...askedOf(state, u, a, alternatives));
  }
  answer.reply = lines.join("\n");
  answer.alternatives = alternatives;
  return answer;
}

/** The question again for each listed report of `a`, with the report's full name in place of the name (one per entity). */
function askedOf(state: Loaded, u: Understood, a: AmbiguousName, taken: Alternative[]): Alternative[] {
  const out: Alternative[] = [];
  for (const r of a.reports.slice(0, LISTED)) {
    const entity = state.metaByReport.get(r)?.entity;
    if (!entity) continue;
    // The spans are the typed question's: the understood text keeps its length.
    const question = `${u.question.slice(0, a.start)}${entity}${u.question.slice(a.end)}`;
    if (![...taken, ...out].some((x) => x.question === question)) out.push({ label: entity, question });
  }
  return out;
}

/**
 * An answer from the report a name fits fully, with the others it could mean named beside it (a few,
 * and how many) and offered as alternatives after the answer's own: not picked silently.
 *
 * @example withAlsoMeant(state, u, answer).reply // "…\n「遂宁」也可指：遂宁市安居职业高级中学"
 */
export function withAlsoMeant(state: Loaded, u: Understood, answer: Answer): Answer {
  for (const a of u.alsoMeant) {
    const entities = [...new Set(a.reports.flatMap((r) => state.metaByReport.get(r)?.entity ?? []))];
    const shown = entities.slice(0, 3).join(u.lang === "zh" ? "、" : ", ");
    const more = entities.length > 3 ? (u.lang === "zh" ? ` 等 ${entities.length} 份报告` : ` and ${entities.length - 3} more reports`) : "";
    answer.reply += u.lang === "zh" ? `\n「${a.matched}」也可指：${shown}${more}` : `\n"${a.matched}" may also mean: ${shown}${more}`;
    answer.alternatives = [...answer.alternatives, ...askedOf(state, u, a, answer.alternatives)];
  }
  return answer;
}
