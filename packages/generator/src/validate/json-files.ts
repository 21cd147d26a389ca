// Reading a package's JSON files without trusting them. A file that is missing or not JSON is reported by
// schemas.ts; everything else here (sizes, page discovery) just skips what is absent or of the wrong type.
import type { PackageSource } from "./package-source";

export type JsonRead = { ok: true; value: unknown } | { ok: false; error: string };

/** `undefined` when the file does not exist. */
export async function readJsonFile(source: PackageSource, file: string): Promise<JsonRead | undefined> {
  const content = await source.read(file);
  if (content === undefined) return undefined;
  const text = content.toString("utf8");
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: withLineAndColumn(text, error instanceof Error ? error.message : String(error)) };
  }
}

// Node 20 says only "at position 123"; people look for a line. (A byte-order mark is left to fail: WeChat
// rejects it too.)
function withLineAndColumn(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message;
  const lines = text.slice(0, Number(position)).split("\n");
  return `${message} (line ${lines.length}, column ${(lines.at(-1) ?? "").length + 1})`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** app.json's subpackages (`subPackages`, or its alias `subpackages`), roots without leading or trailing slash. */
export function subpackagesOf(app: unknown): { root: string; pages: string[] }[] {
  if (!isRecord(app)) return [];
  const list = app.subPackages ?? app.subpackages;
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).flatMap((entry) =>
    typeof entry.root === "string" ? [{ root: entry.root.replace(/^\/+|\/+$/g, ""), pages: strings(entry.pages) }] : [],
  );
}
