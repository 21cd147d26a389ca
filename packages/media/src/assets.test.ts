import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMedia, listMedia, uploadMedia } from "./assets";
import { MediaRefusedError } from "./errors";
import { LocalDirectoryStorage } from "./storage/local";
import type { MediaStorage } from "./storage/storage";
import { gifImage, pngImage } from "./testing/images";

let db: Database;
let directory: string;
let storage: LocalDirectoryStorage;
const storeA = randomUUID();
const storeB = randomUUID();

async function arrangeStore(tenantId: string) {
  await db.scoped({ tenantId }, (tx) =>
    tx.tenant.create({ data: { id: tenantId, name: "Media test", slug: `media-${tenantId}`, templateId: "ecommerce" } }),
  );
}

const upload = (tenantId: string, bytes: Uint8Array, originalName = "logo.png", into: MediaStorage = storage) =>
  db.scoped({ tenantId }, (tx) => uploadMedia(tx, into, { tenantId, userId: null, bytes, originalName }));

beforeAll(async () => {
  db = testDatabase();
  directory = await mkdtemp(path.join(tmpdir(), "kaidian-media-"));
  storage = new LocalDirectoryStorage(directory);
  await arrangeStore(storeA);
  await arrangeStore(storeB);
});

afterAll(async () => {
  await db.disconnect();
  await rm(directory, { recursive: true, force: true });
});

describe("a store's uploaded images", () => {
  it("records an upload under the content hash of the bytes it stores, with its ref", async () => {
    const image = pngImage(120, 60);
    const asset = await upload(storeA, image, "C:\\photos\\店铺\u0007标志.png");
    expect(asset).toMatchObject({ format: "png", contentType: "image/png", width: 120, height: 60, originalName: "店铺标志.png" });
    expect(asset.ref).toBe(`/media/${storeA}/${asset.sha256}.png`);
    expect(asset.storageKey).toBe(`tenants/${storeA}/${asset.sha256}.png`);
    const stored = new Uint8Array(await new Response((await storage.get(asset.storageKey))!.body).arrayBuffer());
    expect(stored.byteLength).toBe(asset.bytes);
    expect(createHash("sha256").update(stored).digest("hex")).toBe(asset.sha256);
  });

  it("keeps one asset when the same image is uploaded again", async () => {
    const image = gifImage(40, 40);
    const first = await upload(storeA, image, "a.gif");
    const again = await upload(storeA, image, "b.gif");
    expect(again.id).toBe(first.id);
    const all = await db.scoped({ tenantId: storeA }, (tx) => listMedia(tx, storeA));
    expect(all.filter((asset) => asset.sha256 === first.sha256)).toHaveLength(1);
  });

  it("lists newest first", async () => {
    const older = await upload(storeA, pngImage(30, 30, [1, 2, 3]));
    const newer = await upload(storeA, pngImage(30, 30, [4, 5, 6]));
    const refs = (await db.scoped({ tenantId: storeA }, (tx) => listMedia(tx, storeA))).map((asset) => asset.ref);
    expect(refs.indexOf(newer.ref)).toBeLessThan(refs.indexOf(older.ref));
  });

  it("writes nothing for a refused file", async () => {
    const put = { calls: 0 };
    const counting: MediaStorage = { put: async () => void put.calls++, get: async () => null };
    const refused = upload(storeA, new TextEncoder().encode("just text"), "fake.png", counting);
    await expect(refused).rejects.toBeInstanceOf(MediaRefusedError);
    expect(put.calls).toBe(0);
  });

  it("never shows one store's image to another, in the application or in the database", async () => {
    const asset = await upload(storeA, pngImage(50, 50, [9, 9, 9]));
    const fromB = await db.scoped({ tenantId: storeB }, async (tx) => ({
      found: await findMedia(tx, storeB, asset.sha256),
      // Even asked for by A's id, B's scope sees none of A's rows: row-level security, not only the query.
      foundAsA: await findMedia(tx, storeA, asset.sha256),
      listed: await listMedia(tx, storeA),
    }));
    expect(fromB).toEqual({ found: null, foundAsA: null, listed: [] });
    expect(await db.scoped({ tenantId: storeA }, (tx) => findMedia(tx, storeA, asset.sha256))).toMatchObject({ id: asset.id });
  });

  it("refuses, in the database, a row written into another store", async () => {
    const intruding = db.scoped({ tenantId: storeB }, (tx) => uploadMedia(tx, storage, { tenantId: storeA, userId: null, bytes: pngImage(70, 70), originalName: "x.png" }));
    await expect(intruding).rejects.toThrow(/row-level security/);
    const admin = await superuser();
    try {
      const { rows } = await admin.query("SELECT count(*)::int AS n FROM media_assets WHERE tenant_id = $1 AND width = 70", [storeA]);
      expect(rows[0].n).toBe(0);
    } finally {
      await admin.end();
    }
  });

  it("uploads the same image to two stores as two assets, each in its own folder", async () => {
    const image = pngImage(64, 64, [7, 7, 7]);
    const [a, b] = [await upload(storeA, image), await upload(storeB, image)];
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
    expect(b.ref).toBe(`/media/${storeB}/${b.sha256}.png`);
  });
});
