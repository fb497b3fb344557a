import { describe, expect, it } from "vitest";
import { createLogger, scrub } from "../../src/log.js";

describe("createLogger", () => {
  it("writes one JSON object per line, at or above its level", () => {
    const lines: string[] = [];
    const log = createLogger({ level: "info", write: (l) => void lines.push(l) });
    log.debug("hidden");
    log.info("update", { chat: 42, ms: 3 });
    log.child({ component: "bot" }).warn("slow", { ms: 900 });
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.endsWith("\n"))).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "info", msg: "update", chat: 42, ms: 3 });
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: "warn", msg: "slow", component: "bot" });
  });

  it("expands errors and never writes a token", () => {
    const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";
    const lines: string[] = [];
    const log = createLogger({ level: "debug", write: (l) => void lines.push(l) });
    log.error("failed", { err: new Error(`fetch https://api.telegram.org/bot${token}/getMe failed`), url: `/bot${token}/x` });
    const out = lines.join("");
    expect(out).not.toContain(token);
    expect(out).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0");
    expect(JSON.parse(lines[0]!).err).toMatchObject({ name: "Error" });
  });

  it("redacts given secrets, and silent writes nothing", () => {
    expect(scrub("secret=hunter2-very-secret", ["hunter2-very-secret"])).toBe("secret=[redacted]");
    const lines: string[] = [];
    createLogger({ level: "silent", write: (l) => void lines.push(l) }).error("x");
    expect(lines).toEqual([]);
  });
});
