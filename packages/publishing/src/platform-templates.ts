// The platform's template library as this deployment recorded it (platform_templates): which runtime version each
// template holds. WeChat's own list (gettemplatelist) names each template's draft id; this answers by that id.
import type { Database } from "@kaidian/db";

export type PlatformTemplateRecord = {
  draftId: number;
  runtimeVersion: string;
  generatorVersion: string;
  userVersion: string;
  contentHash: string;
  addedAt: Date;
};

/** The templates this deployment added to the platform's library, newest first, by WeChat's draft id. */
export async function platformTemplateRecords(db: Database, componentAppid: string): Promise<PlatformTemplateRecord[]> {
  const rows = await db.scoped({}, (tx) =>
    tx.platformTemplate.findMany({
      where: { componentAppid, status: "added", draftId: { not: null } },
      orderBy: { addedAt: "desc" },
      select: { draftId: true, runtimeVersion: true, generatorVersion: true, userVersion: true, contentHash: true, addedAt: true },
    }),
  );
  return rows.map((row) => ({ ...row, draftId: row.draftId!, addedAt: row.addedAt! }));
}
