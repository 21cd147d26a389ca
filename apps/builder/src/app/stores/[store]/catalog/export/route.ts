// The store's products or dishes as a CSV download, for the merchants who may edit the catalog.
import { isCsvKind } from "@kaidian/catalog";
import { exportCatalogCsv } from "@kaidian/catalog/server";
import { inStore } from "@kaidian/tenancy";
import { templates } from "@kaidian/templates";
import { database } from "@/server/db";
import { storeRoute } from "@/server/store-route";

export const GET = storeRoute("catalog", async (access) => {
  const kind = templates[access.store.templateId].itemKind;
  if (!isCsvKind(kind)) return new Response(null, { status: 404 });
  const text = await inStore(database(), access, (tx) => exportCatalogCsv(tx, access.store.id, kind));
  const filename = `${access.store.slug}-${kind === "product" ? "products" : "dishes"}.csv`;
  return new Response(text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
