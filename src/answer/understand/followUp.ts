/**
 * The conversation rule, one for the CLI chat and the bot alike: whether a question continues the
 * previous answer. A follow-up inherits only the slots it lacks (reports, years, indicator), and
 * only when it is elliptical — 2023年呢？, 那乐山呢, 江门, 2023, "what about Jiangmen?" — or a reply
 * to an answer. A question that asks across reports (排名, 各地, 哪个…最多) starts fresh: 月收入排名
 * after a comparison of two regions ranks them all.
 */

/** Words that ask across the reports: such a question never narrows itself to the previous answer's. */
const ACROSS = /排名|排行|排序|各地|各报告|各市|各区|所有|全部报告|哪个|哪些|哪里|哪一|谁|最高|最低|最多|最少|\b(?:rank(?:ing|ed)?|which|highest|lowest|most|least|all\s+reports)\b/i;

/** Openings and endings of an elliptical follow-up. */
const ELLIPTICAL = /呢\s*[？?]?\s*$|^\s*(?:那么?|那个|那再|还有|再看看?|换成|改成|换个|同样|也)|^\s*(?:and|what\s+about|how\s+about|same\s+for)\b/i;

export interface FollowUpInput {
  /** The question as normalised (simplified, half-width). */
  text: string;
  /** What is left of it once reports, places and years are taken out, filler removed. */
  residual: string;
  /** True when the question answers (replies to) a previous answer of the bot. */
  isReply: boolean;
}

/** Whether a question continues the previous answer, and may take the slots it does not name from it. */
export function continuesPrevious({ text, residual, isReply }: FollowUpInput): boolean {
  if (ACROSS.test(text)) return false;
  if (isReply) return true;
  // A bare year or place (江门, 2023, 2023年): nothing else to ask with it.
  if (!residual.replace(/[\s\p{P}\p{S}]/gu, "")) return true;
  return ELLIPTICAL.test(text);
}
