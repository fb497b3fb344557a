/**
 * Handing updates back at a stop instead of half-answering them. Late in the drain a reply could
 * leave for Telegram and the process end before it is confirmed: the update would be delivered
 * again and answered twice. So once the gate closes, an update that has not yet sent its reply
 * sends nothing: it is handed back — neither marked answered nor confirmed to Telegram — and the
 * next start answers it.
 *
 * @example const gate = handBackGate(); bot.use(gate.middleware); … gate.close(); gate.handedBack(update)
 */
import type { Transformer } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "./context.js";

/**
 * Work refused because the bot is stopping (a reply late in the drain, or answering not yet
 * started): its update is handed back.
 */
export class BotStoppingError extends Error {
  constructor(readonly what: string) {
    super(`${what} refused: the bot is stopping; the update is handed back to Telegram`);
    this.name = "BotStoppingError";
  }
}

/** Calls a stopping bot still makes: they change nothing the user sees twice. */
const HARMLESS = new Set(["sendChatAction", "getFile", "getMe", "getUpdates", "deleteWebhook", "setMyCommands"]);

/** The gate: open until `close()`; then every update's replies are refused and the update handed back. */
export interface HandBackGate {
  /** Installs, per update, the transformer that refuses replies once the gate is closed. */
  middleware: (ctx: BotContext, next: () => Promise<void>) => Promise<void>;
  close(): void;
  readonly closed: boolean;
  /** True when the update was handed back: its handler was refused a reply, or its work. */
  handedBack(update: Update): boolean;
  /** Hands the update back (its handler failed with a {@link BotStoppingError}). */
  handBack(update: Update): void;
}

/** A gate, open. */
export function handBackGate(): HandBackGate {
  let closed = false;
  const handedBack = new WeakSet<Update>();
  const refuse =
    (update: Update): Transformer =>
    (prev, method, payload, signal) => {
      if (closed && !HARMLESS.has(method)) {
        handedBack.add(update);
        throw new BotStoppingError(method);
      }
      return prev(method, payload, signal);
    };
  return {
    middleware: (ctx, next) => {
      ctx.api.config.use(refuse(ctx.update));
      return next();
    },
    close: () => void (closed = true),
    get closed() {
      return closed;
    },
    handedBack: (update) => handedBack.has(update),
    handBack: (update) => void handedBack.add(update),
  };
}
