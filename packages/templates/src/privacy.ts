// The personal data a store's Mini Program handles, derived from the features its package contains. WeChat requires
// every Mini Program to declare each kind in its user privacy guide (用户隐私保护指引) with the purpose, and rejects
// versions whose guide does not match the package. Each feature below names the runtime code that handles the data;
// a test holds the runtime to this list, so a new use of personal data cannot ship undeclared.
import type { StoreConfig } from "./config";
import { t, type LocalizedText } from "./localized";
import { tradePagesOf } from "./pages";
import type { TemplateDefinition } from "./template";

/** WeChat's privacy_key values (and one custom key, as the guide allows), with the guide's own names. */
export const PERSONAL_DATA = {
  Location: t("位置信息", "Location"),
  PhoneNumber: t("手机号", "Phone number"),
  Name: t("姓名", "Name"),
  Address: t("收货地址", "Shipping address"),
} as const satisfies Record<string, LocalizedText>;

export type PersonalDataKey = keyof typeof PERSONAL_DATA;

export type PersonalDataUse = {
  key: PersonalDataKey;
  /** What it is for, as the guide phrases it after "为了…" / "to …". */
  purpose: LocalizedText;
  /** The feature of the Mini Program that handles it. */
  feature: LocalizedText;
};

type Feature = {
  name: LocalizedText;
  /** Runtime files that handle the data (checked by privacy.test.ts). */
  runtimeFiles: readonly string[];
  /** The privacy APIs it calls that app.json must list in `requiredPrivateInfos`, or WeChat refuses the call. */
  requiredPrivateInfos?: readonly string[];
  uses: readonly Omit<PersonalDataUse, "feature">[];
  inPackage: (template: TemplateDefinition, config: StoreConfig) => boolean;
};

const FEATURES: readonly Feature[] = [
  {
    name: t("门店地图导航", "Map to the store"),
    runtimeFiles: ["lib/store-actions.js"],
    uses: [{ key: "Location", purpose: t("在地图上显示门店位置并为你导航到店", "show the store on a map and guide you there") }],
    // The store page always shows the store's details; elsewhere a store-info section with its map button.
    inPackage: (template, config) =>
      config.store.location !== null &&
      (template.pages.some((page) => page.id === "store") ||
        Object.values(config.pages).some((page) =>
          (page?.sections ?? []).some((section) => section.type === "store-info" && section.settings.showMap),
        )),
  },
  {
    name: t("客房预订申请", "Room booking request"),
    runtimeFiles: ["pages/booking/index.wxml"],
    uses: [
      { key: "Name", purpose: t("登记入住人并确认你的预订", "register the guest and confirm your booking") },
      { key: "PhoneNumber", purpose: t("酒店联系你确认预订", "let the hotel contact you to confirm the booking") },
    ],
    inPackage: (template) => template.pages.some((page) => page.id === "booking"),
  },
  {
    name: t("在线下单与配送", "Online orders and delivery"),
    runtimeFiles: ["pages/checkout/index.js", "pages/checkout/index.wxml", "lib/trade.js"],
    requiredPrivateInfos: ["chooseAddress"],
    uses: [
      { key: "Address", purpose: t("把订单配送到你选择的收货地址", "deliver your order to the address you choose") },
      { key: "PhoneNumber", purpose: t("门店就你的订单与你联系", "let the store contact you about your order") },
    ],
    inPackage: (template) => tradePagesOf(template).includes("checkout"),
  },
  {
    name: t("会员卡", "Member card"),
    runtimeFiles: ["sections/member-card/index.wxml"],
    uses: [{ key: "PhoneNumber", purpose: t("开通本店会员，凭会员码累计和使用积分", "make you a member of the store, so your card earns and spends points") }],
    inPackage: (_template, config) => Object.values(config.pages).some((page) => (page?.sections ?? []).some((section) => section.type === "member-card")),
  },
];

/** Every use of personal data in the store's package, in a stable order. */
export function personalDataUses(template: TemplateDefinition, config: StoreConfig): PersonalDataUse[] {
  return FEATURES.filter((feature) => feature.inPackage(template, config)).flatMap((feature) =>
    feature.uses.map((use) => ({ ...use, feature: feature.name })),
  );
}

/** The privacy APIs the store's package calls, for app.json's `requiredPrivateInfos`. */
export function requiredPrivateInfos(template: TemplateDefinition, config: StoreConfig): string[] {
  return FEATURES.filter((feature) => feature.inPackage(template, config)).flatMap((feature) => feature.requiredPrivateInfos ?? []);
}

/** Runtime files that handle personal data: the only ones allowed to. */
export const PERSONAL_DATA_RUNTIME_FILES: readonly string[] = FEATURES.flatMap((feature) => feature.runtimeFiles);

/**
 * One list of uses as text: a merchant's confirmation that WeChat's guide covers the list stays valid only while
 * the package handles exactly that data for those purposes.
 */
export function personalDataSignature(uses: readonly PersonalDataUse[]): string {
  return uses.map((use) => `${use.key}: ${use.purpose["zh-CN"]}`).sort().join(" | ");
}
