import type { Message } from "grammy/types";
import { InlineKeyboard } from "grammy";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { compactKeyboard } from "../../src/bot/markup.js";
import type { Engine } from "../../src/types.js";
import type { FakeEngine } from "./fakeEngine.js";
import { createHarness, USER, visible } from "./harness.js";

// The bot's replies (issue 23): no empty keyboard row under any answer, and a document from someone who may not
// add reports gets told what to do instead.
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
});
const harness = () => createHarness({ engine: Object.assign(Object.create(engine), { calls: { ask: [], search: [], table: [] } }) as FakeEngine });
const rowsOf = (payload: Record<string, unknown>) => ((payload.reply_markup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard ?? []) as unknown[][];

describe("keyboards", () => {
  it("drops empty rows, and a keyboard with no button at all", () => {
    expect(compactKeyboard(new InlineKeyboard().text("CSV", "a").text("Excel", "b").row())?.inline_keyboard).toEqual([
      [
        { text: "CSV", callback_data: "a" },
        { text: "Excel", callback_data: "b" },
      ],
    ]);
    expect(compactKeyboard(new InlineKeyboard().row())).toBeUndefined();
  });

  for (const q of ["遂宁 计分卡", "江门 月收入 2023 vs 2024", "遂宁 2024 升学人数", "哪个地区2024年在校生最多", "/summary 遂宁 2024"])
    it(`no empty row under the answer to ${q}`, async () => {
      const h = harness();
      await h.say(q);
      const marked = h.calls.filter((c) => c.payload.reply_markup);
      expect(marked.length).toBeGreaterThan(0);
      for (const c of marked) for (const row of rowsOf(c.payload)) expect(row.length).toBeGreaterThan(0);
    });
});

describe("a document sent to the bot", () => {
  it("from a user who may not add reports: what to do instead, never 请用文字提问 alone", async () => {
    const h = harness();
    await h.feed({
      message: {
        message_id: 7,
        date: Math.floor(Date.now() / 1000),
        chat: { id: USER.id, type: "private", first_name: USER.first_name },
        from: USER,
        document: { file_id: "f1", file_unique_id: "u1", file_name: "report.pdf", file_size: 1000 },
      } as Message,
    });
    const text = h.calls
      .filter((c) => c.method === "sendMessage")
      .map(visible)
      .join("\n");
    expect(text).toMatch(/管理员/);
    expect(text).not.toMatch(/^请用文字提问/);
    expect(h.calls.some((c) => c.method === "getFile")).toBe(false);
  });
});
