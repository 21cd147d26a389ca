// Evaluates wcc's output so that each render gets its own template runtime.
import type { TemplateFunction } from "./types";

/**
 * wcc's runtime assigns undeclared globals as it compiles and renders ($gwx, wh, __WXML_GLOBAL__, one per WXS
 * module...). __WXML_GLOBAL__ caches compiled expressions by index, so a second package evaluated in the same
 * global would render with the first package's expressions. Running it inside `with (scope)` over a proxy
 * that claims every name the real global lacks keeps all of that in a per-render store. It stays in this
 * realm on purpose: WXS helpers deep-copy arguments by checking `constructor === Array`, which fails for
 * page data from another realm.
 */
export function loadTemplates(wccOutput: string): (wxmlPath: string) => TemplateFunction {
  const store: Record<string, unknown> = {
    // The runtime only returns the raw tree (with wx:if / wx:for nodes j-component diffs on) to a view
    // layer that announces this engine version.
    window: { __webview_engine_version__: 0.02 },
    $gwx: undefined,
    // WXS support patches nv_* properties onto the built-in prototypes, some not redefinable, once per
    // realm: tell every later runtime that this is done.
    __WXML_GLOBAL__: Object.getOwnPropertyDescriptor(Function.prototype, "nv_length") ? { wxs_nf_init: true } : undefined,
  };
  const scope = new Proxy(store, {
    has: (target, key) => typeof key === "string" && (key in target || !(key in globalThis)),
  });
  const evaluate = new Function("scope", `with (scope) {\n${wccOutput}\n}`) as (scope: object) => void;
  evaluate(scope);
  const gwx = store.$gwx as (wxmlPath: string) => TemplateFunction | undefined;
  // compileWxml names files "./<package-relative path>".
  return (wxmlPath) => {
    const template = gwx(`./${wxmlPath}`);
    if (!template) throw new Error(`${wxmlPath} is missing, or wcc did not compile it`);
    return template;
  };
}
