import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadCatalog } from "./catalog";
import { loadShopperStore } from "./shopper-store";
import { mediaPublicBase, resolveMediaRefs } from "./media-refs";
import { loadSiteSnapshot } from "./snapshot";
import { arrangeStore } from "./testing";

const ref = `/media/5b0c8f7e-2f55-4d0e-9a55-3a4f0d1c2b3a/${"ab".repeat(32)}.png`;
/** What phones are sent: the 750-px variant, which the media route serves (the image itself when narrower). */
const phone = ref.replace(".png", "-750.png");

describe("uploaded image refs leaving for phones", () => {
  it("are made absolute against the https media address, as their phone-width variant, wherever they sit", () => {
    const createdAt = new Date("2026-11-26T00:00:00Z");
    const data = {
      config: { theme: { logo: ref }, pages: { home: { sections: [{ settings: { image: ref, caption: `see ${ref}` } }] } } },
      items: [{ images: [ref, "/assets/samples/tea.svg", "https://cdn.example.com/x.png"], createdAt, price: 1200, gone: null }],
    };
    const resolved = resolveMediaRefs(data, "https://shop.example.com");
    expect(resolved.config.theme.logo).toBe(`https://shop.example.com${phone}`);
    expect(resolved.config.pages.home.sections[0]!.settings).toEqual({ image: `https://shop.example.com${phone}`, caption: `see ${ref}` });
    expect(resolved.items[0]).toEqual({
      images: [`https://shop.example.com${phone}`, "/assets/samples/tea.svg", "https://cdn.example.com/x.png"], createdAt, price: 1200, gone: null,
    });
    expect(data.config.theme.logo).toBe(ref);
  });

  it("stay as they are when there is no https address to resolve against", () => {
    const data = { images: [ref] };
    expect(resolveMediaRefs(data, null)).toBe(data);
  });

  it("use MEDIA_PUBLIC_URL first, then PUBLIC_URL, and only https", () => {
    expect(mediaPublicBase({ MEDIA_PUBLIC_URL: "https://img.example.com/", PUBLIC_URL: "https://shop.example.com" })).toBe("https://img.example.com");
    expect(mediaPublicBase({ PUBLIC_URL: "https://shop.example.com" })).toBe("https://shop.example.com");
    expect(mediaPublicBase({ PUBLIC_URL: "http://localhost:3000" })).toBeNull();
    expect(mediaPublicBase({})).toBeNull();
  });
});

describe("the read paths to phones", () => {
  let db: Database;
  let tenantId: string;
  let uploaded: string;

  beforeAll(async () => {
    db = testDatabase();
    tenantId = await arrangeStore(db, { name: "图片小店", templateId: "ecommerce", publish: true });
    uploaded = `/media/${tenantId}/${"cd".repeat(32)}.webp`;
    await db.scoped({ tenantId }, async (tx) => {
      const first = await tx.catalogItem.findFirstOrThrow({ where: { visible: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
      await tx.catalogItem.update({ where: { tenantId_id: { tenantId, id: first.id } }, data: { images: [uploaded] } });
    });
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await db.disconnect();
  });

  it("send uploaded images as absolute https addresses in the read API's catalog and the generator's snapshot", async () => {
    vi.stubEnv("MEDIA_PUBLIC_URL", "");
    vi.stubEnv("PUBLIC_URL", "https://shop.example.com");
    const published = await loadShopperStore(db, tenantId);
    const sent = `https://shop.example.com${uploaded.replace(".webp", "-750.webp")}`;
    expect(published!.catalog.items[0]!.images).toEqual([sent]);
    const snapshot = await loadSiteSnapshot(db, tenantId, { apiBaseUrl: `https://shop.example.com/api/mp/v1/${tenantId}` });
    expect(snapshot!.catalog.items[0]!.images).toEqual([sent]);
    expect(snapshot!.apiBase).toBe(`https://shop.example.com/api/mp/v1/${tenantId}`);
  });

  it("leave them relative for the dashboard's own reads", async () => {
    vi.stubEnv("PUBLIC_URL", "https://shop.example.com");
    expect((await loadCatalog(db, tenantId)).catalog.items[0]!.images).toEqual([uploaded]);
  });
});
