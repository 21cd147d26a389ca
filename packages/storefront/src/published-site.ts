import type { Database } from "@kaidian/db";
import type { Site } from "@kaidian/templates";
import { configVersionFields, siteOf } from "./config-version";
import { inLiveStore } from "./live-store";

/**
 * What a shopper's Mini Program shows: the store's latest published config version (by number). Null when the
 * store is unknown, not active or has published nothing; InvalidConfigError when the saved config does not pass.
 */
export function loadPublishedSite(db: Database, tenantId: string): Promise<Site | null> {
  return inLiveStore(db, tenantId, async (tx) => {
    const version = await tx.configVersion.findFirst({
      where: { tenantId, status: "PUBLISHED" },
      orderBy: { number: "desc" },
      select: configVersionFields,
    });
    return version && siteOf(version);
  });
}
