// A minimal, deterministic zip writer. Same files in -> same bytes out: entries sorted by path, one fixed
// timestamp, fixed attributes, no extra fields. Deflated bodies are cached per buffer: the runtime's files (and
// sample pictures) are the same buffers in every tenant's package, so they are compressed once per process, while
// a tenant's own files are never kept after its package is written.
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";

/** 1980-01-01 00:00, the zip epoch, written as DOS date and time fields. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const VERSION = 20;
const UTF8_NAMES = 1 << 11;

type Compressed = { method: 0 | 8; body: Buffer; crc: number };

const cache = new WeakMap<Buffer, Compressed>();

function compress(content: Buffer): Compressed {
  const cached = cache.get(content);
  if (cached) return cached;
  const deflated = deflateRawSync(content, { level: 9 });
  // Stored beats deflated for already-compressed files (PNG): never make an entry bigger.
  const entry: Compressed =
    deflated.length < content.length
      ? { method: 8, body: deflated, crc: crc32(content) }
      : { method: 0, body: content, crc: crc32(content) };
  cache.set(content, entry);
  return entry;
}

export function zipFiles(files: ReadonlyMap<string, Buffer>): Buffer {
  const entries = [...files.keys()].sort().map((path) => ({ name: path, nameBytes: Buffer.byteLength(path, "utf8"), content: files.get(path)!, ...compress(files.get(path)!) }));
  const localsSize = entries.reduce((sum, entry) => sum + 30 + entry.nameBytes + entry.body.length, 0);
  const centralSize = entries.reduce((sum, entry) => sum + 46 + entry.nameBytes, 0);
  // One allocation for the whole zip: a thousand packages in a row leave no trail of small buffers behind.
  const zip = Buffer.alloc(localsSize + centralSize + 22);
  let offset = 0;
  let central = localsSize;
  for (const { name, nameBytes, content, method, body, crc } of entries) {
    zip.writeUInt32LE(0x04034b50, offset);
    zip.writeUInt16LE(VERSION, offset + 4);
    zip.writeUInt16LE(UTF8_NAMES, offset + 6);
    zip.writeUInt16LE(method, offset + 8);
    zip.writeUInt16LE(DOS_TIME, offset + 10);
    zip.writeUInt16LE(DOS_DATE, offset + 12);
    zip.writeUInt32LE(crc, offset + 14);
    zip.writeUInt32LE(body.length, offset + 18);
    zip.writeUInt32LE(content.length, offset + 22);
    zip.writeUInt16LE(nameBytes, offset + 26);
    zip.writeUInt16LE(0, offset + 28);
    zip.write(name, offset + 30, "utf8");
    body.copy(zip, offset + 30 + nameBytes);

    zip.writeUInt32LE(0x02014b50, central);
    zip.writeUInt16LE((3 << 8) | VERSION, central + 4); // made by Unix, so the mode below is honoured
    zip.writeUInt16LE(VERSION, central + 6);
    zip.writeUInt16LE(UTF8_NAMES, central + 8);
    zip.writeUInt16LE(method, central + 10);
    zip.writeUInt16LE(DOS_TIME, central + 12);
    zip.writeUInt16LE(DOS_DATE, central + 14);
    zip.writeUInt32LE(crc, central + 16);
    zip.writeUInt32LE(body.length, central + 20);
    zip.writeUInt32LE(content.length, central + 24);
    zip.writeUInt16LE(nameBytes, central + 28);
    zip.writeUInt32LE((0o100644 << 16) >>> 0, central + 38);
    zip.writeUInt32LE(offset, central + 42);
    zip.write(name, central + 46, "utf8");

    offset += 30 + nameBytes + body.length;
    central += 46 + nameBytes;
  }
  const end = localsSize + centralSize;
  zip.writeUInt32LE(0x06054b50, end);
  zip.writeUInt16LE(entries.length, end + 8);
  zip.writeUInt16LE(entries.length, end + 10);
  zip.writeUInt32LE(centralSize, end + 12);
  zip.writeUInt32LE(localsSize, end + 16);
  return zip;
}

/**
 * The files of a zip this module wrote (stored or deflated entries, no extra fields, no zip64), for a stored
 * package handed to WeChat again. Each entry's CRC is checked, so a damaged artifact is refused, not uploaded.
 */
export function unzipFiles(zip: Buffer): Map<string, Buffer> {
  const end = zip.length - 22;
  if (end < 0 || zip.readUInt32LE(end) !== 0x06054b50) throw new Error("Not a package zip: no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("Not a package zip: broken central directory");
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    at += 46 + nameLength + extraLength + commentLength;

    const bodyStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(bodyStart, bodyStart + compressedSize);
    const content = method === 8 ? inflateRawSync(body) : method === 0 ? Buffer.from(body) : null;
    if (!content) throw new Error(`Package zip entry ${name} uses compression method ${method}`);
    if (crc32(content) !== crc) throw new Error(`Package zip entry ${name} is damaged (CRC mismatch)`);
    if (name.startsWith("/") || name.split("/").includes("..")) throw new Error(`Package zip entry ${name} points outside the package`);
    files.set(name, content);
  }
  return files;
}
