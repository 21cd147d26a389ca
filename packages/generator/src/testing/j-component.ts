// Typed access to j-component, the renderer inside miniprogram-simulate. Their own typings import
// miniprogram-api-typings, which is not installed, so the few calls used here are declared locally.
import { createRequire } from "node:module";
import { registerBuiltIns } from "./built-ins";
import { collectErrors } from "./errors";

/** What `Component({...})` or the Page shim hands to j-component, plus the fields it needs to render. */
export type ComponentDefinition = Record<string, unknown> & {
  id: string;
  path: string;
  tagName: string;
  /** A function compiled by wcc, or WXML for j-component's own parser. */
  template: TemplateFunction | string;
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

export type JComponent = {
  register(definition: ComponentDefinition): string;
  behavior(definition: Record<string, unknown>): string;
  create(id: string, properties?: Record<string, unknown>): RootComponent | undefined;
};

type Exparser = {
  addGlobalErrorListener(listener: (error: unknown) => boolean): void;
  Event: {
    create(name: string, detail: Record<string, unknown>, options: Record<string, unknown>): unknown;
    /** Accepts the DOM element of a node and finds the exparser node behind it. */
    dispatchEvent(target: Element, event: unknown): void;
  };
};

let loaded: { j: JComponent; exparser: Exparser } | undefined;

export function jComponent(): JComponent {
  return load().j;
}

/** The component tree library under j-component, for dispatching events as the view layer does. */
export function exparser(): Exparser {
  return load().exparser;
}

/**
 * Loaded on first use rather than at import: both libraries touch `window` when they load, and a clear
 * message beats their TypeError when a test forgot the jsdom environment.
 */
function load() {
  if (typeof document === "undefined") {
    throw new Error("renderPage needs a DOM: put `// @vitest-environment jsdom` at the top of the test file");
  }
  if (!loaded) {
    const simulatePath = createRequire(import.meta.url).resolve("miniprogram-simulate");
    const fromSimulate = createRequire(simulatePath);
    // Loading miniprogram-simulate registers the built-in tags (view, text, image...) with j-component;
    // j-component is then required from simulate's location so both share one registry. Simulate also
    // installs global Component, Behavior and wx for its own loader, unused here: they are put back so
    // that page code finds the runtime's globals only where the module loader passes them.
    const replaced = ["Component", "Behavior", "wx"].map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
    fromSimulate(simulatePath);
    for (const [name, descriptor] of replaced) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else Reflect.deleteProperty(globalThis, name);
    }
    const jPath = fromSimulate.resolve("j-component");
    loaded = { j: fromSimulate(jPath) as JComponent, exparser: createRequire(jPath)("miniprogram-exparser") as Exparser };
    registerBuiltIns(loaded.j);
    collectErrors(loaded.exparser);
  }
  return loaded;
}
