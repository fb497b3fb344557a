import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../src/bot/index.js";
import { createFakeEngine } from "./fakeEngine.js";
import { BOT_INFO, buttons, createHarness, GROUP, TOKEN, USER, visible } from "./harness.js";

const Q = "Suining 2024 升学人数";

/** The texts the bot sent (sendMessage) since call index `from`. */
function texts(h: ReturnType<typeof createHarness>, from = 0): string[] {
  return h.since(from, "sendMessage").map(visible);
}

describe("commands", () => {
  it("/start says what the bot does and offers three tappable examples", async () => {
    const h = createHarness();
    await h.say("/start");
    const [call] = h.since(0, "sendMessage");
    expect(visible(call!)).toMatch(/职报问答/);
    const data = buttons(call!)
      .map((b) => b.data)
      .filter(Boolean);
    expect(data).toEqual(["ex:zh:0", "ex:zh:1", "ex:zh:2"]);
    expect(h.violations).toEqual([]);
  });

  it("an example button asks its question", async () => {
    const h = createHarness();
    await h.say("/start");
    const [start] = h.sentMessages();
    const before = h.calls.length;
    await h.press("ex:zh:0", start!);
    expect(h.engine.calls.ask.at(-1)?.question).toBe("遂宁 2024 升学人数");
    expect(texts(h, before).join("\n")).toMatch(/803/);
    expect(h.since(before, "answerCallbackQuery")).toHaveLength(1);
  });

  it("/help shows examples of every kind of question", async () => {
    const h = createHarness();
    await h.say("/help");
    const text = texts(h).join("\n");
    for (const kind of ["数字", "对比", "变化", "追问", "段落", "典型案例", "表格", "报告列表", "语言", "内联"]) expect(text).toContain(kind);
    expect(text).toContain("/search");
    expect(text).toContain("/case");
  });

  it("/ask without a question explains how to use it", async () => {
    const h = createHarness();
    await h.say("/ask");
    expect(texts(h)[0]).toMatch(/用法：\/ask/);
    expect(h.engine.calls.ask).toHaveLength(0);
  });

  it("/reports lists every report with its years", async () => {
    const h = createHarness();
    await h.say("/reports");
    const text = texts(h)[0]!;
    expect(text).toMatch(/已收录 2 份报告/);
    expect(text).toMatch(/遂宁市职业技术学校/);
    expect(text).toMatch(/2023–2024/);
    expect(text).toMatch(/leshan-2024\.txt/);
  });

  it("/table shows a table; a report name lists its tables as buttons", async () => {
    const h = createHarness();
    await h.say("/table 遂宁 计分卡");
    const table = texts(h)[0]!;
    expect(table).toMatch(/表1 人才培养质量计分卡/);
    expect(table).toContain("  其中：升学人数：765 | 803 人");

    const before = h.calls.length;
    await h.say("/table 遂宁");
    const [list] = h.sentMessages(before);
    expect(list!.text).toMatch(/遂宁市职业技术学校 的表格（3 张）/);
    const data = buttons(list!).map((b) => b.data!);
    expect(data).toHaveLength(3);
    const mark = h.calls.length;
    await h.press(data[0]!, list!);
    expect(texts(h, mark)[0]).toMatch(/人才培养质量计分卡/);

    await h.say("/table 成都 计分卡");
    expect(texts(h).at(-1)).toMatch(/没有找到表格/);
    await h.say("/table");
    expect(texts(h).at(-1)).toMatch(/用法：\/table/);
  });

  it("unknown commands get a did-you-mean", async () => {
    const h = createHarness();
    await h.say("/serch 职普融通");
    expect(texts(h)[0]).toBe("没有 /serch 这个命令。你是想用 /search 吗？");
    await h.say("/xyzzy");
    expect(texts(h)[1]).toMatch(/发送 \/help/);
  });

  it("/lang switches replies to English and back, per user", async () => {
    const h = createHarness();
    await h.say("/lang en");
    expect(texts(h)[0]).toMatch(/English/);
    let mark = h.calls.length;
    await h.say(Q);
    expect(texts(h, mark)[0]).toMatch(/Source: suining-2024\.txt line 1350/);

    // Another user still gets Chinese.
    mark = h.calls.length;
    await h.say(Q, { from: { ...USER, id: 5151 } });
    expect(texts(h, mark)[0]).toMatch(/来源：suining-2024\.txt 第1350行/);

    mark = h.calls.length;
    await h.say("/lang");
    const [prompt] = h.sentMessages(mark);
    expect(buttons(prompt!).map((b) => b.data)).toEqual(["lang:zh", "lang:en"]);
    await h.press("lang:zh", prompt!);
    expect(visible(h.since(mark, "editMessageText")[0]!)).toMatch(/中文/);
    mark = h.calls.length;
    await h.say(Q);
    expect(texts(h, mark)[0]).toMatch(/来源/);
  });

  it("/reload rebuilds the index for admins only", async () => {
    const h = createHarness({ config: { adminIds: [USER.id] } });
    await h.say("/reload");
    expect(h.engine.calls.reload).toBe(1);
    expect(texts(h).join("\n")).toMatch(/索引已重建：5 份报告，42 张表格，4321 个数字，987 个段落，1 条警告（详情见日志）/);
    // The warning itself (a parser's English) goes to the log, never into the chat.
    expect(texts(h).join("\n")).not.toMatch(/table without header/);
    expect(h.logs.some((l) => /"msg":"report warning"/.test(l) && /table without header/.test(l) && /lvliang-2023\.txt/.test(l))).toBe(true);

    const mark = h.calls.length;
    await h.say("/reload", { from: { ...USER, id: 9 } });
    expect(h.engine.calls.reload).toBe(1);
    expect(texts(h, mark)[0]).toMatch(/只有管理员/);
  });
});

describe("a question in a private chat", () => {
  it("answers with value, unit, entity, year, table, indicator path, source, variants and buttons", async () => {
    const h = createHarness();
    await h.say(Q);
    const methods = h.calls.map((c) => c.method);
    expect(methods.indexOf("sendChatAction")).toBeLessThan(methods.indexOf("sendMessage"));
    const [answer] = h.since(0, "sendMessage");
    const text = visible(answer!);
    expect(text).toContain("遂宁市职业技术学校 · 2024年 · 其中：升学人数");
    expect(text).toContain("803 人");
    expect(text).toContain("表1 人才培养质量计分卡 › 毕业生去向落实人数 › 其中：升学人数 · 2024年");
    expect(text).toContain("来源：suining-2024.txt 第1350行");
    expect(text).toMatch(/报告其他地方的表述：\n• 803人 — 正文 · suining-2024\.txt 第646行/);
    expect(String(answer!.payload.text)).toContain("<b>803 人</b>");
    const b = buttons(answer!);
    expect(b.map((x) => x.text)).toEqual(["📋 整行", "📊 整张表", "升入本科人数（2024年）", "🔎 相关段落"]);
    for (const x of b) expect(Buffer.byteLength(x.data!, "utf8")).toBeLessThanOrEqual(64);
    expect(h.violations).toEqual([]);
  });

  it("the row, table, alternative and related buttons work", async () => {
    const h = createHarness();
    await h.say(Q);
    const [answer] = h.sentMessages();
    const data = buttons(answer!).map((b) => b.data!);

    let mark = h.calls.length;
    await h.press(data[0]!, answer!);
    const row = texts(h, mark)[0]!;
    expect(row).toContain("毕业生去向落实人数 › 其中：升学人数");
    expect(row).toContain("2024年：803");
    expect(row).toContain("2023年：765");

    mark = h.calls.length;
    await h.press(data[1]!, answer!);
    expect(texts(h, mark)[0]).toMatch(/📊 表1 人才培养质量计分卡/);

    mark = h.calls.length;
    await h.press(data[2]!, answer!);
    expect(h.engine.calls.ask.at(-1)?.question).toBe("遂宁 2024 升入本科人数");
    expect(texts(h, mark)[0]).toMatch(/\b4 人/);

    mark = h.calls.length;
    await h.press(data[3]!, answer!);
    expect(h.engine.calls.search.at(-1)).toEqual({ query: "升学", casesOnly: false });
    expect(texts(h, mark)[0]).toMatch(/「升学」相关段落（12 条）/);
    // Every button press is answered (the spinner stops).
    expect(h.calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(4);
    expect(h.violations).toEqual([]);
  });

  it("a question the reports do not answer gets the engine's reply and its alternative", async () => {
    const h = createHarness();
    await h.say("成都2024年中职升学人数");
    const [call] = h.since(0, "sendMessage");
    expect(visible(call!)).toMatch(/报告里没有找到/);
    expect(buttons(call!).map((b) => b.text)).toEqual(["遂宁 2024 升学人数"]);
  });

  it("a figure the reports leave blank says so, offering alternatives and the passages it found", async () => {
    const h = createHarness();
    await h.say("遂宁2024年教职工满意度");
    const [answer] = h.sentMessages();
    const lead = "遂宁市职业技术学校 2024年 教职工满意度：报告中该项未填写（印为“-”，满意度调查表，suining-2024.txt 第1504行）。";
    // What was not found, then the best of its passages inline (issue 23); the rest behind 🔎.
    expect(answer!.text!.startsWith(`${lead}\n\n最相关的段落：\n`)).toBe(true);
    const b = buttons(answer!);
    expect(b.map((x) => x.text)).toEqual(["遂宁市职业技术学校 家长满意度（满意度调查表，2023、2024年）", "🔎 相关段落"]);
    const searches = h.engine.calls.search.length;
    const mark = h.calls.length;
    await h.press(b[1]!.data!, answer!);
    expect(h.engine.calls.search.length).toBe(searches); // the answer's own passages, no new search
    expect(texts(h, mark)[0]).toMatch(/「遂宁2024年教职工满意度」相关段落（3 条）/);
  });

  it("a question for case studies answers with a paged list", async () => {
    const h = createHarness();
    await h.say("乐山关于职普融通的典型案例有哪些");
    const [call] = h.since(0, "sendMessage");
    expect(visible(call!)).toMatch(/典型案例（12 条）/);
    expect(buttons(call!).map((b) => b.text)).toEqual(["◀", "1/3", "▶"]);
  });

  it("a non-text message gets a hint", async () => {
    const h = createHarness();
    await h.feed({ message: { message_id: 1, date: 0, chat: { id: USER.id, type: "private", first_name: "x" }, from: USER, sticker: { file_id: "s" } } as never });
    expect(texts(h)[0]).toMatch(/请用文字提问/);
  });

  it("escapes report and user text so it can never break the markup", async () => {
    const h = createHarness();
    await h.say("注入 <b>学校</b> & 数字");
    expect(h.violations).toEqual([]);
    const [call] = h.since(0, "sendMessage");
    const text = visible(call!);
    expect(text).toContain(`A&B <script>alert("x")</script> 学校`);
    expect(text).toContain("<803>&amp;");
    await h.say("nothing <i> & </b>");
    await h.say("/search <b>&nbsp;");
    expect(h.violations).toEqual([]);
  });

  it("splits an answer over 4096 characters cleanly, buttons on the last part", async () => {
    const h = createHarness();
    await h.say("全部月收入");
    const parts = h.since(0, "sendMessage");
    expect(parts.length).toBeGreaterThan(1);
    expect(h.violations).toEqual([]);
    for (const p of parts) expect(visible(p).length).toBeLessThanOrEqual(4096);
    // Never cut inside a line: every fact's two lines are whole.
    const all = parts.map(visible).join("\n");
    for (let k = 1; k <= 150; k++) expect(all).toContain(`第${k}所学校（很长的名字用来占位置） 2024年 其中：本地就业月收入：${2999 + k} 元`);
    expect(buttons(parts.at(-1)!).length).toBeGreaterThan(0);
    for (const p of parts.slice(0, -1)) expect(buttons(p)).toEqual([]);
  });

  it("keeps answering when typing… and the command menu fail (as on telegram-test-api)", async () => {
    const h = createHarness({ failUnsupported: true });
    await h.say(Q);
    expect(texts(h)[0]).toMatch(/803/);
    expect(h.logs.join("")).not.toMatch(/handler failed/);
  });

  it("retries a 429 flood wait through autoRetry", async () => {
    const h = createHarness({ floodOnce: { method: "sendMessage", times: 1 } });
    await h.say(Q);
    expect(h.since(0, "sendMessage")).toHaveLength(2);
    expect(h.sentMessages()).toHaveLength(1);
  });
});

describe("groups", () => {
  it("stays quiet unless addressed", async () => {
    const h = createHarness();
    await h.say(Q, { chat: "group" });
    await h.say(`/ask@some_other_bot ${Q}`, { chat: "group" });
    await h.say("/serch 职普融通", { chat: "group" });
    expect(h.calls).toEqual([]);
    expect(h.engine.calls.ask).toHaveLength(0);
  });

  it("answers /ask@bot, /ask and a mention, replying to the question", async () => {
    const h = createHarness();
    for (const text of [`/ask@${BOT_INFO.username} ${Q}`, `/ask ${Q}`, `@${BOT_INFO.username} ${Q}`]) {
      const mark = h.calls.length;
      await h.say(text, { chat: "group" });
      const [call] = h.since(mark, "sendMessage");
      expect(call!.payload.chat_id).toBe(GROUP.id);
      expect(visible(call!)).toMatch(/803 人/);
      expect(call!.payload.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
    }
    expect(h.engine.calls.ask.map((c) => c.question)).toEqual([Q, Q, Q]);
  });

  it("answers a reply to one of its messages, as a follow-up", async () => {
    const h = createHarness();
    await h.say(`/ask ${Q}`, { chat: "group" });
    const [answer] = h.sentMessages();
    const mark = h.calls.length;
    await h.say("2023年呢？", { chat: "group", replyTo: answer! });
    expect(h.engine.calls.ask.at(-1)?.context?.entities).toEqual(["遂宁市职业技术学校"]);
    expect(texts(h, mark)[0]).toMatch(/765 人/);
    // A reply to someone else's message is not for the bot.
    const other = h.message("随便聊聊", { chat: "group" });
    await h.say("同意", { chat: "group", replyTo: other });
    expect(h.since(mark, "sendMessage")).toHaveLength(1);
  });

  it("answers /serch@bot with a did-you-mean", async () => {
    const h = createHarness();
    await h.say(`/serch@${BOT_INFO.username} x`, { chat: "group" });
    expect(texts(h)[0]).toMatch(/\/search/);
  });
});

describe("follow-ups", () => {
  it("in a private chat a typed follow-up is asked in the last answer's context (not as a reply); in a group it is not", async () => {
    const h = createHarness();
    await h.say(Q);
    await h.say("2023年呢？");
    const last = h.engine.calls.ask.at(-1)!;
    expect(last.context).toEqual({ entities: ["遂宁市职业技术学校"], years: [2024], indicator: "升学人数", intent: "figure" });
    expect(texts(h, 0).join("\n")).toContain("765 人");
    // In a group, only a reply continues (other people's questions are in between).
    await h.say(`@zhibao_test_bot ${Q}`, { chat: "group" });
    await h.say("@zhibao_test_bot 2023年呢？", { chat: "group" });
    expect(h.engine.calls.ask.at(-1)!.context).toBeUndefined();
  });

  it("a reply to an answer is asked in that answer's context", async () => {
    const h = createHarness();
    await h.say(Q);
    const [answer] = h.sentMessages();
    const mark = h.calls.length;
    await h.say("2023年呢？", { replyTo: answer! });
    const last = h.engine.calls.ask.at(-1)!;
    expect(last.question).toBe("2023年呢？");
    expect(last.context).toEqual({ entities: ["遂宁市职业技术学校"], years: [2024], indicator: "升学人数", intent: "figure", isReply: true });
    const text = texts(h, mark)[0]!;
    expect(text).toContain("2023年");
    expect(text).toContain("765 人");
    expect(text).toContain("第1349行");
  });

  it("after a restart (empty store) a follow-up is asked without context, and old buttons say expired", async () => {
    const engine = createFakeEngine();
    const first = createHarness({ engine });
    await first.say(Q);
    const [answer] = first.sentMessages();
    const data = buttons(answer!).map((b) => b.data!);

    const second = createHarness({ engine }); // a new process: a new, empty store
    await second.say("2023年呢？", { replyTo: answer! });
    expect(engine.calls.ask.at(-1)?.context).toBeUndefined();
    for (const d of data) {
      const mark = second.calls.length;
      await second.press(d, answer!);
      const acks = second.since(mark, "answerCallbackQuery");
      expect(acks).toHaveLength(1);
      expect(acks[0]!.payload.text).toBe("这个按钮已过期，请重新提问。");
      expect(second.since(mark, "sendMessage")).toHaveLength(0);
    }
    const mark = second.calls.length;
    await second.press("pg:AAAAAAAA:1", answer!);
    expect(second.since(mark, "answerCallbackQuery")[0]!.payload.text).toMatch(/过期/);
  });
});

describe("paging", () => {
  it("/search pages in one message edited in place, with a short key in callback_data", async () => {
    const h = createHarness();
    await h.say("/search 职普融通 产教融合 现代学徒制 校企合作 技能大赛");
    const [list] = h.sentMessages();
    expect(list!.text).toMatch(/相关段落（12 条）/);
    expect(list!.text).toMatch(/^1\. /m);
    const b = buttons(list!);
    expect(b.map((x) => x.text)).toEqual(["◀", "1/3", "▶"]);
    for (const x of b) expect(Buffer.byteLength(x.data!, "utf8")).toBeLessThanOrEqual(64);
    expect(b[2]!.data).toMatch(/^pg:[\w-]{8}:1$/);
    // The query (far longer than 64 bytes) stays on the server.
    expect(b[2]!.data).not.toContain("职普融通");

    let mark = h.calls.length;
    await h.press(b[2]!.data!, list!);
    const [edit] = h.since(mark, "editMessageText");
    expect(edit!.payload.message_id).toBe(list!.message_id);
    expect(visible(edit!)).toMatch(/^6\. /m);
    expect(buttons(edit!).map((x) => x.text)).toEqual(["◀", "2/3", "▶"]);
    expect(h.since(mark, "sendMessage")).toHaveLength(0);

    // ◀ from page 1 wraps to the last page.
    mark = h.calls.length;
    await h.press(b[0]!.data!, list!);
    expect(visible(h.since(mark, "editMessageText")[0]!)).toMatch(/^11\. /m);

    // Pressing the page that is already shown: "message is not modified" is a no-op.
    mark = h.calls.length;
    await h.press(b[0]!.data!, list!);
    expect(h.since(mark, "sendMessage")).toHaveLength(0);
    expect(h.since(mark, "answerCallbackQuery")).toHaveLength(1);
    expect(h.since(mark, "answerCallbackQuery")[0]!.payload.text).toBeUndefined();
    expect(h.logs.join("")).not.toMatch(/handler failed/);

    // The middle button only stops the spinner.
    mark = h.calls.length;
    await h.press("noop", list!);
    expect(h.since(mark).map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(h.violations).toEqual([]);
  });

  it("/case searches case studies only, highlighting the matched terms", async () => {
    const h = createHarness();
    await h.say("/case 电商 联盟");
    expect(h.engine.calls.search.at(-1)).toEqual({ query: "电商 联盟", casesOnly: true });
    const [call] = h.since(0, "sendMessage");
    expect(visible(call!)).toMatch(/1\. 遂潼电商职教联盟成立 · 典型案例 1/);
    expect(visible(call!)).toMatch(/suining-2024\.txt 第752行/);
    expect(String(call!.payload.text)).toContain("<b>电商</b>");
  });

  it("says so when nothing matches", async () => {
    const h = createHarness();
    await h.say("/search nothing");
    expect(texts(h)[0]).toMatch(/没有找到与「nothing」相关的段落/);
    await h.say("/case");
    expect(texts(h)[1]).toMatch(/用法：\/case/);
  });
});

describe("inline mode", () => {
  it("lists the answer, its alternatives and passages", async () => {
    const h = createHarness();
    await h.inline(Q);
    const [call] = h.since(0, "answerInlineQuery");
    const results = call!.payload.results as { id: string; title: string; input_message_content: { message_text: string } }[];
    expect(results[0]!.title).toMatch(/^803 人 · 遂宁市职业技术学校 2024年/);
    expect(results[0]!.input_message_content.message_text).toContain("suining-2024.txt 第1350行");
    expect(results.some((r) => /^4 人/.test(r.title))).toBe(true);
    expect(results.length).toBeLessThanOrEqual(50);
    expect(h.violations).toEqual([]);
  });

  it("caps results at 50 and cuts long texts to fit", async () => {
    const h = createHarness();
    await h.inline("many");
    const [call] = h.since(0, "answerInlineQuery");
    expect((call!.payload.results as unknown[]).length).toBe(50);
    expect(h.violations).toEqual([]);
    await h.inline("全部月收入");
    expect(h.violations).toEqual([]);
  });

  it("an empty query offers help", async () => {
    const h = createHarness();
    await h.inline("  ");
    const [call] = h.since(0, "answerInlineQuery");
    expect(call!.payload.results).toEqual([]);
    expect(call!.payload.button).toMatchObject({ start_parameter: "help" });
  });
});

describe("the allow-list", () => {
  it("serves listed chats and politely refuses everyone else, once, with nothing else", async () => {
    const h = createHarness({ config: { allowedChatIds: [USER.id, GROUP.id] } });
    await h.say(Q);
    expect(texts(h)[0]).toMatch(/803/);

    const stranger = { ...USER, id: 31337 };
    let mark = h.calls.length;
    const asked = h.engine.calls.ask.length;
    await h.say(Q, { from: stranger });
    expect(h.since(mark).map((c) => c.method)).toEqual(["sendMessage"]);
    expect(texts(h, mark)[0]).toBe("抱歉，这个机器人只为授权的团队服务。");
    expect(h.engine.calls.ask.length).toBe(asked);

    mark = h.calls.length;
    await h.inline(Q, stranger);
    expect(h.since(mark).map((c) => c.method)).toEqual(["answerInlineQuery"]);
    expect(h.since(mark)[0]!.payload.results).toEqual([]);

    mark = h.calls.length;
    const theirs = { ...h.sentMessages()[0]!, chat: { id: stranger.id, type: "private" as const, first_name: "x" } };
    await h.press("noop", theirs, stranger);
    expect(h.since(mark).map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(h.since(mark)[0]!.payload.text).toMatch(/授权/);
    expect(h.engine.calls.ask.length).toBe(asked);
  });

  it("refuses an unlisted group only when addressed", async () => {
    const h = createHarness({ config: { allowedChatIds: [USER.id] } });
    await h.say(Q, { chat: "group" });
    expect(h.calls).toEqual([]);
    await h.say(`/ask ${Q}`, { chat: "group" });
    expect(texts(h)).toEqual(["抱歉，这个机器人只为授权的团队服务。"]);
  });
});

describe("errors, limits and logs", () => {
  it("a handler that throws gets a polite answer and the bot keeps going", async () => {
    const h = createHarness();
    await h.say("boom");
    expect(texts(h)).toEqual(["抱歉，处理这条消息时出错了。请稍后再试，或换个问法。"]);
    expect(h.logs.some((l) => /"msg":"handler failed"/.test(l) && /engine exploded/.test(l))).toBe(true);
    const mark = h.calls.length;
    await h.say(Q);
    expect(texts(h, mark)[0]).toMatch(/803/);
  });

  it("a failing button press answers the callback politely", async () => {
    const engine = createFakeEngine();
    const h = createHarness({ engine });
    await h.say(Q);
    const [answer] = h.sentMessages();
    engine.table = () => {
      throw new Error("index gone");
    };
    const mark = h.calls.length;
    await h.press(buttons(answer!)[0]!.data!, answer!);
    // The press was acknowledged before the failure: answered once, the apology in the chat.
    expect(h.since(mark, "answerCallbackQuery")).toHaveLength(1);
    expect(h.since(mark, "sendMessage").map(visible).join("\n")).toMatch(/出错了/);
  });

  it("rate-limits each user, telling them once", async () => {
    const h = createHarness({ config: { rateLimit: { limit: 3, windowMs: 60_000 } } });
    for (let k = 0; k < 6; k++) await h.say(Q);
    const sent = texts(h);
    expect(sent.filter((t) => /803/.test(t))).toHaveLength(3);
    expect(sent.filter((t) => /请稍等/.test(t))).toHaveLength(1);
    // Someone else is not affected.
    await h.say(Q, { from: { ...USER, id: 777 } });
    expect(texts(h).at(-1)).toMatch(/803/);
  });

  it("writes one structured log line per update, never the token", async () => {
    const h = createHarness();
    await h.say(Q);
    await h.say("随便聊聊", { chat: "group" });
    await h.say("boom");
    const lines = h.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "update");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ chat: USER.id, chatType: "private", result: "figure", level: "info" });
    expect(typeof lines[0]!.ms).toBe("number");
    expect(lines[1]).toMatchObject({ chat: GROUP.id, result: "ignored" });
    expect(lines[2]).toMatchObject({ result: "error" });
    expect(h.logs.join("")).not.toContain(TOKEN);
    expect(h.logs.join("")).not.toContain(TOKEN.split(":")[1]);
  });

  it("ignores edited messages and other updates", async () => {
    const h = createHarness();
    await h.feed({ edited_message: { message_id: 5, date: 0, edit_date: 1, chat: { id: USER.id, type: "private", first_name: "x" }, from: USER, text: Q } as never });
    expect(h.calls).toEqual([]);
  });

  it("can share a store, so state survives rebuilding the bot in one process", async () => {
    const store = createMemoryStore();
    const first = createHarness({ store });
    await first.say(Q);
    const [answer] = first.sentMessages();
    const second = createHarness({ store });
    const mark = second.calls.length;
    await second.press(buttons(answer!)[0]!.data!, answer!);
    expect(texts(second, mark)[0]).toContain("2024年：803");
  });
});
