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
    expect(() => chooseStore("mysql", 5)).toThrow(/ZHIBAO_STORE is "mysql": use files, sqlite, postgres or auto/);
  });

  it("takes PostgreSQL when DATABASE_URL is set, unless ZHIBAO_STORE says otherwise; postgres needs the URL", () => {
    expect(chooseStore(undefined, 5, "postgresql://127.0.0.1/zb")).toBe("postgres");
    expect(chooseStore("auto", 500, " postgresql://127.0.0.1/zb ")).toBe("postgres");
    expect(chooseStore("sqlite", 5, "postgresql://127.0.0.1/zb")).toBe("sqlite");
    expect(chooseStore(undefined, 5, "  ")).toBe("files");
    expect(() => chooseStore("postgres", 5)).toThrow(/DATABASE_URL is not set/);
  });
});
