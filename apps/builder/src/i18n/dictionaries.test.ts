import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { zhCN } from "./zh-CN";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

const packagesDir = path.resolve(import.meta.dirname, "../../../../packages");

/** Every message code the domain packages can produce: zod `error:` keys and DomainError/NotFoundError codes. */
function domainMessageCodes(): string[] {
  const codes = new Set<string>();
  for (const pkg of readdirSync(packagesDir)) {
    const src = path.join(packagesDir, pkg, "src");
    for (const file of readdirSync(src, { recursive: true }) as string[]) {
      if (!file.endsWith(".ts") || file.endsWith(".test.ts") || file.includes("generated")) continue;
      const text = readFileSync(path.join(src, file), "utf8");
      for (const match of text.matchAll(/(?:error: |DomainError\(|NotFoundError\()"([a-zA-Z.]+)"/g)) codes.add(match[1]!);
    }
  }
  return [...codes].sort();
}

describe("dashboard words", () => {
  it("has every Chinese text in English too, and nothing only in English", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it("has a message in both languages for every code the domain can refuse with", () => {
    const codes = domainMessageCodes();
    expect(codes).toContain("email.taken");
    for (const code of codes) {
      expect(zhCN.errors[code], code).toBeTruthy();
      expect(en.errors[code], code).toBeTruthy();
    }
  });
});
