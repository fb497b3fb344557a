import { describe, expect, it } from "vitest";
import { conjoinedWith, unknownPlaceWords } from "../../../src/answer/understand/unknownPlaces.js";

const names = (text: string, read: [number, number][] = []) => unknownPlaceWords(text, read).map((u) => u.name);

describe("unknownPlaceWords", () => {
  it.each([
    ["火星市2024年升学人数", ["火星市"]],
    ["某某区 2024 升学人数", ["某某区"]],
    ["某职业学校2024年升学人数", ["某职业学校"]],
    ["火星县的招生人数", ["火星县"]],
    ["Atlantis 2024 graduates", ["Atlantis"]],
    ["What is the enrolment of Atlantis in 2024?", ["Atlantis"]],
  ])("%s → %j", (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it.each([
    "全市中职学校升学人数",
    "2024年毕业生本省去向落实率",
    "省级重点中职学校有几所",
    "各区县升学人数",
    "城区学校招生人数",
    "示范区建设",
    "民办学校招生完成率",
    "升学人数最高的区",
    "How many graduates went to university in 2024?",
    "Full-time students enrolled",
  ])("finds no place in %s", (text) => {
    expect(names(text)).toEqual([]);
  });

  it("skips what was already read (a report's name, a year)", () => {
    // 乐山 (0–2) is a report; 乐山市 is its name, not an unknown 市.
    expect(names("乐山市2024年升学人数", [[0, 3]])).toEqual([]);
    expect(names("乐山和火星市", [[0, 2]])).toEqual(["火星市"]);
  });
});

describe("conjoinedWith", () => {
  it("a place joined to a named report by 和/、/and is compared; one further off is a topic", () => {
    const text = "成都和乐山2024年升学人数";
    expect(conjoinedWith(text, { name: "成都", start: 0, end: 2 }, [[3, 5]])).toBe(true);
    const topic = "江门 赴港 交流";
    expect(conjoinedWith(topic, { name: "港", start: 4, end: 5 }, [[0, 2]])).toBe(false);
    const en = "Jiangmen case about exchanges with Hong Kong";
    expect(conjoinedWith(en, { name: "Hong Kong", start: 35, end: 44 }, [[0, 8]])).toBe(false);
    expect(conjoinedWith("Jiangmen and Atlantis", { name: "Atlantis", start: 13, end: 21 }, [[0, 8]])).toBe(true);
  });
});
