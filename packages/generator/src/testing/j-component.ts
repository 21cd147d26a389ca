// Typed access to j-component, the renderer inside miniprogram-simulate. Their own typings import
// miniprogram-api-typings, which is not installed, so the few calls used here are declared locally.
import { createRequire } from "node:module";

/** What `Component({...})` or the Page shim hands to j-component, plus the fields it needs to render. */
export type ComponentDefinition = Record<string, unknown> & {
  id: string;
  path: string;
  tagName: string;
  template: TemplateFunction;
  usingComponents: Record<string, string>;
};

/** A compiled WXML file: data in, wcc's virtual tree out. */
export type TemplateFunction = (data: unknown, ...rest: unknown[]) => unknown;

/** `this` inside page and component methods. */
export type ComponentInstance = Record<string, unknown> & {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, callback?: () => void): void;
};

export type RootComponent = {
  readonly dom: HTMLElement;
  readonly instance: ComponentInstance;
  attach(parent: Element): void;
  detach(): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
};

type JComponent = {
  register(definition: ComponentDefinition): string;
  behavior(definition: Record<string, unknown>): string;
  create(id: string, properties?: Record<string, unknown>): RootComponent | undefined;
};

let loaded: JComponent | undefined;

/**
 * Loaded on first use rather than at import: both libraries touch `window` when they load, and a clear
 * message beats their TypeError when a test forgot the jsdom environment.
 */
export function jComponent(): JComponent {
  if (typeof document === "undefined") {
    throw new Error("renderPage needs a DOM: put `// @vitest-environment jsdom` at the top of the test file");
  }
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const simulatePath = require.resolve("miniprogram-simulate");
    // Loading miniprogram-simulate registers the built-in tags (view, text, image...) with j-component;
    // j-component is then required from simulate's location so both share one registry.
    require(simulatePath);
    loaded = createRequire(simulatePath)("j-component") as JComponent;
  }
  return loaded;
}
