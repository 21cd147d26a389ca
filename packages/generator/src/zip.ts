// A minimal, deterministic zip writer. Same files in -> same bytes out: entries sorted by path, one fixed
// timestamp, fixed attributes, no extra fields. Deflated bodies are cached by content, so the runtime's files,
// identical across tenants, are compressed once per process rather than once per tenant.
import { createHash } from "node:crypto";
import { crc32, deflateRawSync } from "node:zlib";

/** 1980-01-01 00:00, the zip epoch, written as DOS date and time fields. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const VERSION = 20;
const UTF8_NAMES = 1 << 11;

type Compressed = { method: 0 | 8; body: Buffer; crc: number };

const cache = new Map<string, Compressed>();
const CACHE_LIMIT = 5_000;

function compress(content: Buffer): Compressed {
  const key = createHash("sha1").update(content).digest("base64");
  const cached = cache.get(key);
  if (cached) return cached;
  const deflated = deflateRawSync(content, { level: 9 });
  // Stored beats deflated for already-compressed files (PNG): never make an entry bigger.
  const entry: Compressed =
    deflated.length < content.length
      ? { method: 8, body: deflated, crc: crc32(content) }
      : { method: 0, body: content, crc: crc32(content) };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, entry);
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
