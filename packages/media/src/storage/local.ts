import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { formatOfExtension, MEDIA_FORMATS } from "../limits";
import { assertStorageKey, type MediaStorage, type StoredObject } from "./storage";

/** Media as files under one directory (the default: `.data/media` of the repository). */
export class LocalDirectoryStorage implements MediaStorage {
  constructor(readonly directory: string) {}

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.directory, ...key.split("/"));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Written beside the target, then renamed over it: a reader sees the whole file or none, never a part.
    const temporary = `${target}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, bytes, { flag: "wx" });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    const file = this.pathOf(key);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    // A file carries no content type; the key's extension is the one the upload sniffed.
    const format = formatOfExtension(path.extname(key).slice(1));
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    return { body, size, contentType: format ? MEDIA_FORMATS[format].contentType : "application/octet-stream" };
  }
}
