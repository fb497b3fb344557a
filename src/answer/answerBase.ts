import type { Answer, Intent, ReportMeta } from "../types.js";
import type { Loaded } from "./state.js";
import type { Understood } from "./question.js";

/** The parts every answer starts from: what was understood, nothing found yet. */
export function base(u: Understood, state: Loaded, intent: Intent): Answer {
  const entities = u.reports.map((r) => state.metaByReport.get(r)?.entity ?? r);
  return {
    question: u.question,
    intent,
    facts: [],
    passages: [],
    reply: "",
    understood: {
      entities,
      years: u.years,
      indicator: u.matches[0]?.entry.indicator ?? null,
      intent,
      unknownEntities: u.unknown,
      // Passage answers list their keywords; figure answers need not load the passage index for them.
      keywords: intent === "passage" || intent === "case" ? state.search.keywords(u.searchText) : [],
      yearDefaulted: !u.yearsExplicit,
    },
    alternatives: [],
    variants: [],
    changes: [],
    ms: 0,
  };
}

export function metaOf(state: Loaded, report: string): ReportMeta | undefined {
  return state.metaByReport.get(report);
}
