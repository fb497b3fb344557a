/**
 * Reports sent to the bot: the real bot process (`node bin/zhibao.js start`) against the fake Bot
 * API on 127.0.0.1, with its own copy of the corpus and index. An admin's document is downloaded
 * through getFile and the API root, added in a child process while other chats are answered, and
 * the reply is the receipt; the new report answers at once. A link works the same way. Anyone else
 * gets a polite refusal saying how to get a report added, and nothing is downloaded.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeApi, type FakeCall, startFakeApi, textUpdate } from "./fakeApi.js";
import { ensureBuilt, killAll, ROOT, startBot } from "./botProcess.js";

const ADMIN = { id: 4242, is_bot: false, first_name: "小王", language_code: "zh-hans" };
const OTHER = { id: 5151, is_bot: false, first_name: "小李", language_code: "zh-hans" };
const fixture = (name: string) => readFileSync(join(ROOT, "tests", "fixtures", "reports", name));

let dir: string;
let api: FakeApi;
let site: Server;
let siteRoot: string;

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "zhibao-botadd-"));
  cpSync(join(ROOT, "corpus"), join(dir, "corpus"), { recursive: true });
  cpSync(join(ROOT, "index"), join(dir, "index"), { recursive: true });
  site = createServer((req, res) => {
    if (req.url === "/tongchuan.html") return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(fixture("tongchuan-erzhong-2024.html"));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
  siteRoot = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  killAll();
  site.closeAllConnections();
  await new Promise((r) => site.close(r));
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await api?.stop();
});

/** A private-chat document message. */
function documentUpdate(from: typeof ADMIN, fileId: string, name: string, size: number, messageId: number, caption?: string): Record<string, unknown> {
  return {
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: "private", first_name: from.first_name },
      from,
      document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: name, file_size: size, mime_type: "text/html" },
      ...(caption ? { caption } : {}),
    },
  };
}

/** A private-chat text message from `from`. */
function textFrom(from: typeof ADMIN, text: string, messageId: number): Record<string, unknown> {
  const u = textUpdate(text, messageId) as { message: Record<string, unknown> };
  return { message: { ...u.message, chat: { id: from.id, type: "private", first_name: from.first_name }, from } };
}

const sentTo = (chat: number, re: RegExp) => (c: FakeCall) => c.method === "sendMessage" && Number(c.body.chat_id) === chat && re.test(String(c.body.text));

describe("reports sent to the bot", () => {
  it("an admin's document is downloaded via getFile, added off the bot's thread, and answered with the receipt; other chats are answered meanwhile", async () => {
    api = await startFakeApi();
    const bot = startBot(api.apiRoot, { ADMIN_IDS: String(ADMIN.id), ZHIBAO_CORPUS_DIR: join(dir, "corpus"), ZHIBAO_INDEX_DIR: join(dir, "index"), ZHIBAO_STORE: "files" });
    await api.waitFor((c) => c.method === "getUpdates", 20_000);
    const page = fixture("qinghe-2023.html");
    api.putFile("qinghe1", page);
    api.push(documentUpdate(ADMIN, "qinghe1", "qinghe-2023.html", page.length, 1));
    await api.waitFor(sentTo(ADMIN.id, /收到 qinghe-2023\.html，正在读取/), 15_000);
    const from = api.calls.length;
    // Another chat's question while the report is read in the child.
    api.push(textFrom(OTHER, "遂宁 2024 升学人数", 2));
    const answered = await api.waitFor(sentTo(OTHER.id, /803/), 15_000, from);
    const receipt = await api.waitFor(sentTo(ADMIN.id, /已加入 qinghe-2023\.html/), 30_000, from);
    expect(answered.at).toBeLessThan(receipt.at);
    expect(api.downloads).toEqual(["documents/qinghe1"]);
    const text = String(receipt.body.text);
    expect(text).toContain("qinghe-2023.html：青禾县（区县），2023年");
    expect(text).toMatch(/表2 青禾县中职学校主要指标：3 行，2022, 2023年/);
    expect(text).toMatch(/数字 \d+ 个（表格 19，正文 \d+）/);
    expect(existsSync(join(dir, "corpus", "qinghe-2023.html"))).toBe(true);
    // The engine was swapped: the new report answers.
    const next = api.calls.length;
    api.push(textFrom(OTHER, "青禾县2023年在校生人数", 3));
    await api.waitFor(sentTo(OTHER.id, /青禾县/), 15_000, next);
    // A link from an admin: downloaded from the site, added the same way.
    api.push(textFrom(ADMIN, `${siteRoot}/tongchuan.html`, 4));
    const linked = await api.waitFor(sentTo(ADMIN.id, /已加入 桐川市第二职业中学2024年度质量报告\.html/), 30_000, next);
    expect(String(linked.body.text)).toContain(`原文：${siteRoot}/tongchuan.html`);
    const { code } = await bot.stop("SIGTERM");
    expect(code).toBe(0);
    expect(JSON.stringify(bot.logs())).not.toContain("123456789:TEST");
  }, 90_000);

  it("anyone else is refused politely, told how to get a report added, and nothing is downloaded; an admin's oversize or unreadable file is refused before downloading", async () => {
    api = await startFakeApi();
    const bot = startBot(api.apiRoot, { ADMIN_IDS: String(ADMIN.id), ZHIBAO_CORPUS_DIR: join(dir, "corpus"), ZHIBAO_INDEX_DIR: join(dir, "index"), ZHIBAO_STORE: "files" });
    await api.waitFor((c) => c.method === "getUpdates", 20_000);
    api.putFile("x1", fixture("tongchuan-erzhong-2024.html"));
    api.push(documentUpdate(OTHER, "x1", "tongchuan.html", 3000, 1));
    const refusal = await api.waitFor(sentTo(OTHER.id, /只有管理员可以在这里添加报告/), 15_000);
    expect(String(refusal.body.text)).toContain("发给本机器人的管理员");
    // A bare link from someone else is no question either.
    api.push(textFrom(OTHER, `${siteRoot}/tongchuan.html`, 2));
    await api.waitFor(sentTo(OTHER.id, /只有管理员/), 15_000, api.calls.indexOf(refusal) + 1);
    api.push(documentUpdate(ADMIN, "big", "big.pdf", 25 * 1024 * 1024, 3));
    await api.waitFor(sentTo(ADMIN.id, /25 MB，Telegram 只允许机器人下载 20 MB/), 15_000);
    api.push(documentUpdate(ADMIN, "img", "photo.png", 1000, 4));
    await api.waitFor(sentTo(ADMIN.id, /photo\.png 不是能读取的报告文件/), 15_000);
    expect(api.calls.some((c) => c.method === "getFile")).toBe(false);
    expect(api.downloads).toEqual([]);
    await bot.stop("SIGTERM");
  }, 60_000);
});
