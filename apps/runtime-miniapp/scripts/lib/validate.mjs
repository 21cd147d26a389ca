// Checks the source before anything is written: every JSON file parses, every page in the dev app.json and
// every component folder has its four files, every reference (components, modules, imports) leads somewhere,
// and the section switch has exactly one branch per section folder.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { COMPONENT_FILES, missingFiles, referencedFiles, referencesOf, resolveReference } from "./references.mjs";

const CHECKED = [".js", ".json", ".wxml", ".wxss", ".wxs"];

/** `generatorFiles`: package files the generator writes per tenant, which the source may refer to. */
export async function validateSource(srcDir, files, npmRoots, generatorFiles = []) {
  const problems = [];
  const contents = new Map();
  for (const file of files.filter((name) => CHECKED.includes(path.extname(name)))) {
    contents.set(file, await readFile(path.join(srcDir, file), "utf8"));
  }

  for (const [file, content] of contents) {
    if (file.endsWith(".json")) {
      try {
        JSON.parse(content);
      } catch (error) {
        problems.push(`${file}: ${error.message}`);
        continue;
      }
    }
    for (const { kind, request } of referencesOf(file, content)) {
      const resolved = resolveReference(srcDir, path.join(srcDir, file), request, npmRoots);
      const provided = (missing) => generatorFiles.includes(path.relative(srcDir, missing).split(path.sep).join("/"));
      for (const missing of missingFiles(referencedFiles(kind, resolved)).filter((missing) => !provided(missing))) {
        problems.push(`${file}: "${request}" leads to ${path.relative(srcDir, missing)}, which does not exist`);
      }
    }
  }

  const app = JSON.parse(contents.get("app.json") ?? "{}");
  if (!Array.isArray(app.pages) || app.pages.length === 0) problems.push("app.json: `pages` must list the pages");
  const componentDirs = [...new Set(files.filter((file) => file.endsWith("/index.json")).map((file) => path.posix.dirname(file)))];
  for (const base of [...(app.pages ?? []), ...componentDirs.map((dir) => `${dir}/index`)]) {
    for (const extension of COMPONENT_FILES) {
      if (!existsSync(path.join(srcDir, base + extension))) problems.push(`${base}${extension}: missing`);
    }
  }

  problems.push(...checkSectionSwitch(files, contents));
  return problems;
}

/** Section folders and the section-list branches must match one to one. */
function checkSectionSwitch(files, contents) {
  const folders = sectionTypes(files);
  const switchWxml = contents.get("components/section-list/index.wxml") ?? "";
  const branches = [...switchWxml.matchAll(/section\.type === '([a-z-]+)'/g)].map((match) => match[1]);
  const problems = [];
  for (const type of folders) {
    if (!branches.includes(type)) problems.push(`components/section-list/index.wxml: no branch for section "${type}"`);
  }
  for (const type of branches) {
    if (!folders.includes(type)) problems.push(`components/section-list/index.wxml: branch for "${type}" has no sections/${type}`);
  }
  return problems;
}

export function sectionTypes(files) {
  return [...new Set(files.filter((file) => /^sections\/[a-z-]+\/index\.json$/.test(file)).map((file) => file.split("/")[1]))].sort();
}
