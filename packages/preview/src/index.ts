// Client-safe entry: nothing here touches Node, the DOM or j-component (those are ./browser and ./node).
export type { BundleComponent, PreviewBundle } from "./bundle";
export { draftSnapshot, type DraftSnapshotInput } from "./draft-snapshot";
export { convertRpx, convertSelectors, convertWxss, PREVIEW_WIDTH, rpxToPx } from "./wxss";
export { createAppShim, type AppShim, type LaunchOptions } from "./browser/app";
export { pageToComponent } from "./browser/page-shim";
export { loadTemplates } from "./browser/templates";
export type { TemplateFunction } from "./browser/types";
