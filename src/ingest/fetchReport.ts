/**
 * Downloads a report published on the web (`zhibao add https://…`, a link sent to the bot): a web
 * page, a PDF or a Word file, with Node's own fetch (undici), within limits a government site cannot
 * push past: a time limit to connect and answer and one for the whole body, a size cap counted while
 * the body streams in (a `Content-Length` over it is refused before reading), at most five
 * redirects (followed here, each checked to be http or https), and the content type checked against
 * the bytes. Every failure is a {@link FetchError} whose message names the address and says what
 * went wrong, in a sentence.
 */
import { extname } from "node:path";
import { readHtml } from "./read/html.js";
import { sniff } from "./read/index.js";

/** A download that failed: the address and what went wrong. */
export class FetchError extends Error {
  constructor(
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${url}: ${message}`, options);
    this.name = "FetchError";
  }
}

/** Limits of one download; the defaults suit a report on a slow government site. */
export interface FetchLimits {
  /** To connect and receive the response's headers (default 20 s). */
  connectTimeoutMs?: number;
  /** To receive the whole body, from the headers on (default 90 s). */
  bodyTimeoutMs?: number;
  /** Largest body (default 20 MB, Telegram's download limit too). */
  maxBytes?: number;
  /** Redirects followed (default 5). */
  maxRedirects?: number;
}

/** The formats a report can be downloaded in, and the file extension each is kept with. */
export type FetchedKind = "html" | "pdf" | "docx" | "doc";
const EXTENSION: Record<FetchedKind, string> = { html: ".html", pdf: ".pdf", docx: ".docx", doc: ".doc" };

/** A downloaded report. */
export interface FetchedReport {
  /** The address asked for. */
  url: string;
  /** Where it was found, after redirects. */
  finalUrl: string;
  bytes: Uint8Array;
  /** The `Content-Type` header as sent ("text/html; charset=gbk"), or null. */
  contentType: string | null;
  kind: FetchedKind;
  /** A file name for corpus/ (safe characters, the kind's extension), from the page's title, the server's file name or the address. */
  name: string;
}

export const DEFAULT_LIMITS: Required<FetchLimits> = { connectTimeoutMs: 20_000, bodyTimeoutMs: 90_000, maxBytes: 20 * 1024 * 1024, maxRedirects: 5 };

const MB = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** An http(s) address, or null. */
export function httpUrl(s: string): URL | null {
  try {
    const u = new URL(s.trim());
    return u.protocol === "http:" || u.protocol === "https:" ? u : null;
  } catch {
    return null;
  }
}

/**
 * Downloads one report.
 * @throws FetchError naming the address: not http(s), unreachable, an HTTP error, a timeout, too big, too many redirects, not a page, PDF or Word file
 * @example const r = await fetchReport("https://jyj.example.gov.cn/2023/zlbg.html"); r.name // "青禾县2023年中等职业教育质量年度报告.html"
 */
export async function fetchReport(address: string, limits: FetchLimits = {}): Promise<FetchedReport> {
  const { connectTimeoutMs, bodyTimeoutMs, maxBytes, maxRedirects } = { ...DEFAULT_LIMITS, ...limits };
  let url = httpUrl(address);
  if (!url) throw new FetchError(address, "not an http or https address");
  for (let redirects = 0; ; redirects++) {
    const controller = new AbortController();
    const connectTimer = setTimeout(() => controller.abort(new Error("connect timeout")), connectTimeoutMs);
    let res: Response;
    try {
      res = await fetch(url, {
        redirect: "manual",
        signal: controller.signal,
        headers: {
          "user-agent": "Mozilla/5.0 (compatible; zhibao report fetcher)",
          accept: "text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword;q=0.9,*/*;q=0.5",
        },
      });
    } catch (err) {
      throw new FetchError(address, controller.signal.aborted ? `no answer within ${connectTimeoutMs / 1000} s` : networkProblem(url, err), { cause: err });
    } finally {
      clearTimeout(connectTimer);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.has("location")) {
      await res.body?.cancel().catch(() => {});
      if (redirects >= maxRedirects) throw new FetchError(address, `more than ${maxRedirects} redirects (the last to ${res.headers.get("location")})`);
      const next = httpUrl(new URL(res.headers.get("location")!, url).href);
      if (!next) throw new FetchError(address, `redirected to ${res.headers.get("location")}, which is no http or https address`);
      url = next;
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new FetchError(address, `the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}${url.href !== address ? ` (at ${url.href})` : ""}`);
    }
    const declared = Number(res.headers.get("content-length") ?? Number.NaN);
    if (declared > maxBytes) {
      await res.body?.cancel().catch(() => {});
      throw new FetchError(address, `the file is ${MB(declared)}, more than the ${MB(maxBytes)} allowed`);
    }
    const bytes = await readBody(res, address, controller, { bodyTimeoutMs, maxBytes });
    const contentType = res.headers.get("content-type");
    const kind = kindOf(bytes, contentType, address);
    return { url: address, finalUrl: url.href, bytes, contentType, kind, name: fileName(kind, bytes, contentType, res.headers.get("content-disposition"), url) };
  }
}

/** The body, counted as it streams in: cut off past `maxBytes` or `bodyTimeoutMs`. */
async function readBody(res: Response, address: string, controller: AbortController, o: { bodyTimeoutMs: number; maxBytes: number }): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error("body timeout"));
  }, o.bodyTimeoutMs);
  try {
    if (!res.body) return new Uint8Array();
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > o.maxBytes) {
        controller.abort(new Error("too big"));
        throw new FetchError(address, `the file is more than the ${MB(o.maxBytes)} allowed (stopped reading at ${MB(size)})`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if (timedOut) throw new FetchError(address, `the download took longer than ${o.bodyTimeoutMs / 1000} s (${MB(size)} received)`, { cause: err });
    throw new FetchError(address, `the connection broke off after ${MB(size)} (${(err as Error).message})`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A network failure as a sentence: the host unknown, the connection refused or reset. */
function networkProblem(url: URL, err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot find the host ${url.hostname}`;
    case "ECONNREFUSED":
      return `${url.host} refused the connection`;
    case "ECONNRESET":
      return `${url.host} closed the connection`;
    case "CERT_HAS_EXPIRED":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `${url.host}'s certificate is not valid (${cause.code})`;
    default:
      return `cannot connect to ${url.host} (${cause?.message ?? (err as Error).message})`;
  }
}

/** What the bytes are (the readers' own sniffing): `%PDF-`, a zip (a .docx), an OLE file (.doc), or a web page. */
function sniffKind(bytes: Uint8Array): FetchedKind | null {
  return (sniff(bytes)?.slice(1) as FetchedKind | undefined) ?? null;
}

/** Declared types: what each stands for; a type not here is no report. */
const DECLARED: Record<string, FetchedKind | "any"> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/pdf": "pdf",
  "application/x-pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/msword": "doc",
  "application/vnd.ms-word": "doc",
  // Servers that do not say: the bytes decide.
  "application/octet-stream": "any",
  "binary/octet-stream": "any",
  "application/x-download": "any",
  "application/force-download": "any",
  "application/download": "any",
};
const NAMES: Record<FetchedKind, string> = { html: "a web page", pdf: "a PDF", docx: "a Word file", doc: "a Word file" };

/** The kind of a download: its declared type, checked against what its bytes are. */
function kindOf(bytes: Uint8Array, contentType: string | null, address: string): FetchedKind {
  if (bytes.byteLength === 0) throw new FetchError(address, "the server sent an empty file");
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const declared = type ? DECLARED[type] : "any";
  const actual = sniffKind(bytes);
  if (declared === undefined) throw new FetchError(address, `the server sent ${type}, not a web page, PDF or Word file`);
  if (declared === "any") {
    if (actual) return actual;
    throw new FetchError(address, `the server sent ${type || "a file of no stated type"} that is not a web page, PDF or Word file`);
  }
  // A .docx is a zip, and an old .doc an OLE file; either may be labelled with the other's type.
  if (actual === declared || ((declared === "doc" || declared === "docx") && (actual === "doc" || actual === "docx"))) return actual;
  if (declared === "html" && actual === null) throw new FetchError(address, "the server sent text/html that holds no web page");
  throw new FetchError(address, `the server says it is ${NAMES[declared]} (${type}) but sent ${actual ? NAMES[actual] : "something else"}${actual === "html" ? ": a login or error page?" : ""}`);
}

/**
 * A file name made safe for corpus/: ideographs, letters, digits, `.`, `-` and `_` only, runs of
 * anything else as one `-`, at most 80 characters, never a hidden file.
 * @example safeFileName("青禾县 2023/质量报告?", ".html") // "青禾县-2023-质量报告.html"
 */
export function safeFileName(stem: string, extension: string): string {
  const clean = stem
    .normalize("NFC")
    .replace(/[^\p{Script=Han}A-Za-z0-9._-]+/gu, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-._]+|[-._]+$/g, "")
    .slice(0, 80)
    .replace(/[-._]+$/, "");
  return `${clean || "report"}${extension}`;
}

/** The name to keep a download under: the page's `<title>`, else the server's file name, else the address's last part, else its host. */
function fileName(kind: FetchedKind, bytes: Uint8Array, contentType: string | null, disposition: string | null, url: URL): string {
  const ext = EXTENSION[kind];
  if (kind === "html") {
    const title = pageTitle(bytes, contentType);
    if (title) return safeFileName(title, ext);
  }
  const fromServer = disposition ? dispositionName(disposition) : null;
  const last = decodeURIComponentSafe(url.pathname.split("/").filter(Boolean).pop() ?? "");
  for (const candidate of [fromServer, last]) {
    if (!candidate) continue;
    const stem = candidate.slice(0, candidate.length - extname(candidate).length);
    if (/[\p{Script=Han}A-Za-z]/u.test(stem) && !/^(?:index|default|view|content|download|file|article|detail|show)$/i.test(stem)) return safeFileName(stem, ext);
  }
  return safeFileName(`${url.hostname}${url.pathname.replace(/\.[a-z0-9]+$/i, "")}`, ext);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `attachment; filename*=UTF-8''…` or `filename="…"`. */
function dispositionName(header: string): string | null {
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) return decodeURIComponentSafe(star[1]!.trim());
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? plain[1]!.trim() : null;
}

/** A page's title as the HTML reader reads it (site suffixes removed), without reading its article. */
function pageTitle(bytes: Uint8Array, contentType: string | null): string | null {
  // The reader decodes the page (its charset, else the header's, else sniffed) and strips the site's name.
  try {
    return readHtml(bytes, "page.html", contentType).title ?? null;
  } catch {
    return null;
  }
}
