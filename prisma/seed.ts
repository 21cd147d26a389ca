// Demo data for a first look at the product: an agency serving three stores, one per template, and a login for
// each role. Idempotent: rows have fixed ids or unique emails, and existing rows are left as they are (a demo
// user who changed their password keeps it).
import { hashPassword } from "@kaidian/accounts";
import type { AgencyRole, Database, TenantRole } from "@kaidian/db";
import type { TemplateId } from "@kaidian/templates";

export const DEMO_PASSWORD = "kaidian-demo-2026";

const AGENCY = { id: "7a1d0000-0000-4000-8000-000000000001", name: "开店演示代理商", slug: "demo-agency" };

const STORES: { id: string; name: string; slug: string; templateId: TemplateId }[] = [
  { id: "7a1d0000-0000-4000-8000-000000000101", name: "山野咖啡豆铺", slug: "shanye-coffee", templateId: "ecommerce" },
  { id: "7a1d0000-0000-4000-8000-000000000102", name: "湖畔民宿", slug: "lakeside-inn", templateId: "hotel" },
  { id: "7a1d0000-0000-4000-8000-000000000103", name: "老街面馆", slug: "old-street-noodles", templateId: "restaurant" },
];

type DemoUser = {
  email: string;
  name: string;
  role: string;
  agencyRole?: AgencyRole;
  stores?: { slug: string; role: TenantRole }[];
};

export const DEMO_USERS: DemoUser[] = [
  { email: "agency@demo.kaidian.test", name: "周敏", role: "agency admin", agencyRole: "ADMIN" },
  { email: "publisher@demo.kaidian.test", name: "陈航", role: "agency publisher", agencyRole: "PUBLISHER" },
  { email: "shop@demo.kaidian.test", name: "林小野", role: "merchant owner (e-commerce)", stores: [{ slug: "shanye-coffee", role: "OWNER" }] },
  { email: "hotel@demo.kaidian.test", name: "何湖", role: "merchant owner (hotel)", stores: [{ slug: "lakeside-inn", role: "OWNER" }] },
  { email: "noodles@demo.kaidian.test", name: "王老街", role: "merchant owner (restaurant)", stores: [{ slug: "old-street-noodles", role: "OWNER" }] },
  { email: "staff@demo.kaidian.test", name: "李小二", role: "merchant staff (restaurant)", stores: [{ slug: "old-street-noodles", role: "STAFF" }] },
];

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

  for (const store of STORES) {
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
