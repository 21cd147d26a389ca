import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pngImage } from "../testing/images";
import { LocalDirectoryStorage } from "./local";
import { S3Storage } from "./s3";
import type { MediaStorage } from "./storage";

const key = `tenants/5b0c8f7e-2f55-4d0e-9a55-3a4f0d1c2b3a/${"ab".repeat(32)}.png`;
const image = pngImage(32, 32);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function behavesAsStorage(name: string, storage: () => MediaStorage) {
  describe(name, () => {
    it("gives back the bytes it was given, with their content type and size", async () => {
      await storage().put(key, image, "image/png");
      const stored = await storage().get(key);
      expect(stored).toMatchObject({ contentType: "image/png", size: image.byteLength });
      expect(await readAll(stored!.body)).toEqual(image);
    });

    it("answers null for a key with nothing stored", async () => {
      expect(await storage().get(`tenants/5b0c8f7e-2f55-4d0e-9a55-3a4f0d1c2b3a/${"cd".repeat(32)}.png`)).toBeNull();
    });

    it("writes the same key again without trouble (keys are content-addressed)", async () => {
      await storage().put(key, image, "image/png");
      expect(await readAll((await storage().get(key))!.body)).toEqual(image);
    });

    it("refuses keys that could leave the storage's folder", async () => {
      for (const bad of ["../secret.png", "/etc/passwd", "tenants//x.png", "tenants/../../x.png"]) {
        await expect(storage().put(bad, image, "image/png"), bad).rejects.toThrow("Not a media storage key");
      }
    });
  });
}

let directory: string;
let bucketDirectory: string;
let server: S3rver;
let s3: S3Storage;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "kaidian-media-"));
  bucketDirectory = await mkdtemp(path.join(tmpdir(), "kaidian-s3rver-"));
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: bucketDirectory, configureBuckets: [{ name: "media" }] });
  const { port } = await server.run();
  s3 = new S3Storage({
    endpoint: `http://127.0.0.1:${port}`, bucket: "media", region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER",
  });
});

afterAll(async () => {
  s3.destroy();
  await server.close();
  await rm(directory, { recursive: true, force: true });
  await rm(bucketDirectory, { recursive: true, force: true });
});

behavesAsStorage("local directory storage", () => new LocalDirectoryStorage(directory));
behavesAsStorage("S3-compatible storage (a real s3rver)", () => s3);

describe("local directory storage on disk", () => {
  it("keeps each key as a file under the directory and leaves no temporary file behind", async () => {
    const local: MediaStorage = new LocalDirectoryStorage(directory);
    await local.put(key, image, "image/png");
    const folder = path.join(directory, path.dirname(key));
    expect(await readdir(folder)).toEqual([path.basename(key)]);
    expect(new Uint8Array(await readFile(path.join(directory, key)))).toEqual(image);
  });
});
