import { StringDecoder } from "node:string_decoder";

/**
 * The lines of a UTF-8 stream, split on "\n" only ("\r\n" loses its "\r"). node's readline also
 * ends a line at a bare "\r", which would turn one question holding a stray carriage return into
 * two, and shift every later answer of `ask --jsonl` against its question.
 *
 * @example for await (const line of linesOf(process.stdin)) …
 */
export async function* linesOf(stream: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of stream) {
    rest += typeof chunk === "string" ? chunk : decoder.write(chunk);
    let start = 0;
    let nl: number;
    while ((nl = rest.indexOf("\n", start)) >= 0) {
      yield rest.slice(start, nl).replace(/\r$/, "");
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  rest += decoder.end();
  if (rest !== "") yield rest.replace(/\r$/, "");
}
