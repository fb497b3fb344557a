/**
 * Issue 12 rows 8, 10 and 14, in process: refused chats hear the refusal once, commands are read in
 * any case, and every button press is answered exactly once — also past the rate limit.
 */
import { describe, expect, it } from "vitest";
import { messages } from "../../src/bot/i18n.js";
import { buttons, createHarness, USER, visible } from "./harness.js";

const Q = "Suining 2024 升学人数";
const zh = messages("zh");
const lines = (h: ReturnType<typeof createHarness>) => h.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "update");

describe("row 8: chats not on the allow-list", () => {
  it("30 messages get one refusal, not 30; a press from such a chat is still answered once", async () => {
    const h = createHarness({ config: { allowedChatIds: [1] } });
    for (let k = 0; k < 30; k++) await h.say(`${Q} ${k}`);
    const refusals = h.calls.filter((c) => c.method === "sendMessage");
    expect(refusals).toHaveLength(1);
    expect(visible(refusals[0]!)).toBe(zh.refused);
    expect(lines(h).filter((l) => l.result === "refused")).toHaveLength(30);

    const mark = h.calls.length;
    const fake = h.message("x");
    await h.press("ex:zh:0", fake);
    expect(h.since(mark, "answerCallbackQuery")).toHaveLength(1);
    expect(h.since(mark, "sendMessage")).toHaveLength(0);
  });

  it("another refused chat gets its own refusal", async () => {
    const h = createHarness({ config: { allowedChatIds: [1] } });
    await h.say(Q);
    await h.say(Q, { from: { ...USER, id: 999 } });
    await h.say(Q, { from: { ...USER, id: 999 } });
    expect(h.calls.filter((c) => c.method === "sendMessage")).toHaveLength(2);
  });
});

describe("row 10: commands in any case", () => {
  it.each([
    ["/START", "start"],
    ["/Help", "help"],
    ["/SEARCH 职普融通", "passages"],
  ])("%s is the command, not an unknown one", async (text, result) => {
    const h = createHarness();
    await h.say(text);
    const sent = h.calls
      .filter((c) => c.method === "sendMessage")
      .map(visible)
      .join("\n");
    expect(sent).not.toMatch(/没有 \//);
    expect(lines(h).at(-1)!.result).toBe(result);
  });
});

describe("row 14: button presses", () => {
  it("past the rate limit every press is answered (once) with the notice, and messages get one notice", async () => {
    const h = createHarness({ config: { rateLimit: { limit: 2, windowMs: 60_000 } } });
    await h.say(Q);
    const [answer] = h.sentMessages();
    const data = buttons(answer!)[0]!.data!;
    const mark = h.calls.length;
    for (let k = 0; k < 6; k++) await h.press(data, answer!);
    const acks = h.since(mark, "answerCallbackQuery");
    expect(acks).toHaveLength(6);
    expect(acks.slice(1).every((a) => a.payload.text === zh.rateLimited)).toBe(true);
    const m2 = h.calls.length;
    for (let k = 0; k < 4; k++) await h.say(Q);
    expect(h.since(m2, "sendMessage").map(visible)).toEqual([zh.rateLimited]);
  });

  it("a press nothing else answers is still acknowledged, exactly once", async () => {
    const h = createHarness();
    const on = h.message("x");
    for (const data of ["zz:unknown", "ex:zh:9", "ex:zh:0"]) {
      const mark = h.calls.length;
      await h.press(data, on);
      expect(h.since(mark, "answerCallbackQuery")).toHaveLength(1);
    }
  });
});
