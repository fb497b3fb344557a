/**
 * The encoding of a saved web page, and its text. Chinese government and school sites serve UTF-8
 * or GBK (declared as gb2312, gbk or gb18030); old ones often declare nothing. The order is the
 * browser's: a byte-order mark, then what the server said (an HTTP `Content-Type` a caller passes
 * in), then the page's own `<meta charset>` or `<meta http-equiv="Content-Type">` (read with the
 * HTML parser from the page's first bytes), else the bytes themselves: valid UTF-8 is UTF-8,
 * anything else is tried as GB18030 (a superset of GB2312 and GBK) and kept only if it reads as
 * Chinese.
 *
 * A declaration that the bytes plainly contradict is overruled: a page declared gb2312 whose bytes
 * are valid UTF-8 with Chinese in them (a site moved to UTF-8 that kept its old template), or one
 * declared UTF-8 that is not UTF-8 but reads as GB18030.
 */
import iconv from "iconv-lite";
import { parse } from "parse5";
import { ReportParseError } from "../../errors.js";
import { isWhitespaceOnly, looksBinary, readsAsChinese } from "../decode.js";

/** How a page's encoding was settled. */
export type EncodingSource = "bom" | "http" | "meta" | "sniffed";

/** A page's text and how it was decoded. */
export interface DecodedPage {
  text: string;
  /** The decoder used: "utf-8", "gb18030", "utf-16le", "big5", … */
  encoding: string;
  /** Where the encoding came from; "sniffed" also when a declaration was overruled by the bytes. */
  from: EncodingSource;
}

/** Bytes of the page read for its `<meta>` declaration (the HTML standard's pre-scan reads 1,024; old CMS heads run longer). */
const HEAD_BYTES = 16 * 1024;

/**
 * The decoder for a charset label as pages write it, or null for one iconv-lite does not know.
 * Every GB label decodes as GB18030, as browsers do for gb2312 and gbk: it is their superset.
 *
 * @example charsetDecoder("GB2312") // "gb18030"
 */
export function charsetDecoder(label: string): string | null {
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, "");
  if (/^(?:utf-?8|unicode-1-1-utf-8|x-unicode20utf8)$/.test(l)) return "utf-8";
  if (/^(?:gb[-_]?2312(?:-80)?|gbk|gb18030|x-gbk|cp936|ms936|windows-936|euc-cn|x-euc-cn|csgb2312|chinese|iso-ir-58|csiso58gb231280)$/.test(l)) return "gb18030";
  if (/^(?:utf-?16(?:le)?|unicode)$/.test(l)) return "utf-16le";
  if (/^utf-?16be$/.test(l)) return "utf-16be";
  if (/^(?:big5(?:-hkscs)?|x-x-big5|cn-big5|csbig5)$/.test(l)) return "big5";
  return iconv.encodingExists(l) ? l : null;
}

/**
 * The charset a Content-Type value names: `text/html; charset=gb2312` → "gb2312".
 *
 * @example charsetOf("text/html; charset=\"UTF-8\"") // "UTF-8"
 */
export function charsetOf(contentType: string | undefined | null): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(contentType);
  return m ? m[1]! : null;
}

type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[] };

/**
 * The charset a page's `<meta>` elements declare, read by parsing its first bytes as Latin-1 (every
 * byte one character, so the ASCII of the markup is intact whatever the encoding): the first
 * `<meta charset>`, or the charset in a `<meta http-equiv="Content-Type" content="…">`.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, HEAD_BYTES));
  const found: string[] = [];
  const walk = (n: Node) => {
    if (found.length > 0) return;
    if (n.nodeName === "meta" && n.attrs) {
      const attr = (name: string) => n.attrs!.find((a) => a.name === name)?.value;
      const charset = attr("charset");
      if (charset?.trim()) found.push(charset.trim());
      else if (attr("http-equiv")?.trim().toLowerCase() === "content-type") {
        const c = charsetOf(attr("content"));
        if (c) found.push(c);
      }
    }
    // A <meta> is only ever in the head or the body's first lines: the rest is not looked at.
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(parse(head) as unknown as Node);
  return found[0] ?? null;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** True when the text has characters beyond ASCII (so valid UTF-8 says something about the encoding). */
function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

/**
 * Decodes a web page's bytes, or throws a ReportParseError naming the file: empty, binary, or in
 * no encoding that reads as Chinese. `contentType` is the HTTP header the page was served with,
 * when a caller fetched it; it wins over the page's own declaration, as in a browser.
 *
 * @example decodeHtml(readFileSync("x.html"), "x.html").encoding // "gb18030"
 */
export function decodeHtml(bytes: Uint8Array, report: string, contentType?: string | null): DecodedPage {
  if (bytes.length === 0 || isWhitespaceOnly(bytes)) throw new ReportParseError(report, null, "the file is empty");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", from: "bom" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le", from: "bom" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be", from: "bom" };
  if (looksBinary(bytes)) throw new ReportParseError(report, null, "the file is binary, not a web page (HTML)");

  const http = charsetOf(contentType);
  const httpDecoder = http ? charsetDecoder(http) : null;
  const meta = httpDecoder ? null : declaredCharset(bytes);
  const declared = httpDecoder ?? (meta ? charsetDecoder(meta) : null);
  const from: EncodingSource = httpDecoder ? "http" : "meta";
  const utf8 = strictUtf8(bytes);

  if (declared === "utf-8") {
    if (utf8 !== null) return { text: utf8, encoding: "utf-8", from };
    const gb = iconv.decode(Buffer.from(bytes), "gb18030");
    if (readsAsChinese(gb)) return { text: gb, encoding: "gb18030", from: "sniffed" };
    // Declared UTF-8 with a few broken bytes: read as declared, the broken ones as U+FFFD.
    return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", from };
  }
  if (declared === "gb18030") {
    if (utf8 !== null && hasNonAscii(utf8) && readsAsChinese(utf8)) return { text: utf8, encoding: "utf-8", from: "sniffed" };
    return { text: iconv.decode(Buffer.from(bytes), "gb18030"), encoding: "gb18030", from };
  }
  if (declared !== null && !declared.startsWith("utf-16")) return { text: iconv.decode(Buffer.from(bytes), declared), encoding: declared, from };

  // Nothing declared (or a UTF-16 declaration on bytes with no BOM, which browsers ignore too).
  if (utf8 !== null) return { text: utf8, encoding: "utf-8", from: "sniffed" };
  const gb = iconv.decode(Buffer.from(bytes), "gb18030");
  if (!readsAsChinese(gb)) throw new ReportParseError(report, null, "the web page is neither UTF-8 nor GBK/GB18030 text, and declares no other encoding");
  return { text: gb, encoding: "gb18030", from: "sniffed" };
}
