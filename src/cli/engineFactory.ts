import { createEngine } from "../answer/engine.js";
import type { Engine } from "../types.js";

/** The engine as the CLI builds it: notices (rebuilding, warnings) go to stderr, never stdout. */
export function cliEngine(): Promise<Engine> {
  return createEngine({ log: (m) => process.stderr.write(`${m}\n`) });
}
