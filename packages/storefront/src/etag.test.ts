import { describe, expect, it } from "vitest";
import { etagOf } from "./etag";

describe("etagOf", () => {
  it("is a weak ETag of the content, whatever the order of its keys", () => {
    const tag = etagOf({ b: 1, a: { d: [1, 2], c: "x" } });
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/);
    expect(etagOf({ a: { c: "x", d: [1, 2] }, b: 1 })).toBe(tag);
  });

  it("changes with any value, and with the order of a list", () => {
    const tag = etagOf({ items: [1, 2] });
    expect(etagOf({ items: [2, 1] })).not.toBe(tag);
    expect(etagOf({ items: [1, 2, 3] })).not.toBe(tag);
  });
});
