import "server-only";
import { listVersions } from "@kaidian/design";
import { inStore, type StoreAccess } from "@kaidian/tenancy";
import { database } from "./db";

// Read models for the store pages. Every read runs in the store's own row-level-security scope.

export function storeProgress(access: StoreAccess) {
  return inStore(database(), access, async (tx) => {
    const [designed, catalogItems, wechat, builds, members] = await Promise.all([
      // Version 1 is the template's sample: the design step is done once the merchant saves or publishes.
      tx.configVersion.count({ where: { OR: [{ number: { gt: 1 } }, { status: "PUBLISHED" }] } }),
      tx.catalogItem.count(),
      tx.wechatCredential.findFirst({ select: { appid: true } }),
      tx.build.count({ where: { status: "SUCCEEDED" } }),
      tx.tenantMember.count({ where: { tenantId: access.store.id } }),
    ]);
    return { design: designed > 0, catalog: catalogItems > 0, wechat: Boolean(wechat), publish: builds > 0, members };
  });
}

export function versionHistory(access: StoreAccess) {
  return inStore(database(), access, (tx) => listVersions(tx, access.store.id));
}

export function catalogItems(access: StoreAccess) {
  return inStore(database(), access, (tx) =>
    tx.catalogItem.findMany({
      select: { id: true, title: true, priceFen: true, visible: true },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      take: 200,
    }),
  );
}

export function publishingState(access: StoreAccess) {
  return inStore(database(), access, async (tx) => ({
    wechat: await tx.wechatCredential.findFirst({ select: { appid: true, robot: true } }),
    builds: await tx.build.findMany({
      select: { id: true, status: true, createdAt: true, contentHash: true, error: true },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
  }));
}
