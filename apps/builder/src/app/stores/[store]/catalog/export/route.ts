// The store's products or dishes as a CSV download, for the merchants who may edit the catalog.
import { NotFoundError } from "@kaidian/accounts";
import { isCsvKind } from "@kaidian/catalog";
import { exportCatalogCsv } from "@kaidian/catalog/server";
import { can, inStore, resolveStore } from "@kaidian/tenancy";
import { templates } from "@kaidian/templates";
import { database } from "@/server/db";
import { currentUser } from "@/server/session";

export async function GET(_request: Request, { params }: { params: Promise<{ store: string }> }) {
  const user = await currentUser();
  if (!user) return new Response(null, { status: 401 });
  const access = await resolveStore(database(), user.id, (await params).store).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  const kind = access && templates[access.store.templateId].itemKind;
  if (!access || !kind || !isCsvKind(kind)) return new Response(null, { status: 404 });
  if (!can(access.roles, "catalog")) return new Response(null, { status: 403 });
  const text = await inStore(database(), access, (tx) => exportCatalogCsv(tx, access.store.id, kind));
  const filename = `${access.store.slug}-${kind === "product" ? "products" : "dishes"}.csv`;
  return new Response(text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
