import { DomainError, NotFoundError } from "@kaidian/accounts";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase, uniqueEmail } from "@kaidian/db/testing";
import { templates } from "@kaidian/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOwnStore, inStore, listMembers, listStores, merchantSignUpSchema, resolveStore, signUpMerchant } from "./index";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

const signUp = (overrides: Record<string, unknown> = {}) =>
  signUpMerchant(
    db,
    merchantSignUpSchema.parse({
      name: "林小野", email: uniqueEmail("merchant"), password: "coffee-beans-2026",
      storeName: "山野咖啡", templateId: "ecommerce", ...overrides,
    }),
  );

async function rowCounts() {
  const admin = await superuser();
  const { rows } = await admin.query(
    "SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM tenants)::int AS tenants, (SELECT count(*) FROM tenant_members)::int AS members",
  );
  await admin.end();
  return rows[0];
}

describe("merchant sign-up", () => {
  it("creates the account, the store with the merchant as owner, and a session", async () => {
    const result = await signUp({ storeName: "Lakeside Inn 湖畔", templateId: "hotel" });
    expect(result.store).toMatchObject({ name: "Lakeside Inn 湖畔", templateId: "hotel", status: "ACTIVE" });
    expect(result.store.slug).toMatch(/^lakeside-inn-[0-9a-f]{6}$/);
    expect(result.token).toBeTruthy();
    const access = await resolveStore(db, result.user.id, result.store.slug);
    expect(access.role).toBe("OWNER");
  });

  it("starts the store with the merchant's own phone and address, none of the sample store's", async () => {
    const { store } = await signUp({ storeName: "河边面馆", templateId: "restaurant", phone: "028-6000 1111", address: "成都市锦江区河边街 8 号" });
    const version = await db.scoped({ tenantId: store.id }, (tx) => tx.configVersion.findFirstOrThrow({ select: { config: true } }));
    const config = version.config as { store: Record<string, unknown>; pages: { home: { title: string } } };
    expect(config.store).toEqual({ name: "河边面馆", slogan: "", phone: "028-6000 1111", address: "成都市锦江区河边街 8 号", hours: "", location: null });
    expect(config.pages.home.title).toBe("河边面馆");
  });

  it("checks the store name by the template's own rule, each refusal with the field's message", () => {
    const refused = (storeName: string) =>
      merchantSignUpSchema.safeParse({ name: "林", email: uniqueEmail("bad"), password: "coffee-beans-2026", storeName, templateId: "hotel" }).error?.issues.map(
        (issue) => [issue.path.join("."), issue.message],
      );
    expect(refused("湖畔\u0000民宿")).toEqual([["storeName", "store.name.control"]]);
    expect(refused("湖畔\n民宿")).toEqual([["storeName", "store.name.singleLine"]]);
    expect(refused("湖畔\t民宿")).toEqual([["storeName", "store.name.singleLine"]]);
    expect(refused("   ")).toEqual([["storeName", "store.name.required"]]);
    expect(refused("店".repeat(31))).toEqual([["storeName", "store.name.tooLong"]]);
    // Spaces and tabs around a name are trimmed, as the merchant would expect.
    expect(refused("\t湖畔民宿 ")).toBeUndefined();
    const phone = merchantSignUpSchema.safeParse({ name: "林", email: uniqueEmail("bad"), password: "coffee-beans-2026", storeName: "湖畔", templateId: "hotel", phone: "call me" });
    expect(phone.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["phone", "store.phone.invalid"]]);
  });

  it("gives a Chinese-named store a usable slug", async () => {
    const { store } = await signUp({ storeName: "老街面馆" });
    expect(store.slug).toMatch(/^store-[0-9a-f]{6}$/);
  });

  it("refuses an email already registered, writing nothing", async () => {
    const email = uniqueEmail("taken");
    await signUp({ email });
    const before = await rowCounts();
    const error = await signUp({ email: email.toUpperCase(), storeName: "第二家店" }).catch((e: DomainError) => e);
    expect(error).toMatchObject({ code: "email.taken", field: "email" });
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a store name over 30 characters before anything is written", () => {
    const result = merchantSignUpSchema.safeParse({
      name: "a", email: uniqueEmail(), password: "coffee-beans-2026", storeName: "店".repeat(31), templateId: "hotel",
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ["storeName"], message: "store.name.tooLong" })]);
  });
});

describe("a new store", () => {
  it("opens with its template's sample config as draft version 1 and the sample catalog, by sign-up or not", async () => {
    const merchant = await signUp({ storeName: "湖边小馆", templateId: "restaurant" });
    const second = await createOwnStore(db, merchant.user.id, { storeName: "湖边客栈", templateId: "hotel" });
    for (const [store, templateId] of [[merchant.store, "restaurant"], [second, "hotel"]] as const) {
      const access = await resolveStore(db, merchant.user.id, store.slug);
      const content = await inStore(db, access, async (tx) => ({
        versions: await tx.configVersion.findMany({ select: { number: true, status: true, templateId: true, config: true } }),
        items: await tx.catalogItem.count(),
      }));
      expect(content.versions).toEqual([
        { number: 1, status: "DRAFT", templateId, config: expect.objectContaining({ store: expect.objectContaining({ name: store.name }) }) },
      ]);
      expect(content.items).toBe(templates[templateId].sample.catalog.items.length);
    }
  });
});

describe("store access", () => {
  it("answers 'not found' for another merchant's store, by slug and by id alike", async () => {
    const mine = await signUp();
    const theirs = await signUp();
    for (const ref of [theirs.store.slug, theirs.store.id]) {
      await expect(resolveStore(db, mine.user.id, ref)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(resolveStore(db, mine.user.id, "no-such-store")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists the merchant's own stores, and only those", async () => {
    const owner = await signUp({ storeName: "First" });
    await signUp({ storeName: "Someone else's" });
    await createOwnStore(db, owner.user.id, { storeName: "Second", templateId: "restaurant" });
    const names = (await listStores(db, owner.user.id)).map((access) => access.store.name);
    expect(names).toEqual(["First", "Second"]);
  });

  it("shows nothing of a user's other stores while they act in one of them", async () => {
    const owner = await signUp({ storeName: "店一" });
    await createOwnStore(db, owner.user.id, { storeName: "店二", templateId: "hotel" });
    const first = await resolveStore(db, owner.user.id, owner.store.slug);
    const seen = await inStore(db, first, async (tx) => ({
      stores: await tx.tenant.findMany({ select: { name: true } }),
      memberships: await tx.tenantMember.count(),
    }));
    expect(seen).toEqual({ stores: [{ name: "店一" }], memberships: 1 });
    expect(await listMembers(db, first)).toHaveLength(1);
  });
});
