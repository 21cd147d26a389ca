import { DomainError, NotFoundError, signIn } from "@kaidian/accounts";
import type { Database } from "@kaidian/db";
import { testDatabase, uniqueEmail } from "@kaidian/db/testing";
import { templates } from "@kaidian/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_STORES } from "../../../prisma/demo-data";
import { DEMO_PASSWORD, seedDemo } from "../../../prisma/seed";
import { agencyOf, createAgencyStore, inStore, listStores, resolveStore, signUpMerchant, viewInvitation } from "./index";
import { can } from "./permissions";

let db: Database;
const userId = async (email: string) => (await db.scoped({}, (tx) => tx.user.findUniqueOrThrow({ where: { email } }))).id;

beforeAll(async () => {
  db = testDatabase();
  await seedDemo(db);
});
afterAll(() => db.disconnect());

describe("agency", () => {
  it("sees every store it serves and can act on each", async () => {
    const admin = await userId("agency@demo.kaidian.test");
    const stores = await listStores(db, admin);
    expect(stores.map((s) => s.store.slug)).toEqual(expect.arrayContaining(["shanye-coffee", "lakeside-inn", "old-street-noodles"]));
    expect(stores.every((s) => s.role === "AGENCY_ADMIN")).toBe(true);
  });

  it("finds an agency's stores by part of their name", async () => {
    const admin = await userId("agency@demo.kaidian.test");
    const { agency } = (await agencyOf(db, admin))!;
    const found = await listStores(db, admin, { agencyId: agency.id, search: "民宿" });
    expect(found.map((s) => s.store.slug)).toEqual(["lakeside-inn"]);
    expect(await listStores(db, admin, { agencyId: agency.id, search: "no such store" })).toEqual([]);
    // LIKE wildcards typed into the search box are taken literally.
    expect(await listStores(db, admin, { agencyId: agency.id, search: "_" })).toEqual([]);
    expect(await listStores(db, admin, { agencyId: agency.id, search: "%" })).toEqual([]);
  });

  it("gives publishers publishing but not design or settings", async () => {
    const publisher = await userId("publisher@demo.kaidian.test");
    const access = await resolveStore(db, publisher, "lakeside-inn");
    expect(access.role).toBe("AGENCY_PUBLISHER");
    expect([can(access.roles, "publish"), can(access.roles, "design"), can(access.roles, "settings")]).toEqual([true, false, false]);
  });

  it("does not see stores outside the agency", async () => {
    const outsider = await signUpMerchant(db, {
      name: "独立店主", email: uniqueEmail("indie"), password: "indie-shop-2026", storeName: "独立小店", templateId: "ecommerce",
    });
    const admin = await userId("agency@demo.kaidian.test");
    await expect(resolveStore(db, admin, outsider.store.slug)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("opens a store for a merchant and invites them as its owner", async () => {
    const admin = await userId("agency@demo.kaidian.test");
    const membership = (await agencyOf(db, admin))!;
    const { store, invitation } = await createAgencyStore(
      db,
      { userId: admin, membership },
      { storeName: "江边茶馆", templateId: "restaurant", ownerEmail: "tea@example.test" },
    );
    expect(store.agencyId).toBe(membership.agency.id);
    const access = await resolveStore(db, admin, store.slug);
    const content = await inStore(db, access, async (tx) => [await tx.configVersion.count(), await tx.catalogItem.count()]);
    expect(content).toEqual([1, templates.restaurant.sample.catalog.items.length]);
    const [, , tenantId, secret] = invitation!.path.split("/");
    expect(await viewInvitation(db, tenantId!, secret!)).toMatchObject({ storeName: "江边茶馆", role: "OWNER", state: "pending" });
  });

  it("does not let a publisher open stores", async () => {
    const publisher = await userId("publisher@demo.kaidian.test");
    const membership = (await agencyOf(db, publisher))!;
    const refused = createAgencyStore(db, { userId: publisher, membership }, { storeName: "x", templateId: "hotel", ownerEmail: undefined });
    await expect(refused).rejects.toMatchObject({ code: "permission.denied" } satisfies Partial<DomainError>);
  });

  it("seeds idempotently: a second run adds nothing and keeps the demo logins working", async () => {
    const storeContent = (tenantId: string) =>
      db.scoped({ tenantId }, async (tx) => [
        await tx.configVersion.count({ where: { status: "PUBLISHED" } }),
        await tx.configVersion.count(),
        await tx.catalogCategory.count(),
        await tx.catalogItem.count(),
      ]);
    const counts = async () => [
      ...(await db.scoped({}, async (tx) => [await tx.user.count(), await tx.agency.count(), await tx.agencyMember.count()])),
      ...(await Promise.all(DEMO_STORES.map((store) => storeContent(store.id)))),
    ];
    const before = await counts();
    expect(before.slice(3)).toEqual(
      DEMO_STORES.map((store) => {
        const { categories, items } = templates[store.templateId].sample.catalog;
        return [1, 1, categories.length, items.length];
      }),
    );
    await seedDemo(db);
    expect(await counts()).toEqual(before);
    const signed = await signIn(db, { email: "noodles@demo.kaidian.test", password: DEMO_PASSWORD }, "203.0.113.50");
    expect((await listStores(db, signed.user.id)).map((s) => s.store.slug)).toEqual(["old-street-noodles"]);
  });
});
