// The kitchen display's rounds as JSON: what the screen draws first, and again after each change it hears.
import { kitchenView } from "@/server/kitchen";
import { storeRoute } from "@/server/store-route";

export const dynamic = "force-dynamic";

export const GET = storeRoute("orders", async (access) => Response.json({ rounds: await kitchenView(access) }, { headers: { "Cache-Control": "no-store" } }));
