// The store's orders matching the inbox's filters as a CSV download (one row per line), for those who handle orders.
import { exportOrdersCsv, orderListQuerySchema } from "@kaidian/orders/server";
import { inStore } from "@kaidian/tenancy";
import { currentLocale } from "@/i18n/server";
import { database } from "@/server/db";
import { refuse, storeRoute } from "@/server/store-route";

export const GET = storeRoute("orders", async (access, request) => {
  const query = orderListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return refuse(400, "form.invalid");
  const locale = await currentLocale();
  const text = await inStore(database(), access, (tx) => exportOrdersCsv(tx, query.data, locale));
  const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Response(text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${access.store.slug}-orders-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
