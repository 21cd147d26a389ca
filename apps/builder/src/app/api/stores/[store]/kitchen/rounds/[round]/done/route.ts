// The kitchen marks a dish of a round done (`{ position }`), or the whole round (`{}`).
import { z } from "zod";
import { markKitchenDone } from "@/server/kitchen";
import { refuse, storeRoute } from "@/server/store-route";

const bodySchema = z.object({ position: z.int().min(0).max(10_000).optional() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const POST = storeRoute<{ store: string; round: string }>("orders", async (access, request, { round }) => {
  const body = bodySchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return refuse(400, "request.invalid");
  if (!UUID.test(round) || !(await markKitchenDone(access, { roundId: round, position: body.data.position }))) return refuse(404, "kitchen.roundNotFound");
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
});
