import ExcelJS from "exceljs";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { buttons, createHarness, GROUP, type Call } from "./harness.js";
import { parseTelegramHtml } from "./telegramHtml.js";

// Charts and exports as the bot sends them, within Telegram's limits (the harness refuses a caption
// over 1024 characters, a photo over 10 MB and a document over 50 MB, as Telegram does).

/** The bytes of the file a sendPhoto / sendDocument call uploaded. */
function upload(call: Call): { bytes: Buffer; name: string } {
  const file = (call.method === "sendPhoto" ? call.payload.photo : call.payload.document) as { fileData: Uint8Array; filename?: string };
  return { bytes: Buffer.from(file.fileData), name: file.filename ?? "" };
}
const caption = (call: Call) => parseTelegramHtml(String(call.payload.caption ?? ""));

afterEach(() => {
  delete process.env.ZHIBAO_CHART_FONT;
});

describe("charts", () => {
  it("a change over years is one photo: the chart, the answer as its caption, the buttons under it", async () => {
    const h = createHarness();
    await h.say("遂宁 升学 2023 vs 2024");
    expect(h.violations).toEqual([]);
    expect(h.since(0, "sendMessage")).toEqual([]);
    const [photo] = h.since(0, "sendPhoto");
    expect(photo).toBeDefined();
    const { bytes } = upload(photo!);
    expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(bytes.length).toBeLessThan(10 * 1024 * 1024);
    expect(caption(photo!)).toContain("765");
    expect(caption(photo!)).toContain("803");
    expect(caption(photo!)).toContain("suining-2024.txt 第1350行");
    expect(caption(photo!).length).toBeLessThanOrEqual(1024);
    expect(buttons(photo!).map((b) => b.data?.split(":")[0])).toEqual(["row", "tbl", "rel"]);
  }, 30_000);

  it("in a group the chart replies to the question, like a text answer", async () => {
    const h = createHarness();
    await h.say("/ask 遂宁 升学 2023 vs 2024", { chat: "group" });
    const [photo] = h.since(0, "sendPhoto");
    expect(photo!.payload.chat_id).toBe(GROUP.id);
    expect(photo!.payload.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
  }, 30_000);

  it("a reply to the chart is a follow-up in its context", async () => {
    const h = createHarness();
    await h.say("遂宁 升学 2023 vs 2024");
    const [shown] = h.sentMessages(0);
    await h.say("2023年呢", { replyTo: shown as Message });
    expect(h.engine.calls.ask.at(-1)?.context?.entities).toEqual(["遂宁市职业技术学校"]);
  }, 30_000);

  it("an answer too long for a caption goes as text first, then the chart with its title", async () => {
    const h = createHarness();
    const ask = h.engine.ask.bind(h.engine);
    h.engine.ask = (_q, c) => {
      const a = ask("遂宁 升学 2023 vs 2024", c);
      a.intent = "compare";
      a.facts = Array.from({ length: 12 }, (_, k) => ({ ...a.facts[0]!, entity: `第${k + 1}所名字很长很长很长很长很长很长很长的职业学校`, value: 700 + k, raw: String(700 + k) }));
      return a;
    };
    await h.say("很多学校 对比");
    expect(h.violations).toEqual([]);
    const order = h.calls.filter((c) => c.method === "sendMessage" || c.method === "sendPhoto").map((c) => c.method);
    expect(order).toEqual(["sendMessage", "sendPhoto"]);
    expect(caption(h.since(0, "sendPhoto")[0]!)).toContain("升学人数（人）");
  }, 30_000);

  it("asking to draw a single figure says that there is nothing to chart", async () => {
    const h = createHarness();
    await h.say("遂宁 升学 画图");
    expect(h.since(0, "sendPhoto")).toEqual([]);
    const text = h
      .since(0, "sendMessage")
      .map((c) => parseTelegramHtml(String(c.payload.text)))
      .join("\n");
    expect(text).toContain("803");
    expect(text).toContain("只有一个数字，画不了图表");
  });

  it("without a usable font the answer still goes out as text, and the failure is logged", async () => {
    process.env.ZHIBAO_CHART_FONT = "/nonexistent/font.ttf";
    const h = createHarness();
    await h.say("遂宁 升学 2023 vs 2024");
    expect(h.since(0, "sendPhoto")).toEqual([]);
    expect(parseTelegramHtml(String(h.since(0, "sendMessage")[0]!.payload.text))).toContain("803");
    expect(h.logs.join("\n")).toContain("chart not drawn");
  });
});

describe("exports", () => {
  it("/table has CSV and Excel buttons; CSV sends the table as a UTF-8 file with a BOM", async () => {
    const h = createHarness();
    await h.say("/table 遂宁 计分卡");
    const [table] = h.sentMessages(0);
    const data = buttons(table!).map((b) => [b.text, b.data?.split(":").slice(0, 2).join(":")]);
    expect(data).toEqual([
      ["📄 CSV", "xp:csv"],
      ["📗 Excel", "xp:xlsx"],
    ]);
    const from = h.calls.length;
    await h.press(buttons(table!)[0]!.data!, table!);
    const [doc] = h.since(from, "sendDocument");
    const { bytes, name } = upload(doc!);
    expect(name).toBe("遂宁市职业技术学校-表1-人才培养质量计分卡.csv");
    expect(bytes.subarray(0, 3).toString("hex")).toBe("efbbbf");
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("序号,指标,单位,2023年,2024年");
    expect(lines).toContain(",其中：升学人数,人,765,803");
    expect(caption(doc!)).toContain("表1 人才培养质量计分卡");
    expect(h.violations).toEqual([]);
  });

  it("Excel sends an .xlsx whose figures are number cells", async () => {
    const h = createHarness();
    await h.say("/table 遂宁 计分卡");
    const [table] = h.sentMessages(0);
    const from = h.calls.length;
    await h.press(buttons(table!)[1]!.data!, table!);
    const { bytes, name } = upload(h.since(from, "sendDocument")[0]!);
    expect(name.endsWith(".xlsx")).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cell = book.worksheets[0]!.getRow(3).getCell(5);
    expect(cell.value).toBe(803);
    expect(cell.type).toBe(ExcelJS.ValueType.Number);
  });

  it("导出 after a figure sends the table the figure comes from; after a passage it says only tables export", async () => {
    const h = createHarness();
    const ask = h.engine.ask.bind(h.engine);
    h.engine.ask = (q, c) => ({ ...ask(q.replace("导出", ""), c), wants: "export" as const });
    await h.say("遂宁 2024 升学人数 导出");
    expect(upload(h.since(0, "sendDocument")[0]!).name).toBe("遂宁市职业技术学校-表1-人才培养质量计分卡.xlsx");
    const from = h.calls.length;
    await h.say("什么都没有 导出");
    expect(h.since(from, "sendDocument")).toEqual([]);
    expect(
      h
        .since(from, "sendMessage")
        .map((c) => parseTelegramHtml(String(c.payload.text)))
        .join("\n"),
    ).toContain("只有表格可以导出");
  });

  it("an expired export button says so", async () => {
    const h = createHarness();
    await h.say("/table 遂宁 计分卡");
    const [table] = h.sentMessages(0);
    await h.press("xp:csv:zzzzzzzz:0", table!);
    expect(h.since(0, "sendDocument")).toEqual([]);
    expect(h.since(0, "answerCallbackQuery").at(-1)?.payload.text).toBeTruthy();
  });

  it("a table asked for in words comes as /table shows it, with the export buttons; 导出 also sends the .xlsx", async () => {
    const h = createHarness();
    await h.say("显示遂宁计分卡");
    const [shown] = h.since(0, "sendMessage");
    expect(parseTelegramHtml(String(shown!.payload.text))).toMatch(/^📊 表1 人才培养质量计分卡/);
    expect(buttons(shown!).map((b) => b.text)).toContain("📗 Excel");
    expect(h.since(0, "sendDocument")).toEqual([]);
    const from = h.calls.length;
    await h.say("遂宁 计分卡 导出");
    const [doc] = h.since(from, "sendDocument");
    expect(upload(doc!).name).toBe("遂宁市职业技术学校-表1-人才培养质量计分卡.xlsx");
    expect(h.violations).toEqual([]);
  });
});

describe("small talk", () => {
  it("random letters from a Chinese user get a Chinese reply, the examples as buttons", async () => {
    const h = createHarness();
    await h.say("asdfghqwerty");
    const [reply] = h.since(0, "sendMessage");
    expect(parseTelegramHtml(String(reply!.payload.text))).toBe("没看懂这句话。我回答职业教育质量年度报告里的问题。\n点一下试试：");
    expect(buttons(reply!).map((b) => b.text)).toEqual(["遂宁 2024 升学人数", "遂宁 升学 2023 vs 2024"]);
    const from = h.calls.length;
    await h.press(buttons(reply!)[0]!.data!, h.sentMessages(0)[0]!);
    expect(h.engine.calls.ask.at(-1)?.question).toBe("遂宁 2024 升学人数");
    expect(h.since(from, "sendMessage").length).toBe(1);
  });

  it("an English-speaking user gets it in English", async () => {
    const h = createHarness();
    await h.say("asdfghqwerty", { from: { id: 99, is_bot: false, first_name: "Ann", language_code: "en" } });
    expect(parseTelegramHtml(String(h.since(0, "sendMessage")[0]!.payload.text))).toMatch(/^I didn't understand that\./);
  });
});
