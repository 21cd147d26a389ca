// Reads the archive miniprogram-ci uploads (the gunzipped request body), as WeChat's service does. All integers
// are 32-bit big-endian: a 14-byte header (0xBE, version, index length, data length, 0xED), then the index (file
// count, then per file: name length, name, offset from the start of the archive, length), then the data.
export function readWxapkg(archive: Buffer): Map<string, Buffer> {
  if (archive.length < 18 || archive[0] !== 0xbe || archive[13] !== 0xed) throw new Error("not a wxapkg archive");
  const files = new Map<string, Buffer>();
  let at = 14;
  const count = archive.readInt32BE(at);
  at += 4;
  for (let i = 0; i < count; i++) {
    const nameLength = archive.readInt32BE(at);
    const name = archive.subarray(at + 4, at + 4 + nameLength).toString("utf8");
    at += 4 + nameLength;
    const offset = archive.readInt32BE(at);
    const length = archive.readInt32BE(at + 4);
    at += 8;
    if (offset < 0 || length < 0 || offset + length > archive.length) throw new Error(`wxapkg entry ${name} lies outside the archive`);
    files.set(name, archive.subarray(offset, offset + length));
  }
  return files;
}
