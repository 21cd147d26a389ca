// What the isolation proof (isolation.spec.ts) tries: the roles, the dashboard's routes, pages and server actions as
// found in the source and the build, and a sample input per action aimed at a target store.
//
// To add a surface (shop-api's shopper routes): list its routes the same way (a file-system walk of its route
// folder, or its router's route table), give its roles (a shopper token of store A is a role tried on store B),
// and add it beside DASHBOARD; the spec's loops take routes and roles from here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ownOrigin } from "./helpers";

export const appRoot = path.resolve(import.meta.dirname, "../../..");
const builder = path.join(appRoot, "apps/builder");

/** Everyone who might try: each of a kind of user, none of whom belongs to the target store. */
export const ROLES: { name: string; email?: string }[] = [
  { name: "store owner", email: "shop@demo.kaidian.test" },
  { name: "staff", email: "staff@demo.kaidian.test" },
  { name: "agency admin", email: "agency@demo.kaidian.test" },
  { name: "agency publisher", email: "publisher@demo.kaidian.test" },
  { name: "another store's owner", email: "hotel@demo.kaidian.test" },
  { name: "signed out" },
];

export type Route = {
  /** The URL with its [params], e.g. /api/stores/[store]/media. */
  pattern: string;
  kind: "route" | "page";
  methods: string[];
  /** "public": served to anyone by design (phones, previews), listed in PUBLIC with the reason. */
  access: "signed-in" | "public";
};

/**
 * Routes anyone may read by design, and why. Their isolation is that they answer only for what a shopper of that
 * store may see, which their own tests prove (storefront, read API). A new public route must be added here.
 */
export const PUBLIC: Record<string, string> = {
  "/api/mp/v1/[tenant]/catalog": "the Mini Program's read API: a published store's catalog",
  "/api/mp/v1/[tenant]/categories": "the Mini Program's read API",
  "/api/mp/v1/[tenant]/items": "the Mini Program's read API",
  "/api/mp/v1/[tenant]/items/[item]": "the Mini Program's read API",
  "/api/mp/v1/[tenant]/items/[item]/nights": "the Mini Program's read API: room availability",
  "/api/mp/v1/[tenant]/store": "the Mini Program's read API",
  "/api/mp/v1/[tenant]/site": "the Mini Program's read API: the published design",
  "/api/mp/v1/assets/samples/[name]": "the templates' sample pictures",
  "/media/[tenant]/[file]": "uploaded images, which phones load without a session",
  "/api/preview/bundle": "the editor preview's script, the same for every store",
  "/api/preview/bundle/[hash]": "the editor preview's script, the same for every store",
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** Every route handler and every page of a Next app folder that names a store, from the file system. */
function nextRoutes(appDir: string): Route[] {
  return walk(appDir).flatMap((file): Route[] => {
    const name = path.basename(file);
    if (name !== "route.ts" && name !== "page.tsx") return [];
    const pattern = `/${path.relative(appDir, path.dirname(file))}`.split(path.sep).join("/").replace(/\/\([^)]+\)/g, "").replace(/^\/$/, "") || "/";
    const kind = name === "route.ts" ? "route" : "page";
    if (kind === "page" && !pattern.includes("[store]")) return [];
    const source = readFileSync(file, "utf8");
    const methods = kind === "page" ? ["GET"] : METHODS.filter((method) => new RegExp(`export (const|async function) ${method}\\b`).test(source));
    return [{ pattern, kind, methods, access: pattern in PUBLIC ? "public" : "signed-in" }];
  });
}

export const DASHBOARD = { routes: () => nextRoutes(path.join(builder, "src/app")) };

export type Action = {
  id: string;
  /** `<file>#<export>`, the key of ACTION_INPUTS. */
  key: string;
  /** A page whose bundle holds the action (Next runs an action where it was bundled), with its [params]. */
  page: string;
};

/** Every server action in the production build, from Next's action manifest. */
export function dashboardActions(): Action[] {
  type Entry = { exportedName: string; filename: string; workers: Record<string, unknown> };
  const manifest = JSON.parse(readFileSync(path.join(builder, ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, Entry> };
  const actions = Object.entries(manifest.node).map(([id, entry]) => {
    const pages = Object.keys(entry.workers)
      .filter((worker) => worker.endsWith("/page"))
      .map((worker) => worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/");
    const page = pages.find((candidate) => !candidate.replace("[store]", "").includes("[")) ?? pages[0];
    if (!page) throw new Error(`isolation test: action ${entry.filename}#${entry.exportedName} is on no page`);
    return { id, key: `${path.basename(entry.filename)}#${entry.exportedName}`, page };
  });
  return [...new Map(actions.map((action) => [action.key, action])).values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** The target store: its slug and id, a table of it, and an order of it (placed by one of its shoppers). */
export type ActionTarget = { slug: string; id: string; tableId: string; orderId: string };

/** Arguments of an action called from a form (previous state, form fields) or directly (the values). */
type Args = { form: Record<string, string | File> } | { args: unknown[] };

/**
 * How a browser sends a server action's arguments (React's reply encoding): a form's fields as `_1_<name>`, then the
 * arguments as part `0` naming that form (`$K1`). Part `0` must come last: the server reads the arguments as soon
 * as it arrives, so fields after it would be missed.
 */
export function encodeAction(action: Action, input: Args) {
  const headers = { ...ownOrigin, "Next-Action": action.id, Accept: "text/x-component" };
  if ("form" in input) {
    const multipart = new FormData();
    for (const [key, value] of Object.entries(input.form)) multipart.append(`_1_${key}`, value);
    multipart.append("0", JSON.stringify([null, "$K1"]));
    return { headers, multipart };
  }
  return { headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" }, data: JSON.stringify(input.args) };
}

/** Actions that sign the caller in, up or out: tried after the rest, so they do not change who the role is. */
export const SESSION_ACTIONS = new Set(["auth.ts#signInAction", "auth.ts#signUpAction", "auth.ts#signOutAction", "invitations.ts#joinWithNewAccountAction"]);

const future = { from: "2030-01-01", to: "2030-01-07" };

/**
 * A valid input for each action, aimed at `store`: valid so that each request gets past its form checks and is
 * judged on access alone. An action missing here fails the isolation test.
 */
export const ACTION_INPUTS: Record<string, (store: ActionTarget) => Args> = {
  "auth.ts#signInAction": () => ({ form: { email: "nobody@example.test", password: "not-the-password-1" } }),
  "auth.ts#signUpAction": () => ({ form: { name: "新人", email: `iso-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`, password: "isolation-2026-pass", storeName: "新店", templateId: "ecommerce" } }),
  "auth.ts#signOutAction": () => ({ args: [] }),
  "bulk-publish.ts#startBatchAction": (s) => ({ form: { version: "9.9.9", description: "隔离", concurrency: "1", stores: s.id } }),
  "bulk-publish.ts#retryFailedAction": () => ({ form: { batch: "00000000-0000-4000-8000-000000000000" } }),
  "bookings.ts#frontDeskAction": (s) => ({ form: { store: s.slug, orderId: s.orderId, action: "checkIn" } }),
  "catalog.ts#saveItemAction": (s) => ({ args: [{ store: s.slug, item: { title: "偷偷加的", price: "1.00" } }] }),
  "catalog.ts#deleteItemAction": (s) => ({ form: { store: s.slug, id: s.tableId } }),
  "catalog.ts#setItemVisibleAction": (s) => ({ form: { store: s.slug, id: s.tableId, value: "false" } }),
  "catalog.ts#setDishSoldOutAction": (s) => ({ form: { store: s.slug, id: s.tableId, value: "true" } }),
  "catalog.ts#moveItemAction": (s) => ({ form: { store: s.slug, id: s.tableId, direction: "up" } }),
  "catalog.ts#moveCategoryAction": (s) => ({ form: { store: s.slug, id: s.tableId, direction: "up" } }),
  "catalog.ts#deleteCategoryAction": (s) => ({ form: { store: s.slug, id: s.tableId } }),
  "catalog.ts#saveCategoryAction": (s) => ({ form: { store: s.slug, name: "新分类" } }),
  "catalog.ts#importCatalogAction": (s) => ({ form: { store: s.slug } }),
  "coupons.ts#createCouponAction": (s) => ({ form: { store: s.slug, name: "隔离券", kind: "amount", amount: "5", percentOff: "", threshold: "", validity: "days", from: "", until: "", days: "7", totalQuantity: "10", perShopperLimit: "1", scope: "all" } }),
  "coupons.ts#stopCouponAction": (s) => ({ form: { store: s.slug, couponId: s.tableId } }),
  "loyalty.ts#saveMemberRulesAction": (s) => ({ form: { store: s.slug, pointsEnabled: "on", pointsPerYuan: "1", pointsPerYuanOff: "100", maxPointsPercent: "50", levelName: "普通会员", levelMinSpend: "0", levelPercentOff: "0" } }),
  "loyalty.ts#adjustPointsAction": (s) => ({ form: { store: s.slug, memberId: s.tableId, change: "100", note: "隔离" } }),
  "loyalty.ts#scanMemberCodeAction": (s) => ({ form: { store: s.slug, code: "KDM1.1.9999999999.AAAAAAAAAAAAAAAAAAAAAA" } }),
  "design.ts#saveDraftAction": (s) => ({ args: [{ store: s.slug, number: 1, revision: 0, config: {} }] }),
  "design.ts#publishDraftAction": (s) => ({ args: [{ store: s.slug, number: 1, revision: 0 }] }),
  "design.ts#restoreVersionAction": (s) => ({ args: [{ store: s.slug, number: 1 }] }),
  "invitations.ts#acceptInvitationAction": (s) => ({ form: { tenantId: s.id, secret: "guessed-secret" } }),
  "invitations.ts#joinWithNewAccountAction": (s) => ({ form: { tenantId: s.id, secret: "guessed-secret", name: "混入", email: `join-${Date.now()}@example.test`, password: "isolation-2026-pass" } }),
  "locale.ts#setLocaleAction": () => ({ args: ["zh-CN"] }),
  "members.ts#inviteMemberAction": (s) => ({ form: { store: s.slug, email: "intruder@example.test", role: "OWNER" } }),
  "members.ts#revokeInvitationAction": (s) => ({ form: { store: s.slug, invitationId: "00000000-0000-4000-8000-000000000000" } }),
  "payments.ts#savePaymentSettingsAction": (s) => ({ form: { store: s.slug, revision: "0", mode: "partner", subMchid: "1900000109" } }),
  "payments.ts#testPaymentConnectionAction": (s) => ({ form: { store: s.slug } }),
  "messages.ts#saveMessageTemplateAction": (s) => ({ form: { store: s.slug, purpose: "orderPaid", "orderPaid.templateId": "isolationTemplate-0123456789abcdefghij", "orderPaid.orderNumber": "character_string1" } }),
  "orders.ts#markTabPaidAction": (s) => ({ form: { store: s.slug, tab: "00000000-0000-4000-8000-000000000000", amountFen: "100" } }),
  "orders.ts#clearTableAction": (s) => ({ form: { store: s.slug, tab: "00000000-0000-4000-8000-000000000000" } }),
  "orders.ts#shipOrderAction": (s) => ({ form: { store: s.slug, orderId: s.orderId, company: "顺丰速运", trackingNumber: "SF1234567890" } }),
  "orders.ts#pickUpOrderAction": (s) => ({ form: { store: s.slug, orderId: s.orderId } }),
  "orders.ts#declineRefundAction": (s) => ({ form: { store: s.slug, orderId: s.orderId, reason: "隔离" } }),
  "orders.ts#refundOrderAction": (s) => ({ form: { store: s.slug, orderId: s.orderId, amount: "1", reason: "隔离" } }),
  "orders.ts#saveOrderSettingsAction": (s) => ({ form: { store: s.slug, revision: "0", expressEnabled: "on", fee: "5", freeFrom: "", pickupAddress: "", unpaidMinutes: "20" } }),
  "preview.ts#createPhonePreviewLinkAction": (s) => ({ args: [s.slug] }),
  "platform-releases.ts#submitStoreReleaseAction": (s) => ({ form: { store: s.slug, templateId: "1", userVersion: "9.9.9", userDesc: "隔离", category: JSON.stringify({ firstClass: "商业服务", secondClass: "软件服务提供商" }) } }),
  "platform-releases.ts#releaseStoreAction": (s) => ({ form: { store: s.slug } }),
  "platform-releases.ts#revertStoreAction": (s) => ({ form: { store: s.slug } }),
  "platform-releases.ts#refreshAuditAction": (s) => ({ form: { store: s.slug } }),
  "platform-releases.ts#startFleetAction": (s) => ({ form: { templateId: "1", userVersion: "9.9.9", userDesc: "隔离", firstClass: "商业服务", secondClass: "软件服务提供商", firstStagePercent: "5", submitsPerMinute: "10", stores: s.id } }),
  "platform-releases.ts#resumeFleetAction": () => ({ form: { fleet: "00000000-0000-4000-8000-000000000000" } }),
  "wechat-platform.ts#createAuthorizationLinksAction": (s) => ({ args: [s.slug] }),
  "wechat-platform.ts#authorizationStateAction": (s) => ({ args: [s.slug] }),
  "publishing.ts#uploadAction": (s) => ({ form: { store: s.slug, version: "9.9.9", description: "隔离" } }),
  "publishing.ts#previewAction": (s) => ({ form: { store: s.slug } }),
  "publishing.ts#republishAction": (s) => ({ form: { store: s.slug, source: "1", version: "9.9.9", description: "隔离" } }),
  "publishing.ts#retryBuildAction": (s) => ({ form: { store: s.slug, number: "1" } }),
  "queue.ts#callNextAction": (s) => ({ form: { store: s.slug, prefix: "A" } }),
  "queue.ts#ticketAction": (s) => ({ form: { store: s.slug, ticketId: s.tableId, action: "seat" } }),
  "queue.ts#saveQueueSettingsAction": (s) => ({ form: { store: s.slug, revision: "0", enabled: "on", prefix0: "A", label0: "小桌", min0: "1", max0: "" } }),
  "rates.ts#setNightsAction": (s) => ({ form: { store: s.slug, itemId: s.tableId, ...future, weekdays: "", rateMode: "keep", rate: "", roomsMode: "closed", available: "" } }),
  "stores.ts#createStoreAction": () => ({ form: { storeName: "另开一家", templateId: "hotel" } }),
  "stores.ts#createAgencyStoreAction": () => ({ form: { storeName: "代开一家", templateId: "hotel", ownerEmail: "" } }),
  "tables.ts#addTableAction": (s) => ({ form: { store: s.slug, name: "混入桌", seats: "4" } }),
  "tables.ts#updateTableAction": (s) => ({ form: { store: s.slug, tableId: s.tableId, name: "改名桌", seats: "2" } }),
  "tables.ts#deleteTableAction": (s) => ({ form: { store: s.slug, tableId: s.tableId } }),
  "tables.ts#uploadQrVerificationAction": (s) => ({ form: { store: s.slug, file: new File(["0123456789abcdef"], "MP_verify_isolation.txt", { type: "text/plain" }) } }),
  "takeaway.ts#markReadyAction": (s) => ({ form: { store: s.slug, orderId: s.orderId } }),
  "template.ts#switchTemplateAction": (s) => ({ args: [{ store: s.slug, templateId: "hotel", number: 1, revision: 0 }] }),
  "wechat.ts#saveWechatAppAction": (s) => ({ form: { store: s.slug, appid: "wx0123456789abcdef", robot: "1", revision: "0" } }),
  "wechat.ts#saveUploadKeyAction": (s) => ({ form: { store: s.slug, privateKey: "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----" } }),
  "wechat.ts#saveComplianceAction": (s) => ({ form: { store: s.slug, pathway: "chineseEntity", licenseHolder: "隔离公司", icpFilingNumber: "", miniProgramFiling: "notStarted", categoryConfirmed: "on", foodLicenseNumber: "", revision: "0" } }),
  "wechat.ts#saveAppSecretAction": (s) => ({ form: { store: s.slug, revision: "1", appSecret: "0123456789abcdef0123456789abcdef" } }),
  "wechat.ts#confirmPrivacyAction": (s) => ({ form: { store: s.slug, signature: "x" } }),
};
