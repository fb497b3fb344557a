import { afterAll, beforeAll, expect, it } from "vitest";
import type { Engine } from "../../src/types.js";
import type { FakeEngine } from "./fakeEngine.js";
import { buttons, createHarness, visible } from "./harness.js";
import { tinyEngine } from "../answer/tinyEngine.js";

// The bot over a real engine on two made-up school reports of one city, and no report of the city itself:
// the city's name stays ambiguous, so the bot asks which school with one button each (issue 24).
const school = (name: string, students: number) => `${name}职业教育年度质量报告（2024）
一、学校概况
2024年，学校在校生${students}人。
`;

let engine: Engine;
let dispose = () => {};
beforeAll(async () => {
  ({ engine, dispose } = await tinyEngine({ "a-2024.txt": school("遂宁市交通职业技术学校", 5100), "b-2024.txt": school("遂宁市安居职业高级中学", 2200) }));
}, 60_000);
afterAll(() => dispose());

it("a name two reports share gets the list of both and a button for each, and a button answers for its report", async () => {
  const h = createHarness({ engine: Object.assign(Object.create(engine), { calls: { ask: [], search: [], table: [] } }) as FakeEngine });
  await h.say("遂宁 在校生");
  const [asked] = h.since(0, "sendMessage");
  expect(visible(asked!)).toMatch(/「遂宁」可指 2 份报告/);
  const b = buttons(asked!).filter((x) => /遂宁市/.test(x.text));
  expect(b.map((x) => x.text)).toEqual(["遂宁市安居职业高级中学", "遂宁市交通职业技术学校"]);
  const mark = h.calls.length;
  await h.press(b[0]!.data!, h.sentMessages()[0]!);
  const answered = h.since(mark).filter((c) => c.method === "sendMessage" || c.method === "editMessageText");
  expect(answered.map(visible).join("\n")).toMatch(/遂宁市安居职业高级中学[^\n]*在校生\n2,?200 ?人/);
  expect(h.violations).toEqual([]);
});
