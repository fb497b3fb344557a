import { englishIndicator } from "../text/indicatorNames.js";
import type { Alternative, Answer } from "../types.js";
import { base } from "./answerBase.js";
import type { Understood } from "./question.js";
import type { Lang } from "./reply.js";
import type { Loaded } from "./state.js";
import type { SmallTalk } from "./understand/smallTalk.js";

/**
 * Replies to what is not a question about the reports (thanks, goodbye, the weather, random
 * letters): one friendly line in the asker's language and three example questions made from the
 * loaded reports, which the bot offers as buttons. The intent is "unknown": nothing was looked up.
 */

/** What small talk is answered with; "nonsense" is text that names nothing the reports know. */
export type SmallTalkReply = SmallTalk | "nonsense";

const LEAD: Record<Lang, Record<SmallTalkReply, string>> = {
  zh: {
    thanks: "不客气！还有问题随时问我。",
    bye: "再见！需要查报告时随时找我。",
    ack: "好的。还想查什么，直接问我就行。",
    "out-of-scope": "这个我答不了：我只回答职业教育质量年度报告里的问题。",
    nonsense: "没看懂这句话。我回答职业教育质量年度报告里的问题。",
  },
  en: {
    thanks: "You're welcome! Ask me anything about the reports.",
    bye: "Goodbye! I'm here whenever you need the reports.",
    ack: "OK. Ask me whatever you want to look up.",
    "out-of-scope": "I can't answer that: I only answer questions about the vocational-education quality reports.",
    nonsense: "I didn't understand that. I answer questions about the vocational-education quality reports.",
  },
};

/** The friendly first line for a kind of small talk. */
export function smallTalkLead(kind: SmallTalkReply, lang: Lang): string {
  return LEAD[lang][kind];
}

/**
 * The answer to small talk: the friendly line, then "for example:" and three questions the loaded
 * reports answer, also as `alternatives`.
 */
export function smallTalkAnswer(state: Loaded, u: Understood, kind: SmallTalkReply): Answer {
  const answer = base(u, state, "unknown");
  answer.smallTalk = kind;
  answer.alternatives = exampleQuestions(state, u.lang);
  const examples = answer.alternatives.map((a) => `• ${a.question}`);
  answer.reply = [smallTalkLead(kind, u.lang), ...(examples.length ? [u.lang === "zh" ? "例如：" : "For example:", ...examples] : [])].join("\n");
  return answer;
}

/**
 * Three questions the loaded reports answer: one figure, a comparison of two reports and a
 * ranking, all of the standard-table row the most reports print with a number.
 *
 * @example exampleQuestions(state, "zh") // 遂宁市职业技术学校 2024年 月收入 · 乐山市和江门市 2024年 月收入 对比 · 哪个报告2024年月收入最高
 */
export function exampleQuestions(state: Loaded, lang: Lang): Alternative[] {
  const topic = state.exampleTopic;
  if (!topic) return [];
  // An English question names the indicator in English when the vocabulary has a name for it (the question
  // readers understand it: answer/synonyms.ts), else as printed.
  const leaf = lang === "en" ? (englishIndicator(topic.leaf) ?? topic.leaf) : topic.leaf;
  const reports = new Map(topic.reports.map((r) => [r.report, r.year]));
  const names = [...reports.keys()].map((r) => ({ entity: state.metaByReport.get(r)?.entity ?? r, english: state.metaByReport.get(r)?.english ?? null, year: reports.get(r)! }));
  const year = Math.max(...names.map((n) => n.year));
  const [a, b] = names.filter((n) => n.year === year);
  const name = (n: (typeof names)[number]) => (lang === "en" && n.english ? n.english : n.entity);
  const out: Alternative[] = [];
  if (a)
    out.push(lang === "zh" ? { label: `${a.entity} ${year}年 ${leaf}`, question: `${a.entity} ${year}年 ${leaf}` } : { label: `${name(a)} ${year} ${leaf}`, question: `${name(a)} ${year} ${leaf}` });
  if (a && b)
    out.push(
      lang === "zh"
        ? { label: `${a.entity}和${b.entity} ${year}年 ${leaf} 对比`, question: `${a.entity}和${b.entity} ${year}年 ${leaf} 对比` }
        : { label: `${name(a)} vs ${name(b)} ${year} ${leaf}`, question: `${name(a)} vs ${name(b)} ${year} ${leaf}` },
    );
  if (reports.size >= 3)
    out.push(
      lang === "zh"
        ? { label: `哪个报告${year}年${leaf}最高`, question: `哪个报告${year}年${leaf}最高` }
        : { label: `which report has the highest ${leaf} in ${year}`, question: `which report has the highest ${leaf} in ${year}` },
    );
  return out;
}
