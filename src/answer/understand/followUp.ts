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

/**
 * What a follow-up asks to be done with the previous answer itself, beside showing it again as a chart or a
 * file (understand/presentation.ts): the next page (更多, 下一页, 还有别的案例吗, more), an order (从高到低,
 * 按…排序, sort), or a narrowing (只看乐山, 只要2024年, only 2024). `rest` is the text with those words blanked
 * (same length), for reading the places and years it names.
 */
export interface FollowUpAction {
  rest: string;
  more: boolean;
  order: "asc" | "desc" | null;
  narrow: boolean;
}

// 还有 alone is "and" (还有江门呢): only 还有 + 别的/其他/更多, or 还有 ending the question, asks for more.
const MORE =
  /还有(?:没有)?(?:别的|其他|其它|更多)的?(?:案例|内容|段落|结果)?(?:吗|么|没有)?|还有(?:吗|么|没有)|还有(?=\s*[？?]?\s*$)|(?:更多|别的|其他|其它)的?(?:案例|内容|段落|结果)?|下一页|下页|继续|再来(?:几|一些)?(?:条|个)?|\b(?:show\s+)?more\b|\bnext(?:\s+page)?\b|\bany\s+others?\b|\bothers?\b/gi;
const DESC = /(?:从|由)(?:高到低|大到小|多到少)|降序|\bhigh(?:est)?\s+(?:to|first)(?:\s+low(?:est)?)?|\bdescending\b|\blargest\s+first\b/gi;
const ASC = /(?:从|由)(?:低到高|小到大|少到多)|升序|\blow(?:est)?\s+(?:to|first)(?:\s+high(?:est)?)?|\bascending\b|\bsmallest\s+first\b/gi;
const SORT = /按.{0,10}?(?:排序|排列|排一下|排)|排(?:个|一下|下)?序|\bsort(?:ed)?(?:\s+(?:it|them))?(?:\s+by\s+\w+)?|\border(?:ed)?\s+by\s+\w+/gi;
const NARROW = /只(?:看|要|显示|留|列|说)?|仅(?:看|要)?|\bonly\b|\bjust\b/gi;

/**
 * Reads the words of a follow-up that act on the previous answer.
 *
 * @example readAction("还有别的案例吗") // { more: true, order: null, narrow: false, rest: "       " }
 * @example readAction("从低到高") // { order: "asc", … }
 * @example readAction("只看乐山") // { narrow: true, rest: "  乐山" }
 */
export function readAction(text: string): FollowUpAction {
  const blank = (m: string) => " ".repeat(m.length);
  let rest = text;
  let order: FollowUpAction["order"] = null;
  if (ASC.test(rest)) order = "asc";
  else if (DESC.test(rest)) order = "desc";
  rest = rest.replace(ASC, blank).replace(DESC, blank);
  if (SORT.test(rest)) order ??= "desc";
  rest = rest.replace(SORT, blank);
  const more = MORE.test(rest);
  rest = rest.replace(MORE, blank);
  const narrow = NARROW.test(rest);
  rest = rest.replace(NARROW, blank);
  for (const re of [MORE, DESC, ASC, SORT, NARROW]) re.lastIndex = 0;
  return { rest, more, order, narrow };
}
