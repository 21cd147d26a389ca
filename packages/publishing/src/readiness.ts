// What must be true before a store's package goes to WeChat, as one checklist: each check says whether it passed
// and, through its id, how to fix it (the dashboard's words). Hard checks block; soft ones warn. The dashboard
// shows the list before anyone publishes, and the worker runs it again as the first step of every build.
import type { ConfigProblem, PersonalDataUse, TemplateDefinition } from "@kaidian/templates";
import { personalDataSignature, sampleContact } from "@kaidian/templates";
import { WECHAT_PACKAGE_LIMITS } from "@kaidian/wechat";
import type { Compliance } from "./compliance";
import { shopApiRequestDomain } from "./shop-api-url";

export type BuildPurpose = "UPLOAD" | "PREVIEW";

export const CHECK_IDS = [
  "store.active",
  "config.ready",
  "wechat.appid",
  "wechat.key",
  "package.size",
  "store.contact",
  "catalog.items",
  "catalog.own",
  "privacy.guide",
  "compliance.pathway",
  "compliance.filings",
  "compliance.category",
  "compliance.foodLicense",
  "shopApi.https",
  "wechat.appSecret",
  "payments.setUp",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type Check = {
  id: CheckId;
  severity: "hard" | "soft";
  /** `pending`: cannot be known yet (the package has not been measured); the build measures it. */
  status: "ok" | "failed" | "pending";
  params: Record<string, string | number>;
};

export type MeasuredSizes = { main: number; subpackages: { root: string; bytes: number }[]; total: number };

export type ReadinessFacts = {
  template: TemplateDefinition;
  storeActive: boolean;
  /** The version a build of this purpose would use: the latest published one for an upload, the latest for a preview. */
  config: { number: number; published: boolean; problems: ConfigProblem[] } | null;
  /** The contact details of that version; null when there is no such version. */
  store: { phone: string; address: string } | null;
  wechat: { appid: boolean; key: boolean; appSecret: boolean };
  /** Whether the store has WeChat Pay settings (a payment_settings row). */
  payments: boolean;
  catalog: { visible: number; own: number };
  /** The last measured package and the config version it was made from. */
  sizes: { measured: MeasuredSizes; configVersion: number } | null;
  compliance: Compliance;
  personalData: PersonalDataUse[];
  /** SHOP_API_PUBLIC_URL: where the uploaded Mini Program will read the store from. */
  shopApi: { url: string | null };
};

export type Readiness = { checks: Check[]; blocking: Check[]; warnings: Check[] };

type Rule = {
  id: CheckId;
  severity: Check["severity"];
  /** Previews are development QR codes for the merchant: they need the Mini Program and a package, not the paperwork. */
  forPreview: boolean;
  applies?: (facts: ReadinessFacts) => boolean;
  evaluate: (facts: ReadinessFacts, purpose: BuildPurpose) => Pick<Check, "status"> & { params?: Check["params"] };
};

const passed = (ok: boolean, params?: Check["params"]) => ({ status: ok ? ("ok" as const) : ("failed" as const), params });

const RULES: readonly Rule[] = [
  { id: "store.active", severity: "hard", forPreview: true, evaluate: (f) => passed(f.storeActive) },
  {
    id: "config.ready",
    severity: "hard",
    forPreview: true,
    // An upload hands over a published version only; a preview shows the latest, published or not.
    evaluate: (f, purpose) =>
      f.config
        ? passed(f.config.problems.length === 0 && (purpose === "PREVIEW" || f.config.published), { version: f.config.number, problems: f.config.problems.length })
        : passed(false, { none: 1 }),
  },
  { id: "wechat.appid", severity: "hard", forPreview: true, evaluate: (f) => passed(f.wechat.appid) },
  { id: "wechat.key", severity: "hard", forPreview: true, evaluate: (f) => passed(f.wechat.key) },
  { id: "package.size", severity: "hard", forPreview: true, evaluate: sizeCheck },
  { id: "store.contact", severity: "hard", forPreview: false, evaluate: contactCheck },
  { id: "catalog.items", severity: "hard", forPreview: false, evaluate: (f) => passed(f.catalog.visible > 0) },
  { id: "catalog.own", severity: "soft", forPreview: false, evaluate: (f) => passed(f.catalog.own > 0) },
  {
    id: "privacy.guide",
    severity: "hard",
    forPreview: false,
    evaluate: (f) =>
      passed(
        f.personalData.length === 0 || f.compliance.privacy?.signature === personalDataSignature(f.personalData),
        { count: f.personalData.length },
      ),
  },
  {
    id: "compliance.pathway",
    severity: "hard",
    forPreview: false,
    evaluate: (f) => passed(f.compliance.profile.pathway !== null && f.compliance.profile.licenseHolder !== ""),
  },
  {
    id: "compliance.filings",
    severity: "soft",
    forPreview: false,
    evaluate: ({ compliance: { profile } }) =>
      passed(profile.pathway !== "internationalEntity" && profile.icpFilingNumber !== "" && profile.miniProgramFiling === "approved", {
        pathway: profile.pathway ?? "",
        filing: profile.miniProgramFiling,
      }),
  },
  { id: "compliance.category", severity: "soft", forPreview: false, evaluate: (f) => passed(f.compliance.profile.categoryConfirmed) },
  {
    id: "compliance.foodLicense",
    severity: "soft",
    forPreview: false,
    applies: (f) => f.template.id === "restaurant",
    evaluate: (f) => passed(f.compliance.profile.foodLicenseNumber !== ""),
  },
  {
    // Without a public https address the package would call localhost (or plain http), which no phone reaches and
    // WeChat refuses; the domain it names must also be on the Mini Program's request-domain list (服务器域名).
    id: "shopApi.https",
    severity: "hard",
    forPreview: false,
    evaluate: (f) => {
      const domain = shopApiRequestDomain(f.shopApi.url);
      return passed(domain !== null, { url: f.shopApi.url ?? "", domain: domain ?? "" });
    },
  },
  // Shoppers log in with the AppSecret and pay through WeChat Pay; without them the Mini Program shows the store and
  // says plainly that ordering is not open. A store may go live as a showcase first, so these warn, not block.
  { id: "wechat.appSecret", severity: "soft", forPreview: false, evaluate: (f) => passed(f.wechat.appSecret) },
  { id: "payments.setUp", severity: "soft", forPreview: false, evaluate: (f) => passed(f.payments) },
];

/**
 * The store's own phone or address, judged on the version the build would use. With no such version (nothing
 * published yet) there is nothing to judge: config.ready says why. The template's sample details are not the
 * merchant's, so they count as missing.
 */
function contactCheck(facts: ReadinessFacts): Pick<Check, "status"> & { params?: Check["params"] } {
  if (!facts.store) return { status: "pending" };
  if (sampleContact(facts.store, facts.template.sample.config.store)) return passed(false, { sample: 1 });
  return passed(Boolean(facts.store.phone.trim() || facts.store.address.trim()));
}

function sizeCheck(facts: ReadinessFacts): Pick<Check, "status"> & { params?: Check["params"] } {
  if (!facts.sizes) return { status: "pending" };
  const { measured, configVersion } = facts.sizes;
  const limits = WECHAT_PACKAGE_LIMITS;
  const largestSub = measured.subpackages.reduce((max, sub) => Math.max(max, sub.bytes), 0);
  const ok = measured.main <= limits.mainBytes && largestSub <= limits.subpackageBytes && measured.total <= limits.totalBytes;
  return passed(ok, { main: measured.main, mainLimit: limits.mainBytes, total: measured.total, totalLimit: limits.totalBytes, version: configVersion });
}

export function checkReadiness(facts: ReadinessFacts, purpose: BuildPurpose): Readiness {
  const checks = RULES.filter((rule) => (purpose === "UPLOAD" || rule.forPreview) && (rule.applies?.(facts) ?? true)).map((rule): Check => {
    const { status, params = {} } = rule.evaluate(facts, purpose);
    return { id: rule.id, severity: rule.severity, status, params };
  });
  return {
    checks,
    blocking: checks.filter((check) => check.severity === "hard" && check.status === "failed"),
    warnings: checks.filter((check) => check.severity === "soft" && check.status === "failed"),
  };
}
