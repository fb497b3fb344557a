/**
 * Messages that are not questions about the reports: thanks, goodbyes, laughter and "ok",
 * and questions about something else entirely (the weather, jokes, the stock market). They get a
 * friendly reply with examples instead of "not found in the reports".
 */

/** What kind of small talk a message is. */
export type SmallTalk = "thanks" | "bye" | "ack" | "out-of-scope";

const THANKS = /^(?:谢谢|多谢|感谢|谢了|谢啦|thanks?(?:\s+you)?|thank\s*u|thx|ty|3q|辛苦了?)(?:你|您|啦|了|哈|!|！|。|\.|~|～|\s|a lot|so much|very much)*$/i;
const BYE = /^(?:再见|拜拜|拜|回见|下次见|晚安|bye(?:\s*bye)?|goodbye|see you|good night)(?:啦|了|!|！|。|\.|~|～|\s)*$/i;
const ACK = /^(?:好的?|好吧|嗯+|哦+|噢+|ok(?:ay)?|收到|明白了?|知道了|了解|懂了|哈+|呵+|嘿+|lol|haha+|cool|nice|great|👍|🙏|😊|😂)(?:啦|了|的|!|！|。|\.|~|～|\s)*$/i;
/** Topics no report covers; only with no report, year or indicator named (the caller checks). */
const OUT_OF_SCOPE = /天气|下雨|气温|温度多少|笑话|讲个故事|股票|股价|彩票|吃什么|几点了|现在几点|星期几|你几岁|你叫什么|你是人|weather|joke|stock price|what time is it|lottery/i;

/**
 * The kind of small talk a message is, or null for a question.
 *
 * @example smallTalkKind("谢谢！") // "thanks"
 * @example smallTalkKind("今天天气怎么样") // "out-of-scope"
 * @example smallTalkKind("遂宁 2024 升学人数") // null
 */
export function smallTalkKind(text: string): SmallTalk | null {
  const t = text.trim();
  if (THANKS.test(t)) return "thanks";
  if (BYE.test(t)) return "bye";
  if (ACK.test(t)) return "ack";
  if (OUT_OF_SCOPE.test(t)) return "out-of-scope";
  return null;
}
