import { describe, expect, it } from "vitest";
import { createMemoryStore, type Entry } from "../../src/bot/store.js";

const entry: Entry = { kind: "search", query: "职普融通", casesOnly: false, hits: [], page: 0 };

describe("createMemoryStore", () => {
  it("gives short keys that fit callback_data", () => {
    const store = createMemoryStore();
    const keys = new Set(Array.from({ length: 1000 }, () => store.put(entry)));
    expect(keys.size).toBe(1000);
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });

  it("finds entries by key and by chat and message id", () => {
    const store = createMemoryStore();
    const key = store.put(entry);
    store.bind(-100, 7, key);
    expect(store.get(key)).toBe(entry);
    expect(store.byMessage(-100, 7)).toBe(entry);
    expect(store.byMessage(-100, 8)).toBeUndefined();
    expect(store.byMessage(100, 7)).toBeUndefined();
  });

  it("forgets the least recently used beyond its memory bound, whatever their count", () => {
    const big: Entry = { kind: "search", query: "x".repeat(5000), casesOnly: false, hits: [], page: 0 };
    // Each entry is ~10 KB as UTF-16: a 35 KB bound holds three.
    const store = createMemoryStore({ maxBytes: 35_000 });
    const keys = Array.from({ length: 10 }, () => store.put(big));
    expect(keys.filter((k) => store.get(k) !== undefined)).toEqual(keys.slice(-3));
  });

  it("forgets the least recently used beyond its size", () => {
    const store = createMemoryStore({ maxEntries: 2 });
    const a = store.put(entry);
    const b = store.put(entry);
    store.get(a); // a is now more recent than b
    const c = store.put(entry);
    expect(store.get(a)).toBeDefined();
    expect(store.get(b)).toBeUndefined();
    expect(store.get(c)).toBeDefined();
  });

  it("expires entries unused for longer than the ttl", () => {
    let now = 0;
    const store = createMemoryStore({ ttlMs: 1000, now: () => now });
    const a = store.put(entry);
    store.bind(1, 1, a);
    now = 900;
    expect(store.get(a)).toBeDefined(); // touched: lives another 1000 ms
    now = 1800;
    expect(store.byMessage(1, 1)).toBeDefined();
    now = 3000;
    expect(store.get(a)).toBeUndefined();
    expect(store.byMessage(1, 1)).toBeUndefined();
  });

  it("remembers a language per user", () => {
    const store = createMemoryStore();
    store.setLang(1, "en");
    expect(store.getLang(1)).toBe("en");
    expect(store.getLang(2)).toBeUndefined();
  });
});
