// Publishing as the dashboard sees it: WeChat settings, the compliance profile and privacy guide, the readiness
// checklist, asking for builds and reading them, agency bulk publishing. The work itself is "@kaidian/publishing/worker".
export * from "./wechat-settings";
export * from "./compliance";
export * from "./readiness";
export { loadReadinessFacts, storeReadiness, type StoreRef } from "./readiness-facts";
export * from "./builds";
export * from "./batches";
export * from "./artifacts";
export * from "./shop-api-url";
export * from "./platform-releases";
export * from "./fleet-releases";
export * from "./platform-templates";
