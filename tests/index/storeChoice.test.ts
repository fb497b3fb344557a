import { describe, expect, it } from "vitest";
import { chooseStore, SQLITE_ABOVE_REPORTS, StoreChoiceError } from "../../src/index/storeChoice.js";

describe("chooseStore", () => {
  it("takes the files store up to SQLITE_ABOVE_REPORTS report files, the database above", () => {
    expect(chooseStore(undefined, SQLITE_ABOVE_REPORTS)).toBe("files");
    expect(chooseStore(undefined, SQLITE_ABOVE_REPORTS + 1)).toBe("sqlite");
    expect(chooseStore(" Auto ", SQLITE_ABOVE_REPORTS + 1)).toBe("sqlite");
  });

  it("does what ZHIBAO_STORE says, whatever the size", () => {
    expect(chooseStore("sqlite", 1)).toBe("sqlite");
    expect(chooseStore("FILES", 10_000)).toBe("files");
  });

  it("refuses another value, naming the variable and the choices", () => {
    expect(() => chooseStore("postgres-ish", 5)).toThrow(StoreChoiceError);
    expect(() => chooseStore("mysql", 5)).toThrow(/ZHIBAO_STORE is "mysql": use files, sqlite or auto/);
  });
});
