import { describe, expect, it } from "vitest";
import { didYouMean, commandMenu, COMMAND_NAMES } from "../../src/bot/commands.js";
import { isCommandForMe, leadingCommand, mentionsMe, stripMention } from "../../src/bot/filters/addressed.js";
import { langFromCode, parseLang } from "../../src/bot/i18n.js";

const cmd = (text: string, length = text.split(" ")[0]!.length) => ({ text, entities: [{ type: "bot_command" as const, offset: 0, length }] });

describe("addressed", () => {
  it.each([
    ["/ask 遂宁", { name: "ask", target: null }],
    ["/ask@zhibao_bot 遂宁", { name: "ask", target: "zhibao_bot" }],
    ["/ASK", { name: "ask", target: null }],
  ])("leadingCommand(%j)", (text, expected) => {
    expect(leadingCommand(cmd(text))).toEqual(expected);
  });

  it("needs a bot_command entity at offset 0", () => {
    expect(leadingCommand({ text: "/ask" })).toBeNull();
    expect(leadingCommand({ text: "x /ask", entities: [{ type: "bot_command", offset: 2, length: 4 }] })).toBeNull();
  });

  it("knows which commands are for this bot", () => {
    expect(isCommandForMe(cmd("/ask x"), "zhibao_bot")).toBe(true);
    expect(isCommandForMe(cmd("/ask@Zhibao_Bot x"), "zhibao_bot")).toBe(true);
    expect(isCommandForMe(cmd("/ask@other_bot x"), "zhibao_bot")).toBe(false);
  });

  it("finds and strips mentions", () => {
    const msg = { text: "@zhibao_bot 遂宁 2024 升学人数", entities: [{ type: "mention" as const, offset: 0, length: 11 }] };
    expect(mentionsMe(msg, "zhibao_bot")).toBe(true);
    expect(mentionsMe(msg, "other_bot")).toBe(false);
    expect(stripMention(msg.text, "zhibao_bot")).toBe("遂宁 2024 升学人数");
  });
});

describe("commands", () => {
  it.each([
    ["serch", "search"],
    ["tabel", "table"],
    ["report", "reports"],
    ["hlep", "help"],
    ["cases", "case"],
    ["xyzzy", null],
    ["a", null],
  ])("didYouMean(%j) = %j", (input, expected) => {
    expect(didYouMean(input)).toBe(expected);
  });

  it("has a menu in Chinese and English, /reload only for admins", () => {
    expect(commandMenu("zh").map((c) => c.command)).toEqual(["ask", "summary", "search", "case", "table", "reports", "lang", "help", "start"]);
    expect(commandMenu("en")[0]!.description).toMatch(/Ask/);
    expect(commandMenu("zh", true).map((c) => c.command)).toContain("reload");
    expect(COMMAND_NAMES).toContain("reload");
    for (const c of [...commandMenu("zh", true), ...commandMenu("en", true)]) {
      expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(256);
    }
  });
});

describe("languages", () => {
  it.each([
    [undefined, "zh"],
    ["zh-hans", "zh"],
    ["en", "en"],
    ["ru", "en"],
  ] as const)("langFromCode(%j) = %j", (code, lang) => {
    expect(langFromCode(code)).toBe(lang);
  });

  it.each([
    ["English", "en"],
    ["中文", "zh"],
    ["zh-CN", "zh"],
    ["klingon", null],
    ["", null],
  ])("parseLang(%j) = %j", (input, lang) => {
    expect(parseLang(input)).toBe(lang);
  });
});
