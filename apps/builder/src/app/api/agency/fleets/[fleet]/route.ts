import { NotFoundError } from "@kaidian/accounts";
import { agencyOf } from "@kaidian/tenancy";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { fleetPage } from "@/server/platform-releases";
import { refuse } from "@/server/store-route";
import { currentUser } from "@/server/session";

// A fleet release's live table: the agency's page follows it while the fleet runs.
export async function GET(_request: Request, { params }: { params: Promise<{ fleet: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return refuse(401, "session.required");
  const membership = await agencyOf(database(), user.id);
  if (!membership) return refuse(404, "fleet.notFound");
  try {
    const { locale } = await currentDictionary();
    return Response.json(await fleetPage({ userId: user.id, membership }, (await params).fleet, locale), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof NotFoundError) return refuse(404, error.code);
    throw error;
  }
}
