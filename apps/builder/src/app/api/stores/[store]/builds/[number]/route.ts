import { buildNumberSchema } from "@kaidian/publishing";
import { z } from "zod";
import { buildPage } from "@/server/publishing";
import { refuse, storeRoute } from "@/server/store-route";

const query = z.object({ number: buildNumberSchema, after: z.string().regex(/^\d{1,19}$/).optional() });

// One build with its log lines after `after`: the build page follows it live until it ends.
export const GET = storeRoute<{ store: string; number: string }>("publish", async (access, request, params) => {
  const parsed = query.safeParse({ number: params.number, after: new URL(request.url).searchParams.get("after") ?? undefined });
  if (!parsed.success) return refuse(404, "build.notFound");
  const build = await buildPage(access, parsed.data.number, parsed.data.after === undefined ? undefined : BigInt(parsed.data.after));
  if (!build) return refuse(404, "build.notFound");
  return Response.json(build, { headers: { "Cache-Control": "no-store" } });
});
