// Builds the preview bundle from the runtime's dist/: the same files a store's package is made of, in the form
// the browser renderer runs (scripts by path, CSS for a 375 px phone, wcc's compiled templates).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { BundleComponent, PreviewBundle } from "../bundle";
import { convertWxss } from "../wxss";
import { readAppJson } from "./app-json";
import { collectComponents } from "./components";
import { compileWxml } from "./wcc";

export async function buildPreviewBundle(runtimeDir: string): Promise<PreviewBundle> {
  const root = path.resolve(runtimeDir);
  const relative = (file: string) => path.relative(root, file).split(path.sep).join("/");
  const appJson = readAppJson(root);

  const pages: Record<string, BundleComponent[]> = {};
  const componentTags = new Map<string, string[]>();
  for (const route of appJson.routes) {
    pages[route] = collectComponents(root, route, appJson.usingComponents).map((component) => {
      componentTags.set(component.relative, Object.keys(component.using));
      return {
        file: component.relative,
        using: Object.fromEntries(Object.entries(component.using).map(([tag, file]) => [tag, relative(file)])),
      };
    });
  }

  const files = packageFiles(root);
  const scripts = Object.fromEntries(files.filter((file) => file.endsWith(".js")).map((file) => [file, readFileSync(path.join(root, file), "utf8")]));
  // app.wxss applies everywhere (the runtime's components opt in with styleIsolation "apply-shared"); then each
  // page's and component's own, once, in the order pages reach them.
  const styled = [...new Set(Object.values(pages).flatMap((components) => components.map((component) => component.file)))];
  const css = ["app", ...styled]
    .map((file) => `${file}.wxss`)
    .filter((file) => existsSync(path.join(root, file)))
    .map((file) => `/* ${file} */\n${convertWxss(inlineImports(root, path.join(root, file), new Set()))}`)
    .join("\n");
  const images = Object.fromEntries(
    files.filter((file) => file.endsWith(".png")).map((file) => [file, `data:image/png;base64,${readFileSync(path.join(root, file)).toString("base64")}`]),
  );
  const wxml = await compileWxml(root, componentTags);
  const runtimeVersion = (JSON.parse(readFileSync(path.join(root, "runtime.json"), "utf8")) as { version: string }).version;

  const content = { runtimeVersion, pages, scripts, css, wxml, images };
  const hash = createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 20);
  return { ...content, hash };
}

/** The stylesheet with its @import rules replaced by the files they name (relative, or "/x" from the package root). */
function inlineImports(root: string, file: string, seen: Set<string>): string {
  if (seen.has(file)) return "";
  seen.add(file);
  const wxss = readFileSync(file, "utf8");
  return wxss.replace(/@import\s+(?:url\()?\s*["']([^"']+)["']\s*\)?\s*;/g, (_, request: string) => {
    const target = request.startsWith("/") ? path.join(root, request) : path.resolve(path.dirname(file), request);
    if (!existsSync(target)) throw new Error(`${path.relative(root, file)}: @import "${request}" names no file of the runtime`);
    return inlineImports(root, target, seen);
  });
}

function packageFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}
