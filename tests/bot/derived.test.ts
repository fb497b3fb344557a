import { expect, it } from "vitest";
import { tinyEngineFor } from "../answer/tinyEngine.js";
import { YUNXI } from "../answer/yunxi.js";
import type { FakeEngine } from "./fakeEngine.js";
import { createHarness, visible } from "./harness.js";

// The bot shows a derived figure offered beside "not printed" (answer/derived.ts), not only the first line and a passage.
const engine = tinyEngineFor({ "yunxi-2024.txt": YUNXI });

it("云溪 2023年 专任教师: not printed, then 191（推算） as a note, then the passage", async () => {
  const h = createHarness({ engine: Object.assign(Object.create(engine()), { calls: { ask: [], search: [], table: [] } }) as FakeEngine });
  await h.say("云溪 2023年 专任教师");
  const text = h.calls
    .filter((c) => c.method === "sendMessage")
    .map(visible)
    .join("\n");
  expect(text).toMatch(/报告中没有这一年的数字[\s\S]*推算为 191 人（推算）[\s\S]*308人/);
});
