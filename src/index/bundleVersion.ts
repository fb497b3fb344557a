/**
 * Bump when what a bundle holds, or how it is made, changes (a parser or extraction rule): every
 * report is then re-read, and an index built by older code is rebuilt at the next start, as the
 * corpus fingerprints include it (src/index/store.ts). Its own module: start-up reads it without
 * loading the ingestion code.
 */
export const BUNDLE_VERSION = 12;
