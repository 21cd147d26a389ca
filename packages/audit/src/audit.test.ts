import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { testDatabase, uniqueEmail } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuditActor, listAuditEvents, recordAudit } from "./index";

let db: Database;
const storeA = randomUUID();
const storeB = randomUUID();
let owner: AuditActor;
let email: string;

beforeAll(async () => {
  db = testDatabase();
  email = uniqueEmail("owner");
  const user = await db.scoped({}, (tx) => tx.user.create({ data: { email, name: "林店主", passwordHash: "x" }, select: { id: true } }));
  owner = { id: user.id, ip: "203.0.113.9" };
  for (const id of [storeA, storeB]) {
    await db.scoped({ tenantId: id }, (tx) => tx.tenant.create({ data: { id, name: "审计", slug: `audit-${id}`, templateId: "ecommerce" } }));
  }
});
afterAll(() => db.disconnect());

const record = (tenantId: string, details: Record<string, string | number> = {}) =>
  db.scoped({ tenantId }, (tx) => recordAudit(tx, { tenantId, actor: owner, action: "wechat.keyChanged", details }));

describe("a store's audit log", () => {
  it("reads back who did what, from where and when, newest first and a page at a time", async () => {
    for (let i = 1; i <= 3; i++) await record(storeA, { fingerprint: `SHA256:${i}` });
    const page = await db.scoped({ tenantId: storeA }, (tx) => listAuditEvents(tx, storeA, { limit: 2 }));
    expect(page.map((event) => event.details.fingerprint)).toEqual(["SHA256:3", "SHA256:2"]);
    expect(page[0]).toMatchObject({ action: "wechat.keyChanged", actor: { id: owner.id, name: "林店主", email }, ip: "203.0.113.9" });
    const next = await db.scoped({ tenantId: storeA }, (tx) => listAuditEvents(tx, storeA, { before: page[1] }));
    expect(next.map((event) => event.details.fingerprint)).toEqual(["SHA256:1"]);
  });

  it("never shows or takes one store's events in another's scope", async () => {
    await record(storeA);
    expect(await db.scoped({ tenantId: storeB }, (tx) => listAuditEvents(tx, storeA))).toEqual([]);
    await expect(
      db.scoped({ tenantId: storeB }, (tx) => recordAudit(tx, { tenantId: storeA, actor: owner, action: "member.invited" })),
    ).rejects.toThrow(/row-level security/);
  });

  it("cannot be changed or erased by the application", async () => {
    await record(storeA);
    await expect(db.scoped({ tenantId: storeA }, (tx) => tx.auditEvent.updateMany({ data: { ip: "0.0.0.0" } }))).rejects.toThrow(/permission denied/);
    await expect(db.scoped({ tenantId: storeA }, (tx) => tx.auditEvent.deleteMany({}))).rejects.toThrow(/permission denied/);
    expect((await db.scoped({ tenantId: storeA }, (tx) => listAuditEvents(tx, storeA))).every((event) => event.ip === "203.0.113.9")).toBe(true);
  });

  it("refuses an action it does not know and secrets-sized details", async () => {
    await expect(
      db.scoped({ tenantId: storeA }, (tx) => recordAudit(tx, { tenantId: storeA, actor: owner, action: "store.deleted" as never })),
    ).rejects.toThrow();
    await expect(record(storeA, { key: "x".repeat(201) })).rejects.toThrow();
  });
});
