// What the store keeps of an upload, with real files: a phone photo's GPS position and an HTML tail do not survive,
// the photo stands upright, and the Mini Program's narrower variants are stored beside it.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadMedia } from "./assets";
import { mediaStorageKey } from "./refs";
import { LocalDirectoryStorage } from "./storage/local";
import { pngImage } from "./testing/images";

let db: Database;
let directory: string;
let storage: LocalDirectoryStorage;
const store = randomUUID();

beforeAll(async () => {
  db = testDatabase();
  directory = await mkdtemp(path.join(tmpdir(), "kaidian-reencode-"));
  storage = new LocalDirectoryStorage(directory);
  await db.scoped({ tenantId: store }, (tx) => tx.tenant.create({ data: { id: store, name: "Photos", slug: `photos-${store}`, templateId: "ecommerce" } }));
});
afterAll(async () => {
  await db.disconnect();
  await rm(directory, { recursive: true, force: true });
});

const upload = (bytes: Uint8Array, originalName: string) =>
  db.scoped({ tenantId: store }, (tx) => uploadMedia(tx, storage, { tenantId: store, userId: null, bytes, originalName }));

async function stored(key: string): Promise<Buffer> {
  const object = await storage.get(key);
  if (!object) throw new Error(`nothing stored at ${key}`);
  return Buffer.from(await new Response(object.body).arrayBuffer());
}

/**
 * An EXIF block as a phone writes it, built by hand (big-endian TIFF): IFD0 holds the orientation (6: the sensor
 * was turned a quarter, show it rotated) and a pointer to the GPS IFD, which holds latitude 31° 14' N.
 */
function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(92);
  tiff.write("MM", 0, "ascii");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0 at 8: two entries, then the next-IFD offset (none).
  tiff.writeUInt16BE(2, 8);
  tiff.writeUInt16BE(0x0112, 10); tiff.writeUInt16BE(3, 12); tiff.writeUInt32BE(1, 14); tiff.writeUInt16BE(6, 18);
  tiff.writeUInt16BE(0x8825, 22); tiff.writeUInt16BE(4, 24); tiff.writeUInt32BE(1, 26); tiff.writeUInt32BE(38, 30);
  tiff.writeUInt32BE(0, 34);
  // GPS IFD at 38: GPSLatitudeRef "N", GPSLatitude three rationals at 68.
  tiff.writeUInt16BE(2, 38);
  tiff.writeUInt16BE(0x0001, 40); tiff.writeUInt16BE(2, 42); tiff.writeUInt32BE(2, 44); tiff.write("N\0", 48, "ascii");
  tiff.writeUInt16BE(0x0002, 52); tiff.writeUInt16BE(5, 54); tiff.writeUInt32BE(3, 56); tiff.writeUInt32BE(68, 60);
  tiff.writeUInt32BE(0, 64);
  [31, 1, 14, 1, 0, 1].forEach((value, index) => tiff.writeUInt32BE(value, 68 + index * 4));
  const body = Buffer.concat([Buffer.from("Exif\0\0", "binary"), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/** A real 40×20 JPEG from a phone: the EXIF block right after the start-of-image marker. */
async function phonePhoto(): Promise<Uint8Array> {
  const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer();
  return new Uint8Array(Buffer.concat([jpeg.subarray(0, 2), exifWithGps(), jpeg.subarray(2)]));
}

describe("re-encoding uploads", () => {
  it("removes a phone photo's GPS position and other EXIF, and turns it upright", async () => {
    const photo = await phonePhoto();
    const before = await sharp(photo).metadata();
    expect(before).toMatchObject({ width: 40, height: 20, orientation: 6 });
    expect(before.exif?.includes(Buffer.from([0x88, 0x25]))).toBe(true);

    const asset = await upload(photo, "IMG_0001.jpg");
    expect(asset).toMatchObject({ format: "jpeg", width: 20, height: 40 });
    const kept = await stored(asset.storageKey);
    const after = await sharp(kept).metadata();
    expect(after).toMatchObject({ format: "jpeg", width: 20, height: 40 });
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(kept.includes("Exif")).toBe(false);
    expect(asset.bytes).toBe(kept.byteLength);
  });

  it("stores a PNG with an HTML tail as a clean PNG that ends where the picture ends", async () => {
    const tail = Buffer.from("<html><script>alert(document.cookie)</script></html>");
    const polyglot = new Uint8Array(Buffer.concat([pngImage(48, 32, [10, 200, 90]), tail]));
    const asset = await upload(polyglot, "logo.png");
    const kept = await stored(asset.storageKey);
    expect(kept.includes("<script>")).toBe(false);
    expect(kept.subarray(-8, -4).toString("ascii")).toBe("IEND");
    expect(await sharp(kept).metadata()).toMatchObject({ format: "png", width: 48, height: 32 });
    const { data } = await sharp(kept).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([10, 200, 90]);
  });

  it("stores the variants the Mini Program shows beside a large image, and none wider than the image", async () => {
    const large = await upload(pngImage(1000, 500, [1, 2, 3]), "banner.png");
    for (const [width, height] of [[375, 188], [750, 375]] as const) {
      expect(await sharp(await stored(mediaStorageKey(store, large.sha256, "png", width))).metadata(), `${width}`).toMatchObject({ width, height });
    }
    const middling = await upload(pngImage(500, 100, [4, 5, 6]), "strip.png");
    expect(await sharp(await stored(mediaStorageKey(store, middling.sha256, "png", 375))).metadata()).toMatchObject({ width: 375, height: 75 });
    expect(await storage.get(mediaStorageKey(store, middling.sha256, "png", 750))).toBeNull();
  });
});
