import type { Answer, PassageHit } from "../types.js";
import type { Loaded } from "./state.js";
import { base, metaOf } from "./answerBase.js";
import { CASE_WORDS, type Understood } from "./question.js";
import { passagesReply, reportLabel } from "./reply.js";
import { renderTable } from "./tableView.js";

/** Answers that are text: passages and cases, a table, "no report for …", help. */

/** Passages shown at a time; 更多 shows the next ones. */
export const PASSAGE_PAGE = 5;

/** Passages or cases for what the question asks; `page` 1 and on (更多, 下一页) are the next hits of the same search. */
export function passageAnswer(state: Loaded, u: Understood, page = 0): Answer {
  const answer = base(u, state, u.intent === "case" ? "case" : "passage");
  const text = u.casesOnly || u.intent === "case" ? u.searchText.replace(CASE_WORDS, " ") : u.searchText;
  const opts = { reports: u.reports, limit: PASSAGE_PAGE * (page + 1) };
  let hits: PassageHit[] = [];
  if (u.intent === "case") hits = state.search.search(text, { ...opts, casesOnly: true });
  if (!hits.length) hits = state.search.search(text, { ...opts, preferCases: u.intent === "case" });
  const found = hits.length;
  hits = hits.slice(PASSAGE_PAGE * page);
  answer.passages = hits;
  if (page > 0 && !hits.length && found) {
    // The whole list was shown already: say so, not "nothing matches".
    answer.reply =
      u.lang === "zh"
        ? `没有更多了：与「${text.trim()}」相关的${u.intent === "case" ? "案例" : "内容"}一共 ${found} 条，都已列出。`
        : `No more: all ${found} ${u.intent === "case" ? "case studies" : "passages"} matching "${text.trim()}" were shown.`;
    return answer;
  }
  const names = u.reports.map((r) => metaOf(state, r)?.entity ?? r);
  // A name many reports share lists a few of them, and how many.
  const who =
    names.length <= 3 ? names.join("、") : u.lang === "zh" ? `${names.slice(0, 3).join("、")} 等 ${names.length} 份报告` : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more reports`;
  const header = hits.length
    ? u.lang === "zh"
      ? `${who ? `${who}：` : ""}找到 ${hits.length} 条相关${u.intent === "case" ? "案例" : "内容"}：`
      : `${who ? `${who}: ` : ""}${hits.length} matching ${u.intent === "case" ? "case studies" : "passages"}:`
    : !u.searchText.trim()
      ? // Only a place or a year was asked ("遂宁"): say what can be asked, not "nothing matches 「」".
        u.lang === "zh"
        ? `${who ? `关于${who}，` : ""}想查什么？例如「${names[0] ?? "遂宁"} 2024 升学人数」或「${names[0] ?? "遂宁"} 案例」。`
        : `${who ? `About ${who}: ` : ""}what would you like to know? For example "${names[0] ?? "Suining"} 2024 升学人数".`
      : u.lang === "zh"
        ? `报告中没有找到与「${u.searchText}」相关的内容。`
        : `Nothing in the reports matches "${u.searchText}".`;
  answer.reply = passagesReply(hits, u.lang, header);
  return answer;
}

export function tableAnswer(state: Loaded, u: Understood): Answer {
  const answer = base(u, state, "table");
  const ids = u.tableIds ? [...u.tableIds] : [];
  const table = ids.length ? state.tableById(ids[0]!) : null;
  if (!table) {
    const list = state.tableHeadsOf(u.reports);
    answer.reply =
      (u.lang === "zh" ? "要看哪张表？\n" : "Which table?\n") +
      list
        .slice(0, 30)
        .map((t) => `• ${metaOf(state, t.report)?.entity ?? ""} ${t.number ?? ""} ${t.title ?? ""}`)
        .join("\n");
    return answer;
  }
  answer.reply = renderTable(table);
  answer.tableId = table.id;
  return answer;
}

export function noReportSentence(state: Loaded, u: Understood): string {
  const have = state.data.reports.map(reportLabel).join("、");
  return u.lang === "zh" ? `没有「${u.unknown.join("、")}」的报告。现有报告：${have}。` : `There is no report for ${u.unknown.join(", ")}. Reports available: ${have}.`;
}

export function noReportAnswer(state: Loaded, u: Understood): Answer {
  const answer = base(u, state, u.intent);
  // No figures for a place without a report, but the reports may still mention it (香港研学, 凉山春蕾班).
  // Only passages that do name it: the others would only share the question's other words.
  answer.passages = state.search
    .search(u.searchText, { limit: 10, extraTerms: u.unknown })
    .filter((h) => u.unknown.some((n) => h.text.includes(n)))
    .slice(0, 3);
  const lines = [noReportSentence(state, u)];
  if (answer.passages.length) lines.push(passagesReply(answer.passages, u.lang, u.lang === "zh" ? "报告中提到它的段落：" : "Passages that mention it:"));
  answer.reply = lines.join("\n");
  return answer;
}

export function helpAnswer(state: Loaded, u: Understood): Answer {
  const answer = base(u, state, "help");
  const names = state.data.reports.map((r) => r.entity).join("、");
  answer.reply =
    u.lang === "zh"
      ? `我能回答这些报告里的问题：${names}。\n例如：\n• 遂宁 2024 升学人数\n• 江门 月收入 2023 vs 2024\n• 哪个地区2024年升入本科人数最多\n• 璧山 宿舍 案例`
      : `I answer questions about these reports: ${names}.\nFor example:\n• Suining 2024 升学人数\n• How many Leshan graduates went on to further study in 2024?\n• Jiangmen monthly income 2023 vs 2024`;
  return answer;
}
