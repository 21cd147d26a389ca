import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("the page to return to after sign-in", () => {
  it.each(["/stores/old-street-noodles", "/stores/a/settings?tab=members#invite", "/invite/7a1d/secret"])("follows %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    "//evil.example/steal",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "stores/a",
    "",
    undefined,
  ])("refuses %j", (path) => {
    expect(safeNextPath(path)).toBeNull();
  });
});
