/**
 * Understanding a question: which reports and places it names (entities), which years (years),
 * what kind of answer it wants (intent), and the normalisation they share. Indicator matching
 * lives elsewhere.
 */
export { createEntityResolver, type EntityMatch, type EntityResolver, type ResolverReport, type UnknownEntity } from "./entities.js";
export { parseYears, RECENT_YEARS_SOURCE, type ParsedYears, type YearRef } from "./years.js";
export { detectIntent, type DetectedIntent, type IntentInfo } from "./intent.js";
export { cleanTyped, normalizeQuestion, stripQuestionNoise, toHalfWidth, toSimplified } from "../../text/normalize.js";
export { collectSchoolNames, parseSchoolName, schoolForms, type SchoolParts } from "../../places/schools.js";
export { allPlaces, placeAt, type Place } from "../../places/gazetteer.js";
