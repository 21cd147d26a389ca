import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigVersionNotFoundError, InvalidConfigError, publishConfigVersion } from "./index";
import { arrangeStore } from "./testing";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

const versions = (tenantId: string) =>
  db.scoped({ tenantId }, (tx) => tx.configVersion.findMany({ select: { number: true, status: true, publishedAt: true }, orderBy: { number: "asc" } }));

describe("publishing a config version", () => {
  it("marks it published once; publishing it again changes nothing", async () => {
    const tenantId = await arrangeStore(db, { name: "发布", templateId: "hotel" });
    await db.scoped({ tenantId }, (tx) => publishConfigVersion(tx, tenantId, 1));
    const [published] = await versions(tenantId);
    expect(published).toMatchObject({ number: 1, status: "PUBLISHED", publishedAt: expect.any(Date) });
    await db.scoped({ tenantId }, (tx) => publishConfigVersion(tx, tenantId, 1));
    expect(await versions(tenantId)).toEqual([published]);
  });

  it("refuses a config its template does not accept, with the problems, and leaves it a draft", async () => {
    const tenantId = await arrangeStore(db, { name: "坏草稿", templateId: "hotel" });
    await db.scoped({ tenantId }, (tx) =>
      tx.configVersion.update({
        where: { tenantId_number: { tenantId, number: 1 } },
        data: { config: { schemaVersion: 2, templateId: "hotel" } },
      }),
    );
    const error = await db.scoped({ tenantId }, (tx) => publishConfigVersion(tx, tenantId, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as InvalidConfigError).problems.map((p) => p.path)).toEqual(expect.arrayContaining(["store", "tabBar"]));
    expect((await versions(tenantId)).map((v) => v.status)).toEqual(["DRAFT"]);
  });

  it("refuses a version the store does not have", async () => {
    const tenantId = await arrangeStore(db, { name: "无版本", templateId: "hotel" });
    await expect(db.scoped({ tenantId }, (tx) => publishConfigVersion(tx, tenantId, 5))).rejects.toBeInstanceOf(ConfigVersionNotFoundError);
  });
});
