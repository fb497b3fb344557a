/** The question length limit, shared by the CLI and the bot (src/answer/questionLimit.ts). */
export { MAX_QUESTION_CHARS, preview, tooLong } from "../answer/questionLimit.js";
