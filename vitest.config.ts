import { defineConfig } from "vitest/config";

// A 2-core CI machine loading nodejieba's dictionary and building the index while other test
// files run needs more than vitest's 5 s default; a hung test still fails, just later.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
