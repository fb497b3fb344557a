/**
 * One short, token-free sentence for why a Bot API call failed, for the log: the network error's
 * code and reason ("connect ECONNREFUSED 127.0.0.1:9"), Telegram's error code and description, or
 * "not a Bot API response".
 */
import { GrammyError, HttpError } from "grammy";

/**
 * Why a Bot API call failed, without the request URL (which holds the token).
 *
 * @example describeApiError(err) // "connect ECONNREFUSED 127.0.0.1:9"
 */
export function describeApiError(err: unknown): string {
  if (err instanceof GrammyError) {
    return err.error_code === undefined ? "not a Bot API response" : `${err.error_code} ${err.description}`;
  }
  if (err instanceof HttpError) return describeCause(err.error) ?? err.message;
  return describeCause(err) ?? String(err);
}

/** The reason of a fetch failure: node-fetch says "request to <url> failed, reason: …". */
function describeCause(cause: unknown): string | null {
  if (!(cause instanceof Error)) return null;
  const reason = /reason: (.*)$/s.exec(cause.message)?.[1];
  if (reason) return reason.trim();
  const code = (cause as Error & { code?: unknown }).code;
  if (cause.name === "AbortError") return "timed out or aborted";
  // The message may quote the URL (and so the token): keep only what follows it.
  const msg = cause.message.replace(/https?:\/\/\S+/g, "<url>");
  return typeof code === "string" && !msg.includes(code) ? `${code}: ${msg}` : msg;
}

/** The host:port of a Bot API root, for messages ("api.telegram.org"). */
export function apiHost(apiRoot: string | undefined): string {
  try {
    return new URL(apiRoot ?? "https://api.telegram.org").host;
  } catch {
    return String(apiRoot);
  }
}
