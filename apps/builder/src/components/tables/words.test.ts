import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "@/i18n/en";
import { zhCN } from "@/i18n/zh-CN";

// The rate calendar's and the tables' refusals are raised as their own errors (RoomNightsError, TableError) and
// as schema issues, which the shared dictionary test does not find; every one needs words in both languages.
const sources = ["room-nights.ts", "tables.ts"].map((file) =>
  readFileSync(path.resolve(import.meta.dirname, "../../../../../packages/catalog/src/server", file), "utf8"),
);
const codes = [...new Set(sources.flatMap((text) => [...text.matchAll(/(?:Error\(|message: |error: )"((?:nights|tables)\.[a-zA-Z.]+)"/g)].map((m) => m[1]!)))];

describe("rates and tables words", () => {
  it("has a message in both languages for every refusal", () => {
    expect(codes).toEqual(expect.arrayContaining(["nights.from.past", "nights.range.tooLong", "tables.name.taken", "tables.notFound"]));
    for (const code of codes) {
      expect(zhCN.errors[code], code).toBeTruthy();
      expect(en.errors[code], code).toBeTruthy();
    }
  });
});
