// Finds the custom components a page uses, recursively, the way the runtime resolves usingComponents.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { lookupBases } from "./lookup";

/** A page or component: its files are `${file}.js`, `.json`, `.wxml`, `.wxss`. */
export type ComponentFiles = {
  file: string;
  /** Package-relative, with "/" and without extension: how wcc names the template. */
  relative: string;
  /** Tag name -> `file` of the component it stands for. */
  using: Record<string, string>;
};

/**
 * The page and every component it reaches, each after the components it uses. `globalComponents` is
 * app.json's usingComponents, which apply everywhere unless a file declares the same tag itself.
 */
export function collectComponents(packageDir: string, pagePath: string, globalComponents: Record<string, string>): ComponentFiles[] {
  const ordered: ComponentFiles[] = [];
  const seen = new Set<string>();
  const global = resolveAll(packageDir, path.join(packageDir, "app"), globalComponents);

  function visit(file: string) {
    if (seen.has(file)) return;
    seen.add(file);
    const json = readJson(`${file}.json`);
    const using = { ...global, ...resolveAll(packageDir, file, json.usingComponents ?? {}) };
    Object.values(using).forEach(visit);
    ordered.push({ file, relative: path.relative(packageDir, file).split(path.sep).join("/"), using });
  }

  visit(path.join(packageDir, pagePath));
  return ordered;
}

function resolveAll(packageDir: string, owner: string, references: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(references).map(([tag, reference]) => [tag, resolveComponent(packageDir, owner, reference)]));
}

function resolveComponent(packageDir: string, owner: string, reference: string): string {
  if (reference.startsWith("plugin://")) {
    throw new Error(`${path.relative(packageDir, owner)}: plugin components (${reference}) cannot be rendered in tests`);
  }
  const bases = lookupBases(packageDir, path.dirname(owner), reference);
  // "@vant/weapp/button" names the directory; the runtime then takes its index.
  const found = bases.flatMap((base) => [base, path.join(base, "index")]).find((base) => existsSync(`${base}.json`));
  if (!found) {
    throw new Error(`${path.relative(packageDir, owner)}.json: component "${reference}" not found (looked in ${bases.map((base) => path.relative(packageDir, base)).join(", ")})`);
  }
  return found;
}

// Components always have one (resolveComponent looks for it); for a page it is optional.
function readJson(file: string): { usingComponents?: Record<string, string> } {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { usingComponents?: Record<string, string> }) : {};
}
