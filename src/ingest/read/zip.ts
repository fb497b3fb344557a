/**
 * Reads named entries of a zip archive (a .docx is one) with a cap on what they expand to, enforced
 * while inflating: a 0.9 MB .docx that expands to 200 MB is refused after at most `maxEntryBytes`
 * of output, in a fraction of a second, never 2 GB of memory. The sizes an archive declares are not
 * trusted (a bomb can lie): node's zlib stops at `maxOutputLength` whatever they say.
 */
import { inflateRawSync } from "node:zlib";

/** Limits on what a zip's entries may expand to. */
export interface ZipLimits {
  /** Largest expanded entry, in bytes. */
  maxEntryBytes: number;
  /** Largest sum of the expanded entries read, in bytes. */
  maxTotalBytes: number;
}

/** An archive that expands past its limits: its message says which entry and how far. */
export class ZipLimitError extends Error {
  constructor(
    readonly entry: string,
    readonly limit: number,
  ) {
    super(`${entry} expands to more than ${Math.round(limit / 1024 / 1024)} MB (a report's is a few MB): not read`);
    this.name = "ZipLimitError";
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface CentralEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The central directory's entries (ZIP64 sizes and offsets read from their extra field). */
function centralDirectory(bytes: Uint8Array): CentralEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("no end of central directory: not a zip archive, or cut short");
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  // ZIP64: the locator just before the record points at the ZIP64 end record.
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
    const z = Number(view.getBigUint64(eocd - 12, true));
    count = Number(view.getBigUint64(z + 32, true));
    offset = Number(view.getBigUint64(z + 48, true));
  }
  const decoder = new TextDecoder("utf-8");
  const entries: CentralEntry[] = [];
  for (let i = 0, p = offset; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw new Error("a damaged central directory");
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let compressedSize = view.getUint32(p + 20, true);
    const uncompressed32 = view.getUint32(p + 24, true);
    let localOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    // ZIP64 extra field (id 1): the 64-bit values of the fields that read 0xffffffff, in order.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = view.getUint16(e, true);
      const size = view.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        if (uncompressed32 === 0xffffffff) q += 8;
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = Number(view.getBigUint64(q, true));
      }
      e += 4 + size;
    }
    entries.push({ name, method: view.getUint16(p + 10, true), compressedSize, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The expanded bytes of the entries of a zip archive that `wanted` names (the others are not
 * inflated). Stored and deflated entries only, as Word writes them.
 *
 * @throws ZipLimitError when an entry, or all of them, would expand past `limits`
 * @throws Error for an archive that is damaged or uses another compression
 * @example readZipEntries(bytes, (n) => n === "word/document.xml", { maxEntryBytes: 32 << 20, maxTotalBytes: 48 << 20 })
 */
export function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits): Record<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record<string, Uint8Array> = {};
  let total = 0;
  for (const entry of centralDirectory(bytes)) {
    if (!wanted(entry.name)) continue;
    const p = entry.localOffset;
    if (p + 30 > bytes.length || view.getUint32(p, true) !== LOCAL) throw new Error(`${entry.name}: a damaged local header`);
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    const room = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total);
    let expanded: Uint8Array;
    if (entry.method === 0) {
      if (data.length > room) throw new ZipLimitError(entry.name, room === limits.maxEntryBytes ? limits.maxEntryBytes : limits.maxTotalBytes);
      expanded = data;
    } else if (entry.method === 8) {
      try {
        expanded = inflateRawSync(data, { maxOutputLength: Math.max(1, room) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new ZipLimitError(entry.name, room === limits.maxEntryBytes ? limits.maxEntryBytes : limits.maxTotalBytes);
        throw new Error(`${entry.name}: ${(err as Error).message}`);
      }
    } else throw new Error(`${entry.name}: compression method ${entry.method} is not one Word writes`);
    total += expanded.length;
    out[entry.name] = expanded;
  }
  return out;
}
