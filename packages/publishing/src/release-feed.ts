// Tells a store's open release card that one of its platform releases changed, from PostgreSQL: the
// `platform_releases_changed` channel (migration 20261204030000_platform_authorizing) announces every change of a
// release's status at commit, whoever made it (the dashboard, WeChat's audit push through shop-api, a fleet's
// worker). A StoreFeed: one listening connection per process, each page hearing only its own store.
import { isUuid, StoreFeed, storeAnnouncement } from "@kaidian/db/store-feed";
import type { PlatformReleaseStatus } from "./platform-releases";

export const RELEASE_CHANNEL = "platform_releases_changed";

export type ReleaseChange = { release: string; status: PlatformReleaseStatus };

export function parseReleaseChange(payload: string): (ReleaseChange & { tenant: string }) | null {
  const fields = storeAnnouncement(payload);
  if (!fields || !isUuid(fields.release) || typeof fields.status !== "string") return null;
  return { tenant: fields.tenant, release: fields.release, status: fields.status as PlatformReleaseStatus };
}

export class ReleaseFeed extends StoreFeed<ReleaseChange> {
  constructor(databaseUrl: string, onError?: (error: Error) => void) {
    super(databaseUrl, RELEASE_CHANNEL, parseReleaseChange, onError);
  }
}
