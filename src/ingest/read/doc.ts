/**
 * Old binary Word (.doc) and WPS (.wps) files: zhibao cannot read them itself. When LibreOffice
 * is installed (`soffice` on the PATH; Debian: libreoffice-writer-nogui) the file is converted to
 * .docx in a temporary folder and read as one; otherwise the message says how to convert it.
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ReportParseError } from "../../errors.js";
import { readDocx } from "./docx.js";

/** How long one conversion may take. */
const CONVERT_TIMEOUT_MS = 120_000;

/** The LibreOffice executable on `path` (the PATH's form), or null. */
export function findSoffice(path = process.env.PATH ?? ""): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const name of ["soffice", "libreoffice"]) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * The text of a .doc or .wps report, converted by LibreOffice; a ReportParseError saying how to
 * convert it when LibreOffice is not there or the conversion fails.
 *
 * @example readOldWord(readFileSync("old.doc"), "old.doc", findSoffice())
 */
export function readOldWord(bytes: Uint8Array, report: string, soffice: string | null = findSoffice()): string {
  const ext = extname(report).toLowerCase() === ".wps" ? ".wps" : ".doc";
  const kind = ext === ".wps" ? "a WPS document (.wps)" : "an old binary Word file (.doc)";
  const howTo = "save it as .docx (Word or WPS: File › Save As; LibreOffice: soffice --headless --convert-to docx) and add that";
  if (!soffice) throw new ReportParseError(report, null, `this is ${kind}, which zhibao reads only through LibreOffice, and LibreOffice is not installed: ${howTo}`);
  const dir = mkdtempSync(join(tmpdir(), "zhibao-doc-"));
  try {
    const input = join(dir, `report${ext}`);
    writeFileSync(input, bytes);
    // A profile of its own, so a LibreOffice already open (or another conversion) does not lock it.
    const profile = `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`;
    execFileSync(soffice, [profile, "--headless", "--convert-to", "docx", "--outdir", dir, input], { stdio: "pipe", timeout: CONVERT_TIMEOUT_MS });
    return readDocx(readFileSync(join(dir, "report.docx")), report);
  } catch (err) {
    if (err instanceof ReportParseError) throw err;
    throw new ReportParseError(report, null, `this is ${kind} and LibreOffice could not convert it (${(err as Error).message.split("\n")[0]}): ${howTo}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
