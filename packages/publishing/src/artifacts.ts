// A build's stored files as the dashboard hands them out: the package zip (for a manual upload through WeChat
// DevTools) and a preview's QR image. Looked up through the build, in the store's scope, so a store only ever
// reaches its own.
import type { Transaction } from "@kaidian/db";
import type { MediaStorage, StoredObject } from "@kaidian/media/server";
import type { UploadResult } from "./builds";

export async function buildPackage(tx: Transaction, storage: MediaStorage, number: number): Promise<(StoredObject & { fileName: string }) | null> {
  const build = await tx.build.findFirst({ where: { number }, select: { artifactKey: true, contentHash: true, tenant: { select: { slug: true } } } });
  if (!build?.artifactKey || !build.contentHash) return null;
  const stored = await storage.get(build.artifactKey);
  return stored && { ...stored, fileName: `${build.tenant.slug}-${number}-${build.contentHash.slice(0, 8)}.zip` };
}

export async function previewQr(tx: Transaction, storage: MediaStorage, number: number): Promise<StoredObject | null> {
  const build = await tx.build.findFirst({ where: { number, purpose: "PREVIEW", status: "SUCCEEDED" }, select: { result: true } });
  const qr = (build?.result as UploadResult | null)?.qr;
  return qr ? storage.get(qr.key) : null;
}
