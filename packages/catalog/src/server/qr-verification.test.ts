import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readQrVerificationFile, saveQrVerificationFile } from "./qr-verification";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

async function arrangeRestaurant() {
  const tenantId = randomUUID();
  await db.scoped({ tenantId }, (tx) => tx.tenant.create({ data: { id: tenantId, name: "面馆", slug: `test-${tenantId}`, templateId: "restaurant" } }));
  return tenantId;
}

describe("WeChat's check file for the table-code rule", () => {
  it("keeps one file per store, a new upload replacing the old, and shows it to that store only", async () => {
    const mine = await arrangeRestaurant();
    const theirs = await arrangeRestaurant();
    await db.scoped({ tenantId: mine }, (tx) => saveQrVerificationFile(tx, mine, { name: "AbCd1234.txt", content: "0123456789abcdef" }));
    await db.scoped({ tenantId: mine }, (tx) => saveQrVerificationFile(tx, mine, { name: "XyZ98765.txt", content: " fedcba9876543210\n" }));
    expect(await db.scoped({ tenantId: mine }, readQrVerificationFile)).toMatchObject({ name: "XyZ98765.txt", content: "fedcba9876543210" });
    expect(await db.scoped({ tenantId: theirs }, readQrVerificationFile)).toBeNull();
  });

  it("refuses what is not such a file, naming why", async () => {
    const tenantId = await arrangeRestaurant();
    const save = (name: string, content: string) => db.scoped({ tenantId }, (tx) => saveQrVerificationFile(tx, tenantId, { name, content }));
    await expect(save("../secret.txt", "abc")).rejects.toThrow(/qrVerification.name.invalid/);
    await expect(save("page.html", "abc")).rejects.toThrow(/qrVerification.name.invalid/);
    await expect(save("AbCd1234.txt", "<script>alert(1)</script>\n<p>")).rejects.toThrow(/qrVerification.content.invalid/);
    await expect(save("AbCd1234.txt", "  ")).rejects.toThrow(/qrVerification.content.empty/);
    expect(await db.scoped({ tenantId }, readQrVerificationFile)).toBeNull();
  });
});
