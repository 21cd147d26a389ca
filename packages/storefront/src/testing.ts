// Stores for tests: created as the dashboard creates them (with their template's sample content), in their own scope.
import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import type { TemplateId } from "@kaidian/templates";
import { publishConfigVersion } from "./publish";
import { addSampleContent } from "./sample-content";

export async function arrangeStore(
  db: Database,
  store: { name: string; templateId: TemplateId; publish?: boolean; contact?: { phone?: string; address?: string } },
): Promise<string> {
  const tenantId = randomUUID();
  await db.scoped({ tenantId }, async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: store.name, slug: `test-${tenantId}`, templateId: store.templateId } });
    await addSampleContent(tx, { tenantId, templateId: store.templateId, storeName: store.name, contact: store.contact });
    if (store.publish) await publishConfigVersion(tx, tenantId, 1);
  });
  return tenantId;
}
