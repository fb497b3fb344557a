import type { Loaded } from "../../src/answer/state.js";

/** Records every catalogOf call on `state` (the reports asked; [] for every report), still answering it. */
export function watchCatalogReads(state: Loaded): string[][] {
  const read: string[][] = [];
  const catalogOf = state.catalogOf;
  state.catalogOf = (reports) => {
    read.push([...reports]);
    return catalogOf(reports);
  };
  return read;
}
