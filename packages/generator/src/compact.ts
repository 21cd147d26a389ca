// The per-tenant files in the compact form miniprogram-ci's upload would give them, so a package built on the
// precompiled runtime needs no compile: JSON without whitespace, WXSS without comments or whitespace, and
// config/site.js without its comment lines. project.config.json stays readable: the upload replaces it anyway.
import path from "node:path";

export function compactFile(file: string, content: string): string {
  if (file === "project.config.json") return content;
  switch (path.posix.extname(file)) {
    case ".json":
      return JSON.stringify(JSON.parse(content));
    case ".wxss":
      return compactWxss(content);
    case ".js":
      return compactScript(content);
    default:
      return content;
  }
}

/** For the generated theme.wxss: declarations only, no strings or URLs whose spaces would matter. */
function compactWxss(content: string): string {
  return content
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{}:;,])\s*/g, "$1")
    .replace(/;}/g, "}")
    .trim();
}

/**
 * For the generated config/site.js: comment lines and then one `module.exports = <JSON>;` statement. JSON
 * never holds a raw line break, so joining the lines changes no value.
 */
function compactScript(content: string): string {
  return content
    .split("\n")
    .filter((line) => !/^\s*\/\//.test(line))
    .map((line) => line.trim())
    .join("")
    .replace(/^module\.exports\s*=\s*/, "module.exports=");
}
