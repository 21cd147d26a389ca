// The demo agency, stores and logins that `npm start` seeds. Plain data, so browser tests can import it too.
import type { AgencyRole, TenantRole } from "@kaidian/db";
import type { TemplateId } from "@kaidian/templates";

export const DEMO_PASSWORD = "kaidian-demo-2026";

export const DEMO_AGENCY = { id: "7a1d0000-0000-4000-8000-000000000001", name: "开店演示代理商", slug: "demo-agency" };

/** The demo merchants' stores, each with its own (made-up) phone and address. */
export const DEMO_STORES: { id: string; name: string; slug: string; templateId: TemplateId; contact: { phone: string; address: string } }[] = [
  { id: "7a1d0000-0000-4000-8000-000000000101", name: "山野咖啡豆铺", slug: "shanye-coffee", templateId: "ecommerce", contact: { phone: "0871-6300 2188", address: "云南省昆明市五华区翠湖北路 21 号" } },
  { id: "7a1d0000-0000-4000-8000-000000000102", name: "湖畔民宿", slug: "lakeside-inn", templateId: "hotel", contact: { phone: "0872-2600 517", address: "云南省大理市双廊镇环海路 8 号" } },
  { id: "7a1d0000-0000-4000-8000-000000000103", name: "老街面馆", slug: "old-street-noodles", templateId: "restaurant", contact: { phone: "028-8600 7788", address: "四川省成都市青羊区窄巷子 12 号" } },
];

export type DemoUser = {
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

