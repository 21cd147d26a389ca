// WeChat's check file for a store's table-code rule, at the path WeChat fetches: /q/<store id>/<name> (next.config.ts
// routes it here). Public, as WeChat fetches it without signing in; read in that store's own scope.
import { qrVerificationFileSchema, readQrVerificationFile } from "@kaidian/catalog/server";
import { z } from "zod";
import { database } from "@/server/db";

const paramsSchema = z.object({ tenant: z.uuid(), file: qrVerificationFileSchema.shape.name });

export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string; file: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return new Response("Not found", { status: 404 });
  const file = await database().scoped({ tenantId: parsed.data.tenant }, readQrVerificationFile);
  if (!file || file.name !== parsed.data.file) return new Response("Not found", { status: 404 });
  return new Response(file.content, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" } });
}
