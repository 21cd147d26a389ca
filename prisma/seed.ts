// Demo data for a first look at the product: an agency serving three stores, one per template, each with its
// template's sample content published, and a login for each role. Idempotent: rows have fixed ids or unique emails,
// and existing rows are left as they are (a demo user who changed their password, or a store's config, keeps it).
import { hashPassword } from "@kaidian/accounts";
import type { Database } from "@kaidian/db";
import { addSampleContent, publishConfigVersion } from "@kaidian/storefront";
import { DEMO_AGENCY as AGENCY, DEMO_PASSWORD, DEMO_STORES as STORES, DEMO_USERS } from "./demo-data";

export { DEMO_PASSWORD };

export async function seedDemo(db: Database) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, string>();

  await db.scoped({}, async (tx) => {
    await tx.agency.upsert({ where: { id: AGENCY.id }, create: AGENCY, update: {} });
    for (const demo of DEMO_USERS) {
      const user = await tx.user.upsert({
        where: { email: demo.email },
        create: { email: demo.email, name: demo.name, passwordHash },
        update: {},
        select: { id: true },
      });
      userIds.set(demo.email, user.id);
      if (demo.agencyRole) {
        await tx.agencyMember.upsert({
          where: { agencyId_userId: { agencyId: AGENCY.id, userId: user.id } },
          create: { agencyId: AGENCY.id, userId: user.id, role: demo.agencyRole },
          update: {},
        });
      }
    }
  });

  for (const { contact, ...store } of STORES) {
    await db.scoped({ tenantId: store.id }, async (tx) => {
      await tx.tenant.upsert({ where: { id: store.id }, create: { ...store, agencyId: AGENCY.id }, update: {} });
      for (const demo of DEMO_USERS) {
        const membership = demo.stores?.find((s) => s.slug === store.slug);
        if (!membership) continue;
        const userId = userIds.get(demo.email)!;
        await tx.tenantMember.upsert({
          where: { tenantId_userId: { tenantId: store.id, userId } },
          create: { tenantId: store.id, userId, role: membership.role },
          update: {},
        });
      }
      // A store with any config version has had its content already, from an earlier seed or a demo user.
      if ((await tx.configVersion.count()) === 0) {
        await addSampleContent(tx, { tenantId: store.id, templateId: store.templateId, storeName: store.name, contact });
        await publishConfigVersion(tx, store.id, 1);
      }
    });
  }
  return { agency: AGENCY, stores: STORES, users: DEMO_USERS };
}

export function demoLoginsText(): string {
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  return [
    `Demo logins (password for all: ${DEMO_PASSWORD})`,
    ...DEMO_USERS.map((u) => `  ${u.email.padEnd(width)}  ${u.role}`),
  ].join("\n");
}
