import { describe, expect, it } from "vitest";
import { englishName } from "../../src/answer/englishName.js";

describe("the English name of a report's entity", () => {
  it("is the manifest's when it gives one", () => {
    expect(englishName({ entity: "江门市", english: "Jiangmen", kind: "city" })).toBe("Jiangmen");
  });

  it("is a place's pinyin when the manifest gives none", () => {
    expect(englishName({ entity: "云溪市", english: null, kind: "city" })).toBe("Yunxi");
    expect(englishName({ entity: "璧山区", english: null, kind: "district" })).toBe("Bishan");
  });

  it("is none for a school without one: its Chinese name is kept", () => {
    expect(englishName({ entity: "遂宁市职业技术学校", english: null, kind: "school" })).toBeNull();
    expect(englishName({ entity: "遂宁市职业技术学校", english: null, kind: "unknown" })).toBeNull();
  });
});
