/**
 * A strict parser for Telegram's HTML parse mode, used by the test recorder to reject what
 * Telegram would reject: unknown tags, unbalanced or crossed tags, entities inside code/pre,
 * stray "<" or "&", unsupported named entities. Returns the text after parsing, whose length
 * (UTF-16 units) is what the 4096 limit counts.
 */

const ALLOWED = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"]);
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Thrown for markup Telegram would refuse ("can't parse entities"). */
export class TelegramHtmlError extends Error {}

/** Parses Telegram HTML; returns the visible text. Throws TelegramHtmlError when invalid. */
export function parseTelegramHtml(html: string): string {
  const stack: string[] = [];
  let text = "";
  let k = 0;
  while (k < html.length) {
    const ch = html[k]!;
    if (ch === "<") {
      const end = html.indexOf(">", k);
      if (end < 0) throw new TelegramHtmlError(`unclosed "<" at ${k}`);
      const tag = html.slice(k + 1, end);
      const close = tag.startsWith("/");
      const m = /^\/?([a-z-]+)(\s+[\s\S]*)?$/i.exec(tag);
      if (!m) throw new TelegramHtmlError(`bad tag <${tag}> at ${k}`);
      const name = m[1]!.toLowerCase();
      if (!ALLOWED.has(name)) throw new TelegramHtmlError(`unsupported tag <${name}>`);
      if (close) {
        if (stack.pop() !== name) throw new TelegramHtmlError(`</${name}> does not close the open tag`);
      } else {
        const inside = stack[stack.length - 1];
        if (inside === "code" || (inside === "pre" && name !== "code")) throw new TelegramHtmlError(`<${name}> inside <${inside}>`);
        const attrs = m[2] ?? "";
        if (name === "a" && !/^\s+href="[^"<>]*"\s*$/.test(attrs)) throw new TelegramHtmlError(`<a> needs exactly href="…", got ${attrs}`);
        if (name !== "a" && name !== "span" && name !== "tg-emoji" && name !== "code" && name !== "pre" && name !== "blockquote" && attrs.trim() !== "") {
          throw new TelegramHtmlError(`<${name}> takes no attributes`);
        }
        stack.push(name);
      }
      k = end + 1;
    } else if (ch === "&") {
      const end = html.indexOf(";", k);
      const ent = end > k ? html.slice(k + 1, end) : "";
      if (/^#\d+$/.test(ent)) text += String.fromCodePoint(Number(ent.slice(1)));
      else if (/^#x[0-9a-f]+$/i.test(ent)) text += String.fromCodePoint(parseInt(ent.slice(2), 16));
      else if (NAMED[ent] !== undefined) text += NAMED[ent];
      else throw new TelegramHtmlError(`stray "&" or unsupported entity at ${k}: ${html.slice(k, k + 10)}`);
      k = end + 1;
    } else if (ch === ">") {
      throw new TelegramHtmlError(`stray ">" at ${k}`);
    } else {
      text += ch;
      k++;
    }
  }
  if (stack.length > 0) throw new TelegramHtmlError(`unclosed <${stack.join("><")}>`);
  return text;
}
