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
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const path of [...files.keys()].sort()) {
    const content = files.get(path)!;
    const name = Buffer.from(path, "utf8");
    const { method, body, crc } = compress(content);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | VERSION, 4); // made by Unix, so the mode below is honoured
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
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
