// The parts of app.json that decide what can be rendered.
import { readFileSync } from "node:fs";
import path from "node:path";

type Subpackage = { root: string; pages: string[] };
type AppJsonFile = { pages?: string[]; subpackages?: Subpackage[]; subPackages?: Subpackage[]; usingComponents?: Record<string, string> };

export type AppJson = {
  /** Every route the runtime can open: main package pages and subpackage pages under their root. */
  routes: string[];
  /** Components every page and component may use without declaring them. */
  usingComponents: Record<string, string>;
};

export function readAppJson(packageDir: string): AppJson {
  const json = JSON.parse(readFileSync(path.join(packageDir, "app.json"), "utf8")) as AppJsonFile;
  const subpackages = [...(json.subpackages ?? []), ...(json.subPackages ?? [])];
  return {
    routes: [...(json.pages ?? []), ...subpackages.flatMap((sub) => sub.pages.map((page) => path.posix.join(sub.root, page)))],
    usingComponents: json.usingComponents ?? {},
  };
}
