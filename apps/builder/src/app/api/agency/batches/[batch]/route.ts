import { NotFoundError } from "@kaidian/accounts";
import { agencyOf } from "@kaidian/tenancy";
import { database } from "@/server/db";
import { batchPage } from "@/server/publishing";
import { refuse } from "@/server/store-route";
import { currentUser } from "@/server/session";

// A bulk publish's status table: the agency's page follows it live while any store's build is queued or running.
export async function GET(_request: Request, { params }: { params: Promise<{ batch: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return refuse(401, "session.required");
  const membership = await agencyOf(database(), user.id);
  if (!membership) return refuse(404, "batch.notFound");
  try {
    return Response.json(await batchPage({ userId: user.id, membership }, (await params).batch), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof NotFoundError) return refuse(404, error.code);
    throw error;
  }
}
